using System.Text.Json;
using System.Text.RegularExpressions;
using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Cli;

/// <summary>The speaker queue from a terminal: a site asks the floor, the moderator runs the list, watch sees the call.</summary>
public sealed partial class QueueCliTests : IAsyncLifetime
{
    readonly HubApp _app = new();
    readonly CliRunner _host = new();
    readonly CliRunner _moderator = new();

    public async Task InitializeAsync()
    {
        await Ok(_host, "login", "--hub", _app.BaseAddress.ToString(), "--site", "HCM", "--key", _app.Credentials.Sites["HCM"].HostKey);
        await Ok(_moderator, "login", "--hub", _app.BaseAddress.ToString(), "--role", "moderator", "--key", _app.Credentials.ModeratorKey);
        // An item of its own, made current, so the seeded hall speakers are not in the way.
        var added = await Ok(_moderator, "moderator", "agenda", "add", "--title", "Thảo luận tổ", "--seconds", "120");
        await Ok(_moderator, "moderator", "agenda", "set", IdIn(added.Out));
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        _moderator.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task SiteAsksTheFloor_ModeratorApprovesAndCallsNext_WatchJsonSeesTheSiteCalled()
    {
        using var stop = new CancellationTokenSource();
        var (exit, output, _) = _host.Start(["watch", "--json"], stop.Token);
        await output.WaitForLineAsync(l => l.Contains("\"state\":\"connected\""), Timeouts.Call);

        var asked = await Ok(_host, "request-floor", "--speaker", "Phạm Thị Hoa", "--title", "Giám đốc Sở", "--topic", "Chuyển đổi số");
        var request = IdIn(asked.Out);
        await Ok(_moderator, "moderator", "approve", request);
        await Ok(_moderator, "moderator", "next", "--limit", "90");

        var line = await output.WaitForLineAsync(l => l.Contains("queue.speech_started"), Timeouts.Call);
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Done, await exit.WaitAsync(Timeouts.Call));
        var data = JsonDocument.Parse(line).RootElement.GetProperty("data");
        Assert.Equal(request, data.GetProperty("requestId").GetString());
        Assert.Equal("HCM", data.GetProperty("site").GetString());
        Assert.Equal("Phạm Thị Hoa", data.GetProperty("speaker").GetString());
        Assert.Equal(90, data.GetProperty("limitSeconds").GetInt32());
        Assert.Equal(request, _app.Engine.View.State.SpeakerQueue.Floor?.RequestId);
    }

    [Fact]
    public async Task Withdraw_WithoutAnId_TakesBackTheSitesQueuedRequest()
    {
        var asked = await Ok(_host, "request-floor", "--speaker", "Lê Văn Tám", "--topic", "Ngân sách");
        var withdrawn = await Ok(_host, "withdraw");

        Assert.Contains(IdIn(asked.Out), withdrawn.Out);
        Assert.Empty(_app.Engine.View.State.SpeakerQueue.CurrentItem!.Queue);
    }

    [Fact]
    public async Task ModeratorAddsSpeakers_AndMovesOneToTheTop()
    {
        var first = IdIn((await Ok(_moderator, "moderator", "add-speaker", "--speaker", "Ngô Văn Cương", "--topic", "Khai mạc")).Out);
        var second = IdIn((await Ok(_moderator, "moderator", "add-speaker", "--site", "dng", "--speaker", "Võ Thị Lan", "--topic", "Nông nghiệp")).Out);
        await Ok(_moderator, "moderator", "move", second, "1");

        var queue = _app.Engine.View.State.SpeakerQueue;
        Assert.Equal([second, first], queue.CurrentItem!.Queue);
        Assert.Equal("DNG", queue.Request(second)!.Site);
        Assert.Null(queue.Request(first)!.Site);
    }

    [Fact]
    public async Task FloorVerbs_WithNobodySpeaking_AreRefusedWithACode()
    {
        var end = await _moderator.RunAsync("moderator", "end", "--lang", "en");

        Assert.True(end.Exit == ExitCodes.Refused, end.ToString());
        Assert.Contains("queue.not_speaking", end.Error);
        Assert.Contains("Nobody is speaking", end.Error);
    }

    [Fact]
    public async Task HostCannotRunTheList_TheHubRefusesWithExitOne()
    {
        var run = await _host.RunAsync("moderator", "next");

        Assert.True(run.Exit == ExitCodes.Refused, run.ToString());
        Assert.Contains("auth.forbidden", run.Error);
    }

    static async Task<CliRun> Ok(CliRunner cli, params string[] args)
    {
        var run = await cli.RunAsync(args);
        Assert.True(run.Exit == ExitCodes.Done, run.ToString());
        return run;
    }

    /// <summary>The id a creating verb prints ("Mã yêu cầu: …" / "Mã mục: …").</summary>
    static string IdIn(string output) => PrintedId().Match(output).Groups[1].Value;

    [GeneratedRegex(@"Mã (?:yêu cầu|mục): ([A-Za-z0-9_-]+)")]
    private static partial Regex PrintedId();
}
