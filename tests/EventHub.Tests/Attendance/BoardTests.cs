using System.Collections.Concurrent;
using System.Text.Json;
using EventHub.Domain.Attendance;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Tests.Attendance;

/// <summary>The moderator's live board of the 62 sites: status, presence, round trips, alerts, coalescing.</summary>
public sealed class BoardTests : IAsyncLifetime
{
    HubApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new HubApp(new()
        {
            ["EventHub:Presence:BoardInterval"] = "00:00:00.300",
            ["EventHub:Presence:PingInterval"] = "00:00:00.200",
            ["EventHub:Presence:WatchInterval"] = "00:00:00.200",
            ["EventHub:Presence:HostAlertAfter"] = "00:00:01",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    static async Task<SiteBoard> WaitForBoardAsync(ForumClient moderator, Func<SiteBoard, bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeouts.Call;
        while (true)
        {
            var board = await moderator.InvokeAsync<SiteBoard>(HubMethods.GetBoard).WaitAsync(Timeouts.Call);
            if (condition(board)) return board;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Board never matched; last: {JsonSerializer.Serialize(board)}");
            await Task.Delay(100);
        }
    }

    static SiteBoardRow Row(SiteBoard board, string site) => board.Sites.Single(s => s.Site == site);

    [Fact]
    public async Task Board_ShowsEachSitesStatus_HeadcountDelegatesAndTotals()
    {
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        var start = await moderator.InvokeAsync<SiteBoard>(HubMethods.GetBoard).WaitAsync(Timeouts.Call);
        Assert.Equal(62, start.Sites.Count);
        Assert.All(start.Sites, s => Assert.Equal(SiteStatus.NotCheckedIn, s.Status));

        await using var hcm = await _app.ConnectAsync(await _app.LoginHostAsync("HCM"));
        Assert.True((await hcm.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 40))).Ok);
        var dng = await _app.ConnectAsync(await _app.LoginHostAsync("DNG"));
        Assert.True((await dng.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lê Văn Bình", 25))).Ok);
        Assert.True((await dng.SendAsync(HubMethods.CheckOut, new SiteRequest(CommandId.New(), null))).Ok);
        await dng.DisposeAsync();
        var hpg = await _app.ConnectAsync(await _app.LoginHostAsync("HPG"));
        Assert.True((await hpg.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Đỗ Minh Khoa", 10))).Ok);
        await hpg.DisposeAsync();
        var awardeeLogin = await _app.LoginDelegateAsync("HCM", "Võ Thị Sáu", awardee: true);
        // A claimed award counts once the site's host confirms it.
        Assert.True((await hcm.SendAsync(HubMethods.ConfirmAwardee, new DelegateRequest(CommandId.New(), awardeeLogin.Identity.Id))).Ok);
        await using var awardee = await _app.ConnectAsync(awardeeLogin);
        await using var other = await _app.ConnectAsync(await _app.LoginDelegateAsync("HCM", "Trần Phú"));
        await using var display = await _app.ConnectAsync(await _app.LoginDisplayAsync());

        var board = await WaitForBoardAsync(moderator, b =>
            Row(b, "HPG").Status == SiteStatus.HostDisconnected && b.Totals.DelegatesConnected == 2 && b.Totals.DisplaysConnected == 1);

        Assert.Equal(SiteStatus.Online, Row(board, "HCM").Status);
        Assert.Equal(40, Row(board, "HCM").Headcount);
        Assert.Equal("Nguyễn Thị Mai", Row(board, "HCM").Lead);
        Assert.Equal(2, Row(board, "HCM").DelegatesConnected);
        Assert.Equal(SiteStatus.CheckedOut, Row(board, "DNG").Status);
        Assert.NotNull(Row(board, "HPG").HostLastHeardAt);
        Assert.Equal(SiteStatus.NotCheckedIn, Row(board, "HUE").Status);
        Assert.Equal(new BoardTotals(Sites: 62, SitesCheckedIn: 2, SitesOnline: 1, Headcount: 50, DelegatesJoined: 2,
            DelegatesConnected: 2, AwardeesJoined: 1, AwardeesConnected: 1, DisplaysConnected: 1, HostAlerts: board.Totals.HostAlerts),
            board.Totals);
    }

    [Fact]
    public async Task HostsRoundTrip_IsMeasuredByTheHub()
    {
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        await using var hcm = await _app.ConnectAsync(await _app.LoginHostAsync("HCM"));

        var board = await WaitForBoardAsync(moderator, b => Row(b, "HCM").HostRttMs is not null);

        Assert.InRange(Row(board, "HCM").HostRttMs!.Value, 0, 5_000);
        Assert.Equal(1, Row(board, "HCM").HostConnections);
    }

    [Fact]
    public async Task AHostGoneLongerThanTheThreshold_RaisesALoggedAlert_AndItsReturnClearsIt()
    {
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        var login = await _app.LoginHostAsync("CTO");
        var host = await _app.ConnectAsync(login);
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Đỗ Minh Khoa", 10))).Ok);
        await host.DisposeAsync();

        var lost = await WaitForBoardAsync(moderator, b => Row(b, "CTO").HostAlert);
        Assert.Equal(SiteStatus.HostDisconnected, Row(lost, "CTO").Status);
        Assert.Equal(1, lost.Totals.HostAlerts);
        Assert.True(_app.Engine.View.State.Attendance.Site("CTO").HostLost);

        await using var back = await _app.ConnectAsync(login);
        var clear = await WaitForBoardAsync(moderator, b => !Row(b, "CTO").HostAlert);
        Assert.Equal(SiteStatus.Online, Row(clear, "CTO").Status);
        await moderator.WaitForSeqAsync(_app.Engine.View.Head).WaitAsync(Timeouts.Call);
        Assert.False(moderator.Forum.State.Attendance.Site("CTO").HostLost);
    }

    [Fact]
    public async Task ManyDelegatesComingAndGoing_ReachTheModeratorCoalesced()
    {
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        var boards = new ConcurrentQueue<SiteBoard>();
        using var subscription = moderator.On<SiteBoard>(PresenceMessages.Board, boards.Enqueue);
        await WaitForBoardAsync(moderator, _ => true);
        await Task.Delay(700); // the first (connect-time) board has gone out
        boards.Clear();

        var started = DateTime.UtcNow;
        var logins = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => _app.LoginDelegateAsync("HUE", $"Đại biểu số {i}")));
        var clients = new List<ForumClient>();
        foreach (var login in logins) clients.Add(await _app.ConnectAsync(login));
        foreach (var client in clients) await client.DisposeAsync();
        var elapsed = DateTime.UtcNow - started;
        await Task.Delay(1_000);

        // 40 presence changes; at most one board per 300 ms interval (plus the one after the last change).
        var allowed = (int)(elapsed.TotalMilliseconds / 300) + 3;
        Assert.InRange(boards.Count, 1, Math.Min(allowed, 39));
        Assert.Equal(0, boards.Last().Sites.Single(s => s.Site == "HUE").DelegatesConnected);
    }

    [Theory]
    [InlineData("siteHost")]
    [InlineData("delegate")]
    [InlineData("display")]
    public async Task OnlyTheModerator_GetsTheBoard(string role)
    {
        var login = role switch
        {
            "siteHost" => await _app.LoginHostAsync("HCM"),
            "delegate" => await _app.LoginDelegateAsync("HCM", "Lý Tự Trọng"),
            _ => await _app.LoginDisplayAsync(),
        };
        await using var client = await _app.ConnectAsync(login);
        var ex = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync<SiteBoard>(HubMethods.GetBoard).WaitAsync(Timeouts.Call));
        Assert.Contains("auth.forbidden", ex.Message);
    }
}
