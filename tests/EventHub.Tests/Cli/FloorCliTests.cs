using System.Text.RegularExpressions;
using EventHub.Domain.SpeakerQueue;
using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Cli;

/// <summary>
/// The moderator's floor verbs in the states they are used in (a speech running, paused, over time), each run
/// as a new process would: connect, take in the log, name the speech it sees, send. Checked against the hub's state.
/// </summary>
public sealed partial class FloorCliTests : IAsyncLifetime
{
    readonly HubApp _app = new();
    readonly CliRunner _host = new();
    readonly CliRunner _moderator = new();

    public async Task InitializeAsync()
    {
        await Ok(_host, "login", "--hub", _app.BaseAddress.ToString(), "--site", "HCM", "--key", _app.Credentials.Sites["HCM"].HostKey);
        await Ok(_moderator, "login", "--hub", _app.BaseAddress.ToString(), "--role", "moderator", "--key", _app.Credentials.ModeratorKey);
        var added = await Ok(_moderator, "moderator", "agenda", "add", "--title", "Thảo luận tổ", "--seconds", "120");
        await Ok(_moderator, "moderator", "agenda", "set", IdIn(added.Out));
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        _moderator.Dispose();
        await _app.DisposeAsync();
    }

    SpeakerQueueState Queue => _app.Engine.View.State.SpeakerQueue;

    [Fact]
    public async Task WhileASpeechRuns_PauseAddTimeResumeNextGiveFloorEnd_EachActOnIt()
    {
        var first = await AddSpeakerAsync("Ngô Văn Cương");
        var second = await AddSpeakerAsync("Võ Thị Lan", "DNG");
        var third = await AddSpeakerAsync("Trần Văn Bình", "HPG");
        await Ok(_moderator, "moderator", "next", "--limit", "120");
        Assert.Equal(first, Queue.Floor?.RequestId);

        await Ok(_moderator, "moderator", "pause");
        Assert.True(Queue.Floor!.IsPaused);

        await Ok(_moderator, "moderator", "add-time", "30");
        Assert.Equal(150, Queue.Floor!.LimitSeconds);

        await Ok(_moderator, "moderator", "resume");
        Assert.False(Queue.Floor!.IsPaused);

        await Ok(_moderator, "moderator", "next");
        Assert.Equal(second, Queue.Floor?.RequestId);
        Assert.Equal(RequestStatus.Done, Queue.Request(first)!.Status);

        await Ok(_moderator, "moderator", "give-floor", third);
        Assert.Equal(third, Queue.Floor?.RequestId);

        await Ok(_moderator, "moderator", "end");
        Assert.Null(Queue.Floor);
        Assert.Equal(RequestStatus.Done, Queue.Request(third)!.Status);
    }

    [Fact]
    public async Task TheToolStartedCold_PausesAndResumesARunningSpeech()
    {
        await AddSpeakerAsync("Ngô Văn Cương");
        await Ok(_moderator, "moderator", "next");

        var pause = await _moderator.RunProcessAsync("moderator", "pause");
        Assert.True(pause.Exit == ExitCodes.Done, pause.ToString());
        Assert.True(Queue.Floor!.IsPaused);

        var resume = await _moderator.RunProcessAsync("moderator", "resume");
        Assert.True(resume.Exit == ExitCodes.Done, resume.ToString());
        Assert.False(Queue.Floor!.IsPaused);
    }

    [Fact]
    public async Task WhilePaused_EndStopsTheSpeech()
    {
        var speaker = await AddSpeakerAsync("Ngô Văn Cương");
        await Ok(_moderator, "moderator", "next");
        await Ok(_moderator, "moderator", "pause");

        await Ok(_moderator, "moderator", "end");

        Assert.Null(Queue.Floor);
        Assert.Equal(RequestStatus.Done, Queue.Request(speaker)!.Status);
    }

    [Fact]
    public async Task OverTime_AddTimeGivesTimeBack_AndEndStopsIt()
    {
        await AddSpeakerAsync("Ngô Văn Cương");
        await Ok(_moderator, "moderator", "next", "--limit", "1");
        await WaitUntil(() => Queue.Floor!.RemainingMs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) < -200);

        await Ok(_moderator, "moderator", "add-time", "60");
        Assert.True(Queue.Floor!.RemainingMs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) > 0);

        await Ok(_moderator, "moderator", "end");
        Assert.Null(Queue.Floor);
    }

    [Fact]
    public async Task WhileAnotherSiteSpeaks_TheHostWithdrawsItsQueuedRequest_WithoutAnId()
    {
        await AddSpeakerAsync("Võ Thị Lan", "DNG");
        await Ok(_moderator, "moderator", "next");
        var asked = IdIn((await Ok(_host, "request-floor", "--speaker", "Lê Văn Tám", "--topic", "Ngân sách")).Out);

        var withdrawn = await Ok(_host, "withdraw");

        Assert.Contains(asked, withdrawn.Out);
        Assert.Equal(RequestStatus.Withdrawn, Queue.Request(asked)!.Status);
    }

    [Fact]
    public async Task NobodySpeaking_ThePauseIsNotSent_AndTheToolSaysSoWithoutBlamingTheHub()
    {
        var run = await _moderator.RunAsync("moderator", "pause");

        Assert.True(run.Exit == ExitCodes.Refused, run.ToString());
        Assert.Contains("Hiện không ai đang phát biểu", run.Error);
        Assert.DoesNotContain("Hub từ chối", run.Error);
    }

    async Task<string> AddSpeakerAsync(string speaker, string? site = null)
    {
        string[] args = site is null
            ? ["moderator", "add-speaker", "--speaker", speaker, "--topic", "Chuyển đổi số"]
            : ["moderator", "add-speaker", "--speaker", speaker, "--topic", "Chuyển đổi số", "--site", site];
        return IdIn((await Ok(_moderator, args)).Out);
    }

    static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeouts.Call);
        while (!condition()) await Task.Delay(50, timeout.Token);
    }

    internal static async Task<CliRun> Ok(CliRunner cli, params string[] args)
    {
        var run = await cli.RunAsync(args);
        Assert.True(run.Exit == ExitCodes.Done, $"{string.Join(' ', args)}: {run}");
        return run;
    }

    /// <summary>The id a creating verb prints ("Mã yêu cầu: …" / "Mã mục: …").</summary>
    internal static string IdIn(string output) => PrintedId().Match(output).Groups[1].Value;

    [GeneratedRegex(@"Mã (?:yêu cầu|mục): ([A-Za-z0-9_-]+)")]
    private static partial Regex PrintedId();
}
