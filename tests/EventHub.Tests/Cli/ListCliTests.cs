using EventHub.Domain.SpeakerQueue;
using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;
using static EventHub.Tests.Cli.HostAndModeratorCli;

namespace EventHub.Tests.Cli;

/// <summary>
/// The moderator's list and agenda verbs on a list with waiting and approved requests from real sites, and the
/// views (board, report, fair order); each checked against the hub's state.
/// </summary>
public sealed class ListCliTests : IAsyncLifetime
{
    readonly HubApp _app = new();
    readonly CliRunner _hcm = new();
    readonly CliRunner _dng = new();
    readonly CliRunner _moderator = new();
    string _item = "";

    public async Task InitializeAsync()
    {
        await Ok(_hcm, "login", "--hub", _app.BaseAddress.ToString(), "--site", "HCM", "--key", _app.Credentials.Sites["HCM"].HostKey);
        await Ok(_dng, "login", "--hub", _app.BaseAddress.ToString(), "--site", "DNG", "--key", _app.Credentials.Sites["DNG"].HostKey);
        await Ok(_moderator, "login", "--hub", _app.BaseAddress.ToString(), "--role", "moderator", "--key", _app.Credentials.ModeratorKey);
        _item = IdIn((await Ok(_moderator, "moderator", "agenda", "add", "--title", "Thảo luận tổ", "--seconds", "120")).Out);
        await Ok(_moderator, "moderator", "agenda", "set", _item);
    }

    public async Task DisposeAsync()
    {
        _hcm.Dispose();
        _dng.Dispose();
        _moderator.Dispose();
        await _app.DisposeAsync();
    }

    SpeakerQueueState Queue => _app.Engine.View.State.SpeakerQueue;
    IReadOnlyList<string> List => Queue.Item(_item)!.Queue;

    async Task<string> AskAsync(CliRunner host, string speaker) =>
        IdIn((await Ok(host, "request-floor", "--speaker", speaker, "--topic", "Chuyển đổi số")).Out);

    [Fact]
    public async Task WaitingAndApprovedRequests_ApproveDeclineRemoveMoveAndMoveToTop()
    {
        var hall = IdIn((await Ok(_moderator, "moderator", "add-speaker", "--speaker", "Ngô Văn Cương", "--topic", "Khai mạc")).Out);
        var hcm = await AskAsync(_hcm, "Phạm Thị Hoa");
        var dng = await AskAsync(_dng, "Võ Thị Lan");

        await Ok(_moderator, "moderator", "approve", hcm);
        Assert.Equal(RequestStatus.Approved, Queue.Request(hcm)!.Status);

        await Ok(_moderator, "moderator", "move-to-top", dng);
        Assert.Equal([dng, hall, hcm], List);

        await Ok(_moderator, "moderator", "move", dng, "3");
        Assert.Equal([hall, hcm, dng], List);

        await Ok(_moderator, "moderator", "decline", dng, "--reason", "Trùng nội dung");
        Assert.Equal(RequestStatus.Declined, Queue.Request(dng)!.Status);

        await Ok(_moderator, "moderator", "remove", hcm);
        Assert.Equal(RequestStatus.Removed, Queue.Request(hcm)!.Status);
        Assert.Equal([hall], List);
    }

    [Fact]
    public async Task FairOrder_PrintsTheSitesThatHaveNotSpokenFirst_AndAppliesItOnRequest()
    {
        await Ok(_moderator, "moderator", "add-speaker", "--site", "DNG", "--speaker", "Võ Thị Lan", "--topic", "Nông nghiệp");
        await Ok(_moderator, "moderator", "next");
        await Ok(_moderator, "moderator", "end");
        var dng = await AskAsync(_dng, "Trần Văn Bình");
        var hcm = await AskAsync(_hcm, "Phạm Thị Hoa");

        var suggested = await Ok(_moderator, "moderator", "fair-order");
        Assert.Equal([dng, hcm], List); // only printed
        Assert.True(suggested.Out.IndexOf(hcm, StringComparison.Ordinal) < suggested.Out.IndexOf(dng, StringComparison.Ordinal), suggested.Out);
        Assert.Contains("TP. Hồ Chí Minh", suggested.Out);

        await Ok(_moderator, "moderator", "fair-order", "--apply");
        Assert.Equal([hcm, dng], List);
    }

    [Fact]
    public async Task CloseReopenClearAndOptions_ChangeTheList()
    {
        await AskAsync(_hcm, "Phạm Thị Hoa");

        await Ok(_moderator, "moderator", "close-list");
        Assert.True(Queue.Item(_item)!.IsClosed);
        await Ok(_moderator, "moderator", "reopen-list");
        Assert.False(Queue.Item(_item)!.IsClosed);

        var options = await Ok(_moderator, "moderator", "list-options", "--one-per-site", "false");
        Assert.False(Queue.Item(_item)!.OneRequestPerSite);
        Assert.Equal(120, Queue.Item(_item)!.DefaultSpeakingSeconds); // the one not given is kept
        Assert.Contains("Thảo luận tổ", options.Out);
        await AskAsync(_hcm, "Lê Văn Tám"); // a second request from the same site is now allowed

        await Ok(_moderator, "moderator", "list-options", "--seconds", "240");
        Assert.Equal(240, Queue.Item(_item)!.DefaultSpeakingSeconds);
        Assert.False(Queue.Item(_item)!.OneRequestPerSite);

        await Ok(_moderator, "moderator", "clear-list");
        Assert.Empty(List);
    }

