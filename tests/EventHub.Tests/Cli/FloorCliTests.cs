using EventHub.Domain.SpeakerQueue;
using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Cli;

/// <summary>
/// The moderator's floor verbs in the states they are used in (a speech running, paused, over time), each run
/// as a new process would: connect, take in the log, name the speech it sees, send. Checked against the hub's state.
/// </summary>
public sealed class FloorCliTests : HostAndModeratorCli
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await OpenOwnItemAsync();
    }

    SpeakerQueueState Queue => App.Engine.View.State.SpeakerQueue;

    [Fact]
    public async Task WhileASpeechRuns_PauseAddTimeResumeNextGiveFloorEnd_EachActOnIt()
    {
        var first = await AddSpeakerAsync("Ngô Văn Cương");
        var second = await AddSpeakerAsync("Võ Thị Lan", "DNG");
        var third = await AddSpeakerAsync("Trần Văn Bình", "HPG");
        await Ok(Moderator, "moderator", "next", "--limit", "120");
        Assert.Equal(first, Queue.Floor?.RequestId);

        await Ok(Moderator, "moderator", "pause");
        Assert.True(Queue.Floor!.IsPaused);

        await Ok(Moderator, "moderator", "add-time", "30");
        Assert.Equal(150, Queue.Floor!.LimitSeconds);

        await Ok(Moderator, "moderator", "resume");
        Assert.False(Queue.Floor!.IsPaused);

        await Ok(Moderator, "moderator", "next");
        Assert.Equal(second, Queue.Floor?.RequestId);
        Assert.Equal(RequestStatus.Done, Queue.Request(first)!.Status);

        await Ok(Moderator, "moderator", "give-floor", third);
        Assert.Equal(third, Queue.Floor?.RequestId);

        await Ok(Moderator, "moderator", "end");
        Assert.Null(Queue.Floor);
        Assert.Equal(RequestStatus.Done, Queue.Request(third)!.Status);
    }

    [Fact]
    public async Task TheToolStartedCold_PausesAndResumesARunningSpeech()
    {
        await AddSpeakerAsync("Ngô Văn Cương");
        await Ok(Moderator, "moderator", "next");

        var pause = await Moderator.RunProcessAsync("moderator", "pause");
        Assert.True(pause.Exit == ExitCodes.Done, pause.ToString());
        Assert.True(Queue.Floor!.IsPaused);

        var resume = await Moderator.RunProcessAsync("moderator", "resume");
        Assert.True(resume.Exit == ExitCodes.Done, resume.ToString());
        Assert.False(Queue.Floor!.IsPaused);
    }

    [Fact]
    public async Task WhilePaused_EndStopsTheSpeech()
    {
        var speaker = await AddSpeakerAsync("Ngô Văn Cương");
        await Ok(Moderator, "moderator", "next");
        await Ok(Moderator, "moderator", "pause");

        await Ok(Moderator, "moderator", "end");

        Assert.Null(Queue.Floor);
        Assert.Equal(RequestStatus.Done, Queue.Request(speaker)!.Status);
    }

    [Fact]
    public async Task OverTime_AddTimeGivesTimeBack_AndEndStopsIt()
    {
        await AddSpeakerAsync("Ngô Văn Cương");
        await Ok(Moderator, "moderator", "next", "--limit", "1");
        await WaitUntil(() => Queue.Floor!.RemainingMs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) < -200);

        await Ok(Moderator, "moderator", "add-time", "60");
        Assert.True(Queue.Floor!.RemainingMs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) > 0);

        await Ok(Moderator, "moderator", "end");
        Assert.Null(Queue.Floor);
    }

    [Fact]
    public async Task WhileAnotherSiteSpeaks_TheHostWithdrawsItsQueuedRequest_WithoutAnId()
    {
        await AddSpeakerAsync("Võ Thị Lan", "DNG");
        await Ok(Moderator, "moderator", "next");
        var asked = IdIn((await Ok(Host, "request-floor", "--speaker", "Lê Văn Tám", "--topic", "Ngân sách")).Out);

        var withdrawn = await Ok(Host, "withdraw");

        Assert.Contains(asked, withdrawn.Out);
        Assert.Equal(RequestStatus.Withdrawn, Queue.Request(asked)!.Status);
    }

    [Fact]
    public async Task NobodySpeaking_ThePauseIsNotSent_AndTheToolSaysSoWithoutBlamingTheHub()
    {
        var run = await Moderator.RunAsync("moderator", "pause");

        Assert.True(run.Exit == ExitCodes.Refused, run.ToString());
        Assert.Contains("Hiện không ai đang phát biểu", run.Error);
        Assert.DoesNotContain("Hub từ chối", run.Error);
    }

    async Task<string> AddSpeakerAsync(string speaker, string? site = null)
    {
        string[] args = site is null
            ? ["moderator", "add-speaker", "--speaker", speaker, "--topic", "Chuyển đổi số"]
            : ["moderator", "add-speaker", "--speaker", speaker, "--topic", "Chuyển đổi số", "--site", site];
        return IdIn((await Ok(Moderator, args)).Out);
    }

    static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeouts.Call);
        while (!condition()) await Task.Delay(50, timeout.Token);
    }
}
