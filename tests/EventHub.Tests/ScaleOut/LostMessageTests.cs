using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.Fanout;
using EventHub.Storage;
using EventHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventHub.Tests.ScaleOut;

/// <summary>
/// Messages can be lost on the way: the store's feed to a node (Redis pub/sub drops while a node is disconnected),
/// or a node's write to one of its clients. Nodes heal the first by reading the log, clients the second by resuming.
/// </summary>
public sealed class LostMessageTests : IAsyncLifetime
{
    readonly RedisCluster _cluster = new();
    readonly DroppedEvents _unwritten = new();
    readonly DroppedEvents _unheard = new();
    readonly DroppedEvents _unheardByC = new();
    HubApp _a = null!;
    HubApp _b = null!;
    HubApp _c = null!;

    public Task InitializeAsync()
    {
        // Node A's fan-out loses events; node B's feed loses them.
        _a = _cluster.StartNode(services => services.AddSingleton<IEventPublisher>(sp =>
            _unwritten.Wrap(sp.GetRequiredService<NodeFanout>())));
        _b = _cluster.StartNode(services => services.AddSingleton<IEventFeed>(sp =>
            _unheard.Wrap(ActivatorUtilities.CreateInstance<EventHub.Storage.Redis.RedisEventFeed>(sp))));
        // Node C loses feed messages too, and has no beacon to find them: it stays behind until asked.
        _c = _cluster.StartNode(services => services.AddSingleton<IEventFeed>(sp =>
            _unheardByC.Wrap(ActivatorUtilities.CreateInstance<EventHub.Storage.Redis.RedisEventFeed>(sp))), TimeSpan.FromHours(1));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AnEventNeverWrittenToANodesClients_IsHealedFromThePositionBeacon_WhileTheOtherNodeDeliversItLive()
    {
        await using var onA = await _a.ConnectAsync(await _a.LoginDisplayAsync());
        await using var onB = await _b.ConnectAsync(await _b.LoginModeratorAsync());
        await using var host = await _a.ConnectAsync(await _a.LoginHostAsync("HGG"));
        var resumesBefore = (onA.Resumes, onB.Resumes);

        _unwritten.DropNext(1);
        var result = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lead", 12)).WaitAsync(Timeouts.Call);
        Assert.True(result.Ok);
        Assert.Equal(1, _unwritten.Dropped);

        // No later event arrives to reveal the gap: only the beacon (every 0.5 s here) can tell A's clients.
        await onA.ReachAsync(result.LastSeq, Timeouts.Heal);
        await onB.ReachAsync(result.LastSeq, Timeouts.Heal);
        Assert.True(onA.Resumes > resumesBefore.Item1);
        Assert.Equal(resumesBefore.Item2, onB.Resumes);
    }

    [Fact]
    public async Task AnEventTheFeedLosesOnItsWayToANode_IsReadFromTheLogByThatNode_AndItsClientsGetItLiveInOrder()
    {
        await using var onB = await _b.ConnectAsync(await _b.LoginDisplayAsync());
        await using var host = await _a.ConnectAsync(await _a.LoginHostAsync("CBG"));
        var recorder = new EventRecorder(onB);
        var resumesBefore = onB.Resumes;

        _unheard.DropNext(1);
        var result = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lead", 12)).WaitAsync(Timeouts.Call);

        // Nothing follows it: node B finds it at its next read of the log (the beacon's, every 0.5 s here).
        await onB.ReachAsync(result.LastSeq, Timeouts.Heal);
        Assert.Equal(1, _unheard.Dropped);
        recorder.AssertGapless(result.LastSeq);
        Assert.Equal(resumesBefore, onB.Resumes);
        Assert.Equal(0, onB.GapsSeen);
    }

    [Fact]
    public async Task ALostFeedMessageFollowedByAnother_IsFilledInByTheNode_AndTheClientTakesEveryEventOnceInOrder()
    {
        await using var onB = await _b.ConnectAsync(await _b.LoginDisplayAsync());
        await using var host = await _a.ConnectAsync(await _a.LoginHostAsync("BKN"));
        var recorder = new EventRecorder(onB);
        var resumesBefore = onB.Resumes;

        _unheard.DropNext(1);
        var lost = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lead", 12)).WaitAsync(Timeouts.Call);
        var next = await host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), null, 13)).WaitAsync(Timeouts.Call);

        await onB.ReachAsync(next.LastSeq, Timeouts.Heal);
        recorder.AssertGapless(next.LastSeq);
        Assert.Contains(recorder.Seen, e => e.Seq == lost.LastSeq);
        Assert.Equal(resumesBefore, onB.Resumes);
        Assert.Equal(0, onB.GapsSeen);
    }

    [Fact]
    public async Task AClientAheadOfTheNodeItResumesOn_IsAnsweredFromTheLog_NotWithASnapshotOfTheNodesOlderView()
    {
        await using var onA = await _a.ConnectAsync(await _a.LoginDisplayAsync());
        await using var host = await _a.ConnectAsync(await _a.LoginHostAsync("TQG"));
        await using var onC = await _c.ConnectAsync(await _c.LoginDisplayAsync());

        _unheardByC.DropNext(1);
        var result = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lead", 12)).WaitAsync(Timeouts.Call);
        await onA.ReachAsync(result.LastSeq, Timeouts.Heal);
        var engineC = _c.Services.GetRequiredService<ForumEngine>();
        Assert.Equal(result.LastSeq - 1, engineC.View.Head); // C never heard it

        // onA's position, resumed on C (as after a move between nodes).
        var resumed = await onC.InvokeAsync<ResumeResult>(HubMethods.Resume, new ResumeRequest(engineC.View.Epoch, result.LastSeq))
            .WaitAsync(Timeouts.Call);

        Assert.Null(resumed.Snapshot);
        Assert.Empty(resumed.Events);
        Assert.Equal(result.LastSeq, resumed.Head);
        await onC.ReachAsync(result.LastSeq, Timeouts.Heal); // and C wrote the event it had missed to its own client
    }
}

/// <summary>
/// Stands in for a lost message: the event is committed and acknowledged, but one node's fan-out never writes it,
/// or one node's feed never hears it.
/// </summary>
public sealed class DroppedEvents
{
    int _toDrop;
    int _dropped;
    public int Dropped => Volatile.Read(ref _dropped);

    public void DropNext(int count) => Interlocked.Exchange(ref _toDrop, count);

    bool Drops()
    {
        if (Interlocked.Decrement(ref _toDrop) < 0) return false;
        Interlocked.Increment(ref _dropped);
        return true;
    }

    public IEventPublisher Wrap(IEventPublisher inner) => new Publisher(this, inner);

    public IEventFeed Wrap(IEventFeed inner) => new Feed(this, inner);

    sealed class Publisher(DroppedEvents owner, IEventPublisher inner) : IEventPublisher
    {
        public void Publish(IReadOnlyList<CommittedEvent> events)
        {
            var kept = events.Where(_ => !owner.Drops()).ToList();
            if (kept.Count > 0) inner.Publish(kept);
        }

        public void Appended(IReadOnlyList<StoredEvent> events) => inner.Appended(events);
    }

    sealed class Feed(DroppedEvents owner, IEventFeed inner) : IEventFeed
    {
        public Task<IAsyncDisposable> FollowAsync(string forumId, Func<StoredEvent, Task> onAppended, CancellationToken cancellationToken) =>
            inner.FollowAsync(forumId, e => owner.Drops() ? Task.CompletedTask : onAppended(e), cancellationToken);
    }
}
