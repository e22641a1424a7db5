using EventHub.Domain.Protocol;
using EventHub.LoadTests;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Hub;

/// <summary>Idempotent commands and nothing missed after a reconnect (invariants 3 and 4).</summary>
public sealed class ResumeTests
{
    /// <summary>How long a cut client stays off the network: long enough for the others to act meanwhile.</summary>
    static readonly TimeSpan Away = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task RetryWithTheSameCommandId_ReturnsTheFirstOutcome_AndAddsNoEvent()
    {
        await using var app = new HubApp();
        await using var host = await app.ConnectAsync(await app.LoginHostAsync("HCM"));
        var id = CommandId.New();

        var first = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(id, null, "Nguyễn Thị Mai", 42));
        var again = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(id, null, "Nguyễn Thị Mai", 42));
        // Even a changed payload under the same id is the same command: the first outcome stands.
        var changed = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(id, null, "Someone Else", 7));

        Assert.True(first.Ok && !first.Duplicate);
        Assert.Equal(first with { Duplicate = true }, again);
        Assert.Equal(first with { Duplicate = true }, changed);
        Assert.Equal(first.LastSeq, app.Engine.View.Head);
        Assert.Equal(42, app.Engine.View.State.Attendance.Site("HCM").Headcount);
    }

    /// <summary>
    /// SignalR fails a call pending on a connection that closes with a TaskCanceledException; the client must take it
    /// for a lost answer (resend the same id), not for the caller giving up: a phone that loses its network mid-vote
    /// keeps its vote, counted once.
    /// </summary>
    [Fact]
    public async Task CommandsInFlight_WhenTheNetworkCuts_AreResentAndAnsweredOnce()
    {
        await using var app = new HubApp();
        var network = new NetworkCut();
        await using var host = await app.ConnectAsync(await app.LoginHostAsync("HCM"), network: network);
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 10))).Ok);
        var before = app.Engine.View.Head;

        var sends = Enumerable.Range(1, 10)
            .Select(i => host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), null, 10 + i))).ToList();
        network.Cut(Away);
        var results = await Task.WhenAll(sends).WaitAsync(Timeouts.Heal);

        Assert.All(results, r => Assert.True(r.Ok, r.Error?.Code));
        Assert.Equal(10, results.Select(r => r.FirstSeq).Distinct().Count());
        Assert.Equal(before + 10, app.Engine.View.Head);
    }

    [Fact]
    public async Task ClientCutOff_WhileOthersAct_ResumesWithEveryEventOnceAndInOrder()
    {
        await using var app = new HubApp();
        await using var moderator = await app.ConnectAsync(await app.LoginModeratorAsync());
        var network = new NetworkCut();
        await using var watcher = await app.ConnectAsync(await app.LoginDisplayAsync(), network: network);
        var seen = new List<long>();
        watcher.EventApplied += e => seen.Add(e.Envelope.Seq);
        var start = watcher.Forum.LastSeq;

        network.Cut(Away);
        var sites = new[] { "HCM", "DNG", "HPG", "CTO", "HUE" };
        CommandResult last = null!;
        foreach (var site in sites)
            last = await moderator.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), site, "Trưởng đoàn", 10));

        await watcher.WaitForSeqAsync(last.LastSeq).WaitAsync(Timeouts.Heal);
        Assert.Equal(Enumerable.Range((int)start + 1, (int)(last.LastSeq - start)).Select(i => (long)i), seen);
        Assert.All(sites, s => Assert.True(watcher.Forum.State.Attendance.Site(s).CheckedIn));
        Assert.True(watcher.Resumes >= 2);
    }

    [Fact]
    public async Task ClientFurtherBehindThanTheWindow_GetsASnapshotThenLiveEvents()
    {
        await using var app = new HubApp(new() { ["EventHub:ResumeWindow"] = "3" });
        await using var moderator = await app.ConnectAsync(await app.LoginModeratorAsync());
        var network = new NetworkCut();
        await using var watcher = await app.ConnectAsync(await app.LoginDisplayAsync(), network: network);
        var snapshots = watcher.Snapshots;

        network.Cut(Away);
        foreach (var site in new[] { "HCM", "DNG", "HPG", "CTO", "HUE", "QNH" })
            await moderator.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), site, "Trưởng đoàn", 10));
        await watcher.WaitForSeqAsync(app.Engine.View.Head).WaitAsync(Timeouts.Heal);

        Assert.True(watcher.Snapshots > snapshots);
        Assert.Equal(6, watcher.Forum.State.Attendance.Sites.Values.Count(s => s.CheckedIn));

        var next = await moderator.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), "AGG", "Trưởng đoàn", 5));
        await watcher.WaitForSeqAsync(next.LastSeq).WaitAsync(Timeouts.Call);
        Assert.True(watcher.Forum.State.Attendance.Site("AGG").CheckedIn);
    }

    [Fact]
    public async Task ResumeFromAnotherEpoch_GetsASnapshotOfTheCurrentLog()
    {
        await using var app = new HubApp();
        await using var display = await app.ConnectAsync(await app.LoginDisplayAsync());

        var result = await display.InvokeAsync<ResumeResult>(HubMethods.Resume, new ResumeRequest("an-old-epoch", 1)).WaitAsync(Timeouts.Call);

        Assert.NotNull(result.Snapshot);
        Assert.Equal(app.Engine.View.Epoch, result.Epoch);
        Assert.Equal(app.Engine.View.Head, result.SnapshotSeq);
        Assert.Empty(result.Events);
    }

    [Fact]
    public async Task CommandSentWhileDisconnected_IsDeliveredOnceAfterTheReconnect()
    {
        await using var app = new HubApp();
        var network = new NetworkCut();
        await using var host = await app.ConnectAsync(await app.LoginHostAsync("HCM"), network: network);

        network.Cut(Away);
        var result = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 42))
            .WaitAsync(Timeouts.Heal);

        Assert.True(result.Ok);
        Assert.Equal(result.LastSeq, app.Engine.View.Head);
    }

    [Fact]
    public async Task AnArrivalHandlerThatThrows_DoesNotCostTheClientTheEvent()
    {
        await using var app = new HubApp(new() { ["EventHub:PositionInterval"] = "01:00:00" }); // no beacon to heal it
        await using var host = await app.ConnectAsync(await app.LoginHostAsync("HCM"));
        await using var display = await app.ConnectAsync(await app.LoginDisplayAsync());
        display.EnvelopeArrived += _ => throw new InvalidOperationException("a broken handler");
        var resumes = display.Resumes;

        var result = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 42));

        await display.WaitForSeqAsync(result.LastSeq).WaitAsync(Timeouts.Call);
        Assert.True(display.Forum.State.Attendance.Site("HCM").CheckedIn);
        Assert.Equal(resumes, display.Resumes); // taken in live, not healed
    }
}
