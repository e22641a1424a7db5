using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.Hubs;
using EventHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventHub.Tests.ScaleOut;

/// <summary>The backplane may lose a message; clients on every node heal by sequence number.</summary>
public sealed class BackplaneLossTests : IAsyncLifetime
{
    readonly RedisCluster _cluster = new();
    readonly DroppedBroadcasts _dropped = new();
    HubApp _a = null!;
    HubApp _b = null!;

    public Task InitializeAsync()
    {
        _a = _cluster.StartNode(services => services.AddSingleton<IEventPublisher>(sp =>
            _dropped.Wrap(sp.GetRequiredService<SignalRFanout>())));
        _b = _cluster.StartNode();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ABroadcastThatNeverArrives_IsHealedFromThePositionBeacon_OnBothNodes()
    {
        await using var onA = await _a.ConnectAsync(await _a.LoginDisplayAsync());
        await using var onB = await _b.ConnectAsync(await _b.LoginModeratorAsync());
        await using var host = await _a.ConnectAsync(await _a.LoginHostAsync("HGG"));
        var resumesBefore = (onA.Resumes, onB.Resumes);

        _dropped.DropNext(1);
        var result = await host.SendAsync("CheckIn", new CheckInRequest(CommandId.New(), null, "Lead", 12)).WaitAsync(Timeouts.Call);
        Assert.True(result.Ok);
        Assert.Equal(1, _dropped.Dropped);

        // No later event arrives to reveal the gap: only the beacon (every 0.5 s here) can tell them.
        await onA.ReachAsync(result.LastSeq, Timeouts.Heal);
        await onB.ReachAsync(result.LastSeq, Timeouts.Heal);
        Assert.True(onA.Resumes > resumesBefore.Item1);
        Assert.True(onB.Resumes > resumesBefore.Item2);
    }

    [Fact]
    public async Task ALostMessageFollowedByAnother_IsFilledIn_AndTheClientTakesEveryEventOnceInOrder()
    {
        await using var onB = await _b.ConnectAsync(await _b.LoginDisplayAsync());
        await using var host = await _a.ConnectAsync(await _a.LoginHostAsync("CBG"));
        var recorder = new EventRecorder(onB);

        _dropped.DropNext(1);
        var lost = await host.SendAsync("CheckIn", new CheckInRequest(CommandId.New(), null, "Lead", 12)).WaitAsync(Timeouts.Call);
        var next = await host.SendAsync("UpdateHeadcount", new HeadcountRequest(CommandId.New(), null, 13)).WaitAsync(Timeouts.Call);

        await onB.ReachAsync(next.LastSeq, Timeouts.Heal);
        recorder.AssertGapless(next.LastSeq);
        Assert.Contains(recorder.Seen, e => e.Seq == lost.LastSeq);
    }
}

/// <summary>
/// Stands in for a lost backplane message: the event is committed and acknowledged, but its broadcast is
/// never sent, so no client on any node receives it live.
/// </summary>
public sealed class DroppedBroadcasts
{
    int _toDrop;
    public int Dropped { get; private set; }

    public void DropNext(int count) => Interlocked.Exchange(ref _toDrop, count);

    public IEventPublisher Wrap(IEventPublisher inner) => new Dropping(this, inner);

    sealed class Dropping(DroppedBroadcasts owner, IEventPublisher inner) : IEventPublisher
    {
        public void Publish(IReadOnlyList<CommittedEvent> events)
        {
            var kept = events.Where(_ =>
            {
                if (Interlocked.Decrement(ref owner._toDrop) < 0) return true;
                owner.Dropped++;
                return false;
            }).ToList();
            if (kept.Count > 0) inner.Publish(kept);
        }
    }
}
