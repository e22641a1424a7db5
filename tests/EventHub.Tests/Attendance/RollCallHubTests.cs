using EventHub.Domain.Attendance;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Attendance;

/// <summary>Roll call (điểm danh) through the real client: the moderator starts and closes, hosts confirm.</summary>
public sealed class RollCallHubTests : IAsyncLifetime
{
    HubApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new HubApp(new() { ["EventHub:Presence:WatchInterval"] = "00:00:00.250" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    async Task<ForumClient> CheckedInHostAsync(string site)
    {
        var host = await _app.ConnectAsync(await _app.LoginHostAsync(site));
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Trưởng điểm cầu", 20))).Ok);
        return host;
    }

    [Fact]
    public async Task Moderator_StartsAndCloses_HostsConfirm_ResultIsInTheLog()
    {
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        await using var hcm = await CheckedInHostAsync("HCM");
        await using var dng = await CheckedInHostAsync("DNG");

        var start = await moderator.SendAsync(HubMethods.StartRollCall, new StartRollCallRequest(CommandId.New(), "rc-sang", 600));
        Assert.True(start.Ok, start.Error?.ToString());
        var confirm = await hcm.SendAsync(HubMethods.ConfirmRollCall, new RollCallRequest(CommandId.New(), null, null));
        Assert.True(confirm.Ok, confirm.Error?.ToString());
        var twice = await hcm.SendAsync(HubMethods.ConfirmRollCall, new RollCallRequest(CommandId.New(), null, "rc-sang"));
        Assert.True(twice.Ok);
        Assert.Equal(0, twice.FirstSeq); // nothing new
        var close = await moderator.SendAsync(HubMethods.CloseRollCall, new RollCallRequest(CommandId.New(), null, "rc-sang"));
        Assert.True(close.Ok, close.Error?.ToString());

        await dng.WaitForSeqAsync(close.LastSeq).WaitAsync(Timeouts.Call);
        var rollCall = dng.Forum.State.Attendance.FindRollCall("rc-sang")!;
        Assert.NotNull(rollCall.ClosedAt);
        Assert.Equal(["HCM"], rollCall.Confirmed.Keys);

        var late = await dng.SendAsync(HubMethods.ConfirmRollCall, new RollCallRequest(CommandId.New(), null, "rc-sang"));
        Assert.Equal("rollcall.closed", late.Error?.Code);
        Assert.Equal(close.LastSeq, _app.Engine.View.Head);
    }

    [Fact]
    public async Task ClosedEvent_ListsWhoAnsweredAndEveryOtherSite()
    {
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        await using var hcm = await CheckedInHostAsync("HCM");
        Assert.True((await moderator.SendAsync(HubMethods.StartRollCall, new StartRollCallRequest(CommandId.New(), null, 600))).Ok);
        Assert.True((await hcm.SendAsync(HubMethods.ConfirmRollCall, new RollCallRequest(CommandId.New(), null, null))).Ok);
        RollCallClosed? closed = null;
        moderator.EventApplied += e => closed ??= e.Event as RollCallClosed;

        var close = await moderator.SendAsync(HubMethods.CloseRollCall, new RollCallRequest(CommandId.New(), null, null));
        await moderator.WaitForSeqAsync(close.LastSeq).WaitAsync(Timeouts.Call);

        Assert.NotNull(closed);
        Assert.Equal(["HCM"], closed.Answered);
        Assert.Equal(61, closed.Missing.Count);
        Assert.DoesNotContain("HCM", closed.Missing);
    }

    [Fact]
    public async Task PastTheDeadline_TheSystemClosesIt_AndALateConfirmIsRefused()
    {
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        await using var hcm = await CheckedInHostAsync("HCM");
        var start = await moderator.SendAsync(HubMethods.StartRollCall, new StartRollCallRequest(CommandId.New(), "rc-nhanh", 10));
        Assert.True(start.Ok);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(25);
        while (_app.Engine.View.State.Attendance.FindRollCall("rc-nhanh")?.ClosedAt is null && DateTime.UtcNow < deadline)
            await Task.Delay(200);

        Assert.NotNull(_app.Engine.View.State.Attendance.FindRollCall("rc-nhanh")?.ClosedAt);
        var late = await hcm.SendAsync(HubMethods.ConfirmRollCall, new RollCallRequest(CommandId.New(), null, "rc-nhanh"));
        Assert.Equal("rollcall.closed", late.Error?.Code);
    }

    [Fact]
    public async Task BadRollCallInput_IsAStructuredErrorAndNoEvent()
    {
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        await using var hcm = await CheckedInHostAsync("HCM");
        await using var display = await _app.ConnectAsync(await _app.LoginDisplayAsync());
        await using var delegateClient = await _app.ConnectAsync(await _app.LoginDelegateAsync("HCM", "Hà Huy Tập"));
        var head = _app.Engine.View.Head;

        Assert.Equal("input.out_of_range", (await moderator.SendAsync(HubMethods.StartRollCall, new StartRollCallRequest(CommandId.New(), null, -5))).Error?.Code);
        Assert.Equal("input.out_of_range", (await moderator.SendAsync(HubMethods.StartRollCall, new StartRollCallRequest(CommandId.New(), null, 86_400))).Error?.Code);
        Assert.Equal("auth.forbidden", (await hcm.SendAsync(HubMethods.StartRollCall, new StartRollCallRequest(CommandId.New(), null, 60))).Error?.Code);
        Assert.Equal("input.required", (await hcm.SendAsync(HubMethods.ConfirmRollCall, new RollCallRequest(CommandId.New(), null, null))).Error?.Code);
        Assert.Equal("rollcall.unknown", (await hcm.SendAsync(HubMethods.ConfirmRollCall, new RollCallRequest(CommandId.New(), null, "rc-x"))).Error?.Code);
        Assert.Equal(head, _app.Engine.View.Head);

        Assert.True((await moderator.SendAsync(HubMethods.StartRollCall, new StartRollCallRequest(CommandId.New(), "rc-1", 600))).Ok);
        head = _app.Engine.View.Head;
        Assert.Equal("auth.other_site", (await hcm.SendAsync(HubMethods.ConfirmRollCall, new RollCallRequest(CommandId.New(), "DNG", null))).Error?.Code);
        Assert.Equal("auth.forbidden", (await moderator.SendAsync(HubMethods.ConfirmRollCall, new RollCallRequest(CommandId.New(), "HCM", null))).Error?.Code);
        Assert.Equal("auth.forbidden", (await display.SendAsync(HubMethods.ConfirmRollCall, new RollCallRequest(CommandId.New(), "HCM", null))).Error?.Code);
        Assert.Equal("auth.forbidden", (await delegateClient.SendAsync(HubMethods.ConfirmRollCall, new RollCallRequest(CommandId.New(), "HCM", null))).Error?.Code);
        Assert.Equal("auth.forbidden", (await hcm.SendAsync(HubMethods.CloseRollCall, new RollCallRequest(CommandId.New(), null, null))).Error?.Code);
        Assert.Equal("rollcall.still_open", (await moderator.SendAsync(HubMethods.StartRollCall, new StartRollCallRequest(CommandId.New(), "rc-2", 60))).Error?.Code);
        Assert.Equal(head, _app.Engine.View.Head);
    }
}
