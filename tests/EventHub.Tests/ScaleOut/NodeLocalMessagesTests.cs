using EventHub.Domain.Protocol;
using EventHub.Storage.Redis;
using EventHub.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace EventHub.Tests.ScaleOut;

/// <summary>
/// What a node sends outside the log (the hosts' pings, the moderators' board) goes from the node to its own
/// connections, never out to Redis and back; a host's pong is one write to the presence store.
/// </summary>
public sealed class NodeLocalMessagesTests(ITestOutputHelper output) : IAsyncLifetime
{
    readonly RedisCluster _cluster = new();
    HubApp _node = null!;

    public Task InitializeAsync()
    {
        _node = _cluster.StartNode(extra: new()
        {
            ["EventHub:Presence:PingInterval"] = "00:00:00.100",
            ["EventHub:Presence:BoardInterval"] = "00:00:00.100",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task PingsAndTheBoard_ReachTheNodesOwnConnections_WithoutAPublish_AndEachPongIsOneWrite()
    {
        await using var moderator = await _node.ConnectAsync(await _node.LoginModeratorAsync());
        await using var host = await _node.ConnectAsync(await _node.LoginHostAsync("HGG"));
        var pings = 0;
        var boards = 0;
        using var onPing = host.On<long>(PresenceMessages.Ping, _ => Interlocked.Increment(ref pings));
        using var onBoard = moderator.On<SiteBoard>(PresenceMessages.Board, _ => Interlocked.Increment(ref boards));
        await WaitUntilAsync(() => Volatile.Read(ref pings) >= 2);
        using var redis = await ConnectionMultiplexer.ConnectAsync(new RedisSettings().Connection(_cluster.Redis.ConnectionString));
        var server = redis.GetServer(redis.GetEndPoints()[0]);

        var before = await CallsAsync(server);
        var (pingsBefore, boardsBefore) = (Volatile.Read(ref pings), Volatile.Read(ref boards));
        // A second moderator is news for the board: both get it.
        await using var second = await _node.ConnectAsync(await _node.LoginModeratorAsync());
        var secondBoards = 0;
        using var onSecondBoard = second.On<SiteBoard>(PresenceMessages.Board, _ => Interlocked.Increment(ref secondBoards));
        await WaitUntilAsync(() => Volatile.Read(ref pings) - pingsBefore >= 10 && Volatile.Read(ref boards) > boardsBefore
                                   && Volatile.Read(ref secondBoards) > 0);
        var (pinged, boarded) = (Volatile.Read(ref pings) - pingsBefore, Volatile.Read(ref boards) - boardsBefore);
        var after = await CallsAsync(server);

        var published = after.Publish - before.Publish;
        var scripts = after.Scripts - before.Scripts;
        output.WriteLine($"{pinged} pings and {boarded} boards arrived; Redis ran {published} PUBLISH and {scripts} scripts meanwhile");
        // Through the backplane every ping and every board to each moderator was a PUBLISH.
        Assert.True(published < pinged, $"{published} publishes for {pinged} pings and {boarded} boards");
        // One host-heard script per pong (each ping is answered), give or take those in flight at either end of the
        // count; the hub filter recording the same pong again made it two.
        Assert.True(scripts < 1.5 * pinged, $"{scripts} scripts for {pinged} pongs");
    }

    static async Task<(long Publish, long Scripts)> CallsAsync(IServer server)
    {
        var stats = (await server.InfoAsync("commandstats")).SelectMany(group => group).ToDictionary(p => p.Key, p => p.Value);
        return (Calls(stats, "cmdstat_publish"), Calls(stats, "cmdstat_evalsha") + Calls(stats, "cmdstat_eval"));
    }

    /// <summary>"calls=12,usec=..." → 12.</summary>
    static long Calls(Dictionary<string, string> stats, string command) =>
        stats.TryGetValue(command, out var value) ? long.Parse(value.Split(',')[0].Split('=')[1]) : 0;

    static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeouts.Heal;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the pings or the board did not arrive");
            await Task.Delay(20);
        }
    }
}