    [Fact]
    public async Task ReAddLast_PutsTheSpeakerWhoJustFinishedBackOnTop()
    {
        var nobody = await _moderator.RunAsync("moderator", "re-add-last");
        Assert.True(nobody.Exit == ExitCodes.Refused, nobody.ToString());
        Assert.DoesNotContain("Hub từ chối", nobody.Error);

        await Ok(_moderator, "moderator", "add-speaker", "--site", "DNG", "--speaker", "Võ Thị Lan", "--topic", "Nông nghiệp");
        await Ok(_moderator, "moderator", "next");
        await Ok(_moderator, "moderator", "end");
        var again = IdIn((await Ok(_moderator, "moderator", "re-add-last")).Out);

        Assert.Equal([again], List);
        Assert.Equal("Võ Thị Lan", Queue.Request(again)!.Speaker);
    }

    [Fact]
    public async Task AgendaRenameAndMove_AndSetSaysTheTitle()
    {
        await Ok(_moderator, "moderator", "agenda", "rename", _item, "--title", "Thảo luận tổ 2");
        Assert.Equal("Thảo luận tổ 2", Queue.Item(_item)!.Title);

        await Ok(_moderator, "moderator", "agenda", "move", _item, "1");
        Assert.Equal(_item, Queue.Agenda[0].Id);

        var set = await Ok(_moderator, "moderator", "agenda", "set", Queue.Agenda[1].Id);
        Assert.Contains($"Mục hiện tại: {Queue.Agenda[1].Title}.", set.Out);
    }

    [Fact]
    public async Task Report_ShowsSpeechesPerSiteAndSpeaker_AndTheBoardEverySiteByName()
    {
        var empty = await Ok(_moderator, "moderator", "report");
        Assert.Contains("Chưa có phần phát biểu nào kết thúc", empty.Out);
        await Ok(_moderator, "moderator", "add-speaker", "--site", "DNG", "--speaker", "Võ Thị Lan", "--topic", "Nông nghiệp");
        await Ok(_moderator, "moderator", "next");
        await Ok(_moderator, "moderator", "end");
        await Ok(_hcm, "checkin", "--lead", "Nguyễn Thị Mai", "--headcount", "42");

        var report = await Ok(_moderator, "moderator", "report");
        var board = await Ok(_moderator, "moderator", "board");

        Assert.Contains(report.Out.Split('\n'), l => l.Contains("Võ Thị Lan") && l.Contains("Đà Nẵng (DNG)"));
        Assert.Contains("1/62 đã điểm danh", board.Out);
        Assert.Contains(board.Out.Split('\n'), l => l.Contains("TP. Hồ Chí Minh (HCM)") && l.Contains("Nguyễn Thị Mai") && l.Contains("42"));
        Assert.Contains("Cà Mau (CMU)", board.Out);
    }

    [Fact]
    public async Task HostCannotSeeTheBoard_TheHubRefuses()
    {
        var run = await _hcm.RunAsync("moderator", "board");

        Assert.True(run.Exit == ExitCodes.Refused, run.ToString());
        Assert.Contains("Hub từ chối [auth.forbidden]", run.Error);
    }

    [Fact]
    public async Task ModeratorActsForASite_HeadcountCheckoutAndDelegates()
    {
        await Ok(_moderator, "moderator", "checkin", "--site", "DNG", "--lead", "Trần Văn Bình", "--headcount", "30");
        var headcount = await Ok(_moderator, "moderator", "headcount", "--site", "DNG", "35");
        Assert.Equal(35, _app.Engine.View.State.Attendance.Site("DNG").Headcount);
        Assert.Contains("Đà Nẵng (DNG)", headcount.Out);

        var joined = await _app.LoginDelegateAsync("DNG", "Lê Thị Hồng");
        await Ok(_moderator, "moderator", "remove-delegate", joined.Identity.Id);
        Assert.True(_app.Engine.View.State.Attendance.IsRemoved(joined.Identity.Id));
        await Ok(_moderator, "moderator", "readmit-delegate", joined.Identity.Id);
        Assert.False(_app.Engine.View.State.Attendance.IsRemoved(joined.Identity.Id));

        await Ok(_moderator, "moderator", "checkout", "--site", "DNG");
        Assert.False(_app.Engine.View.State.Attendance.Site("DNG").CheckedIn);
    }

    [Fact]
    public async Task RollCallConfirm_WithNoneOpen_SaysSoInWords_WithoutSending()
    {
        var run = await _hcm.RunAsync("roll-call", "confirm");

        Assert.True(run.Exit == ExitCodes.Refused, run.ToString());
        Assert.Contains("Không có lượt điểm danh nhanh nào đang mở", run.Error);
        Assert.DoesNotContain("rollCallId", run.Error);
        Assert.DoesNotContain("Hub từ chối", run.Error);
    }
}
