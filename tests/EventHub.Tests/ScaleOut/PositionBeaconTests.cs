using System.Collections.Concurrent;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Storage.Redis;
using EventHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace EventHub.Tests.ScaleOut;

/// <summary>
/// The position beacon tells a connection where the log stands only when that is news to it: a connection that was
/// already written the head (that event, or the same beacon) is not told again, and every connection is told when
/// the log's epoch changes. (A connection a write was lost to is told: <see cref="LostMessageTests"/>.)
/// </summary>
public sealed class PositionBeaconTests : IAsyncLifetime
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    readonly RedisCluster _cluster = new();
    HubApp _node = null!;

    public Task InitializeAsync()
    {
        _node = _cluster.StartNode(positionInterval: Interval);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ANewConnectionIsToldTheHeadOnce_AndNotAgainWhileItIsWrittenEveryEvent()
    {
        await using var moderator = await _node.ConnectAsync(await _node.LoginModeratorAsync());
        var (display, told) = await ConnectCountingBeaconsAsync(await _node.LoginDisplayAsync());
        await using var _ = display;

        await Eventually.That(() => !told.IsEmpty);
        await Task.Delay(Interval * 5);
        Assert.Single(told); // the head did not move: nothing new to tell

        CommandResult last = null!;
        foreach (var site in new[] { "HCM", "DNG", "HPG" })
            last = await moderator.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), site, "Trưởng đoàn", 10)).WaitAsync(Timeouts.Call);
        await display.WaitForSeqAsync(last.LastSeq).WaitAsync(Timeouts.Call);
        await Task.Delay(Interval * 5);

        Assert.Single(told); // each event told it the new head
        Assert.Equal(1, display.Resumes); // the one at connect
    }

    [Fact]
    public async Task WhenTheLogIsLostAndStartsANewEpoch_EveryConnectionIsTold_AndFollowsTheNewLog()
    {
        await using var moderator = await _node.ConnectAsync(await _node.LoginModeratorAsync());
        var (display, told) = await ConnectCountingBeaconsAsync(await _node.LoginDisplayAsync());
        await using var _ = display;
        var first = await moderator.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), "HCM", "Trưởng đoàn", 10)).WaitAsync(Timeouts.Call);
        await display.WaitForSeqAsync(first.LastSeq).WaitAsync(Timeouts.Call);
        var oldEpoch = display.Forum.Epoch;

        // Redis lost the log (restarted without its data): the node starts a new epoch at head 0, behind what the
        // display was written.
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(_cluster.Redis.ConnectionString))
        {
            var keys = new RedisKeys(_cluster.Prefix);
            var forum = _node.Engine.ForumId;
            await redis.GetDatabase().KeyDeleteAsync([keys.Epoch(forum), keys.Events(forum), keys.Outcomes(forum)]);
        }

        await Eventually.That(() => display.Forum.Epoch != oldEpoch && display.Forum.Epoch == _node.Engine.View.Epoch);
        Assert.Contains(told, p => p.Epoch != oldEpoch);
        Assert.False(display.Forum.State.Attendance.Site("HCM").CheckedIn);

        // The new log's first event is seq 1 again: taken in, not mistaken for a repeat of the old seq 1. (A lost
        // log starts as a new forum; here the system opens it, as a node starting on it would.)
        var opened = await _node.Engine.ExecuteAsync(Actor.System, CommandId.New(),
            new OpenForum(_node.Engine.ForumId, "Tọa đàm", ["HCM", "DNG"]), default).WaitAsync(Timeouts.Call);
        Assert.Equal(1, opened.LastSeq);
        await display.WaitForSeqAsync(opened.LastSeq).WaitAsync(Timeouts.Call);
        Assert.True(display.Forum.State.IsOpen);
    }

    /// <summary>A started client that counts the beacons it hears from its very first message on.</summary>
    async Task<(ForumClient Client, ConcurrentQueue<LogPosition> Told)> ConnectCountingBeaconsAsync(LoginResult login)
    {
        var told = new ConcurrentQueue<LogPosition>();
        var client = await _node.ConnectAsync(login, beforeStart: c => c.On<LogPosition>(ClientMethods.Position, told.Enqueue));
        return (client, told);
    }
}
