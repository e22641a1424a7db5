using System.Text.Json;
using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Cli;

/// <summary>The speaker queue from a terminal: a site asks the floor, the moderator runs the list, watch sees the call.</summary>
public sealed class QueueCliTests : HostAndModeratorCli
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await OpenOwnItemAsync();
    }

    [Fact]
    public async Task SiteAsksTheFloor_ModeratorApprovesAndCallsNext_WatchJsonSeesTheSiteCalled()
    {
        using var stop = new CancellationTokenSource();
        var (exit, output, _) = Host.Start(["watch", "--json"], stop.Token);
        await output.WaitForLineAsync(l => l.Contains("\"state\":\"connected\""), Timeouts.Call);

        var asked = await Ok(Host, "request-floor", "--speaker", "Phạm Thị Hoa", "--title", "Giám đốc Sở", "--topic", "Chuyển đổi số");
        var request = IdIn(asked.Out);
        await Ok(Moderator, "moderator", "approve", request);
        await Ok(Moderator, "moderator", "next", "--limit", "90");

        var line = await output.WaitForLineAsync(l => l.Contains("queue.speech_started"), Timeouts.Call);
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Done, await exit.WaitAsync(Timeouts.Call));
        var data = JsonDocument.Parse(line).RootElement.GetProperty("data");
        Assert.Equal(request, data.GetProperty("requestId").GetString());
        Assert.Equal("HCM", data.GetProperty("site").GetString());
        Assert.Equal("Phạm Thị Hoa", data.GetProperty("speaker").GetString());
        Assert.Equal(90, data.GetProperty("limitSeconds").GetInt32());
        Assert.Equal(request, App.Engine.View.State.SpeakerQueue.Floor?.RequestId);
    }

    [Fact]
    public async Task Withdraw_WithoutAnId_TakesBackTheSitesQueuedRequest()
    {
        var asked = await Ok(Host, "request-floor", "--speaker", "Lê Văn Tám", "--topic", "Ngân sách");
        var withdrawn = await Ok(Host, "withdraw");

        Assert.Contains(IdIn(asked.Out), withdrawn.Out);
        Assert.Empty(App.Engine.View.State.SpeakerQueue.CurrentItem!.Queue);
    }

    [Fact]
    public async Task ModeratorAddsSpeakers_AndMovesOneToTheTop()
    {
        var first = IdIn((await Ok(Moderator, "moderator", "add-speaker", "--speaker", "Ngô Văn Cương", "--topic", "Khai mạc")).Out);
        var second = IdIn((await Ok(Moderator, "moderator", "add-speaker", "--site", "dng", "--speaker", "Võ Thị Lan", "--topic", "Nông nghiệp")).Out);
        await Ok(Moderator, "moderator", "move", second, "1");

        var queue = App.Engine.View.State.SpeakerQueue;
        Assert.Equal([second, first], queue.CurrentItem!.Queue);
        Assert.Equal("DNG", queue.Request(second)!.Site);
        Assert.Null(queue.Request(first)!.Site);
    }

    [Fact]
    public async Task FloorVerbs_WithNobodySpeaking_AreRefusedWithACode()
    {
        var end = await Moderator.RunAsync("moderator", "end", "--lang", "en");

        Assert.True(end.Exit == ExitCodes.Refused, end.ToString());
        Assert.Contains("queue.not_speaking", end.Error);
        Assert.Contains("Nobody is speaking", end.Error);
    }

    [Fact]
    public async Task HostCannotRunTheList_TheHubRefusesWithExitOne()
    {
        var run = await Host.RunAsync("moderator", "next");

        Assert.True(run.Exit == ExitCodes.Refused, run.ToString());
        Assert.Contains("auth.forbidden", run.Error);
    }
}
