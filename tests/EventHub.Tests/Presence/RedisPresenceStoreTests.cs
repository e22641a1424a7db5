using Role = EventHub.Domain.Forum.Role;
using EventHub.Operations;
using EventHub.Presence;
using EventHub.Storage.Redis;
using EventHub.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace EventHub.Tests.Presence;

/// <summary>The presence contract on a real redis-server: each test its own key prefix and node.</summary>
public sealed class RedisPresenceStoreTests(RedisFixture redis) : PresenceStoreContract, IClassFixture<RedisFixture>, IDisposable
{
    readonly ConnectionMultiplexer _connection = ConnectionMultiplexer.Connect(new RedisSettings().Connection(redis.Server.ConnectionString));

    protected override IPresenceStore CreateStore() => new RedisPresenceStore(_connection, new RedisKeys($"test-{Guid.NewGuid():N}"),
        new NodeIdentity("node-1"), new RedisSettings { PresenceWriteBehind = TimeSpan.Zero }, NullLogger<RedisPresenceStore>.Instance);

    public void Dispose() => _connection.Dispose();

    // A node counts its own connections from memory; what it wrote to Redis is what the other nodes read. So each
    // test writes as node-1 and reads as node-2.

    [Fact]
    public async Task AnEntryItCannotRead_IsSkipped_AndItsNodesFirstRefreshRewritesIt()
    {
        var (store, keys) = NewStore("node-1");
        var (reader, _) = NewStore("node-2", keys);
        await store.ConnectedAsync(new PresenceConnection("c1", Role.Delegate, "HGG", "d-1"), 1_000);
        await store.ConnectedAsync(new PresenceConnection("c2", Role.Delegate, "HGG", "d-2"), 1_000);
        // What an older version wrote (JSON), or any stray value, in place of one entry.
        await _connection.GetDatabase().HashSetAsync(keys.PresenceOfNode("node-1"), "c1", "{\"connectionId\":\"c1\",\"role\":\"delegate\"}");

        Assert.Equal(1, (await reader.SnapshotAsync()).Site("HGG").DelegatesConnected);
        Assert.Equal(2, (await store.SnapshotAsync()).Site("HGG").DelegatesConnected);

        await store.RefreshAsync(); // a node's first refresh writes all its connections
        Assert.Equal(2, (await reader.SnapshotAsync()).Site("HGG").DelegatesConnected);
    }

    [Fact]
    public async Task WhenRedisNoLongerHasANodesConnections_ItsNextRefreshWritesThemAllAgain()
    {
        var (store, keys) = NewStore("node-1");
        var (reader, _) = NewStore("node-2", keys);
        await store.ConnectedAsync(new PresenceConnection("c1", Role.Delegate, "HGG", "d-1"), 1_000);
        await store.ConnectedAsync(new PresenceConnection("c2", Role.SiteHost, "HGG", "h-1"), 1_000);
        await store.RefreshAsync();
        await _connection.GetDatabase().KeyDeleteAsync([keys.PresenceOfNode("node-1"), keys.HostsOfNode("node-1")]); // a flush, or a restart without data

        Assert.Equal(SitePresence.Nobody with { HostLastHeardAt = 1_000 }, (await reader.SnapshotAsync()).Site("HGG"));
        // A connect before the refresh starts a new hash, with only itself in it.
        await store.ConnectedAsync(new PresenceConnection("c3", Role.Delegate, "HGG", "d-3"), 2_000);
        Assert.Equal(1, (await reader.SnapshotAsync()).Site("HGG").DelegatesConnected);

        await store.RefreshAsync();
        var site = (await reader.SnapshotAsync()).Site("HGG");
        Assert.Equal((2, 1), (site.DelegatesConnected, site.HostConnections));
        Assert.True(await _connection.GetDatabase().KeyTimeToLiveAsync(keys.PresenceOfNode("node-1")) > TimeSpan.Zero);
    }

    [Fact]
    public async Task ARefreshWithNothingLost_ExtendsTheExpiry_WithoutRewritingTheConnections()
    {
        var (store, keys) = NewStore("node-1");
        var (reader, _) = NewStore("node-2", keys);
        var db = _connection.GetDatabase();
        var hash = keys.PresenceOfNode("node-1");
        await store.ConnectedAsync(new PresenceConnection("c1", Role.Delegate, "HGG", "d-1"), 1_000);
        await store.RefreshAsync();
        // A value this node never wrote: a rewrite would put c1 back at HGG, an expiry extension leaves it.
        await db.HashSetAsync(hash, "c1", "Delegate|HNI|d-1");
        await db.KeyExpireAsync(hash, TimeSpan.FromSeconds(2));

        await store.RefreshAsync();

        Assert.Equal(1, (await reader.SnapshotAsync()).Site("HNI").DelegatesConnected);
        Assert.True(await db.KeyTimeToLiveAsync(hash) > TimeSpan.FromSeconds(10)); // three refreshes of 5 s
    }

    [Fact]
    public async Task AnotherNodesHosts_AreReadFromItsHostsHash_AndItsRefreshWritesThemAgainWhenRedisLostThem()
    {
        var (store, keys) = NewStore("node-1");
        var (reader, _) = NewStore("node-2", keys);
        await store.ConnectedAsync(new PresenceConnection("h1", Role.SiteHost, "HGG", "host:HGG"), 1_000);
        await store.ConnectedAsync(new PresenceConnection("d1", Role.Delegate, "HGG", "d-1"), 1_000);
        Assert.Equal(new SitePresence(1, 0, 1_000, null), (await reader.HostLinesAsync())["HGG"]);
        await store.RefreshAsync();

        await _connection.GetDatabase().KeyDeleteAsync(keys.HostsOfNode("node-1")); // lost on its own
        Assert.Equal(0, (await reader.HostLinesAsync())["HGG"].HostConnections);
        await store.RefreshAsync(); // the hosts it holds differ from what Redis has: all written again

        Assert.Equal(1, (await reader.HostLinesAsync())["HGG"].HostConnections);
        Assert.Equal(1, (await reader.SnapshotAsync()).Site("HGG").HostConnections);
        await store.DisconnectedAsync("h1", 2_000);
        Assert.Equal(new SitePresence(0, 0, 2_000, null), (await reader.HostLinesAsync())["HGG"]);
    }

    [Fact]
    public async Task AnotherNodesDelegates_AreCountedAsLastRead_UntilTheReadIsOld_ItsHostsAtOnce()
    {
        var otherNodesRead = TimeSpan.FromMilliseconds(500);
        var (store, keys) = NewStore("node-1");
        var (reader, _) = NewStore("node-2", keys, otherNodesRead);
        await store.ConnectedAsync(new PresenceConnection("c1", Role.Delegate, "HGG", "d-1"), 1_000);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(1, (await reader.SnapshotAsync()).Site("HGG").DelegatesConnected);

        await store.ConnectedAsync(new PresenceConnection("c2", Role.Delegate, "HGG", "d-2"), 1_100);
        await store.ConnectedAsync(new PresenceConnection("h1", Role.SiteHost, "HGG", "host:HGG"), 1_100);
        var soon = (await reader.SnapshotAsync()).Site("HGG");
        Assert.True(clock.Elapsed < otherNodesRead, "the test machine was too slow to see the read kept");
        Assert.Equal((1, 1), (soon.DelegatesConnected, soon.HostConnections)); // the delegates as read, the host now

        await Task.Delay(otherNodesRead);
        var later = (await reader.SnapshotAsync()).Site("HGG");
        Assert.Equal((2, 1), (later.DelegatesConnected, later.HostConnections));
    }

    [Fact]
    public async Task WritesWithinTheWriteBehind_GoToRedisTogether_AndTheOtherNodesSeeThemAfterIt()
    {
        var (store, keys) = NewStore("node-1", writeBehind: TimeSpan.FromMilliseconds(300));
        var (reader, _) = NewStore("node-2", keys);
        var server = _connection.GetServer(_connection.GetEndPoints()[0]);
        var before = await CallsAsync(server);

        for (var i = 0; i < 50; i++) await store.ConnectedAsync(new PresenceConnection($"c{i}", Role.Delegate, "HGG", $"d-{i}"), 1_000);
        await store.ConnectedAsync(new PresenceConnection("h1", Role.SiteHost, "HGG", "host:HGG"), 1_000);
        for (var i = 0; i < 10; i++) await store.HostHeardAsync("HGG", 1_000 + i, 40 + i);
        await store.DisconnectedAsync("c0", 1_005);
        Assert.Equal(49, (await store.SnapshotAsync()).Site("HGG").DelegatesConnected); // its own: from memory, at once

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        SitePresence seen;
        while ((seen = (await reader.SnapshotAsync()).Site("HGG")) is not { DelegatesConnected: 49, HostConnections: 1 })
        {
            Assert.True(DateTime.UtcNow < deadline, $"node-2 never saw node-1's writes: {seen}");
            await Task.Delay(50);
        }
        // The latest hearing and the last round trip measured, from the ten.
        Assert.Equal((1_009L, 49), (seen.HostLastHeardAt, seen.HostRttMs));
        var after = await CallsAsync(server);
        // Written one at a time, that was 51 HSETs and 11 host-heard scripts (each one HSET more).
        Assert.True(after.Scripts - before.Scripts <= 1, $"{after.Scripts - before.Scripts} scripts");
        Assert.True(after.HashSets - before.HashSets <= 3, $"{after.HashSets - before.HashSets} HSETs");
    }

    [Fact]
    public async Task ABatchRedisRefused_IsRewrittenByTheNextRefresh_EvenWhenTheCountsStillMatch()
    {
        var (store, keys) = NewStore("node-1", writeBehind: TimeSpan.FromMilliseconds(100));
        var (reader, _) = NewStore("node-2", keys);
        await store.ConnectedAsync(new PresenceConnection("c0", Role.Delegate, "HGG", "d-0"), 1_000);
        await store.ConnectedAsync(new PresenceConnection("c1", Role.Delegate, "HGG", "d-1"), 1_000);
        await store.RefreshAsync(); // the first refresh rewrites all; the later ones only when they must
        Assert.Equal(2, (await reader.SnapshotAsync()).Site("HGG").DelegatesConnected);

        redis.Server.Kill();
        await store.DisconnectedAsync("c0", 2_000);
        await store.ConnectedAsync(new PresenceConnection("c2", Role.Delegate, "CBG", "d-2"), 2_000);
        await store.FlushAsync(); // refused: logged, not thrown
        redis.Server.Start();
        await WaitForRedisAsync();

        // Redis still holds c0 and c1, as many entries as the node has: only the refused batch says to rewrite.
        await store.RefreshAsync();
        var after = await reader.SnapshotAsync();
        Assert.Equal((1, 1), (after.Site("HGG").DelegatesConnected, after.Site("CBG").DelegatesConnected));
    }

    async Task WaitForRedisAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                await _connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    static async Task<(long Scripts, long HashSets)> CallsAsync(IServer server)
    {
        var stats = (await server.InfoAsync("commandstats")).SelectMany(group => group).ToDictionary(p => p.Key, p => p.Value);
        long Calls(string command) => stats.TryGetValue(command, out var value) ? long.Parse(value.Split(',')[0].Split('=')[1]) : 0;
        return (Calls("cmdstat_evalsha") + Calls("cmdstat_eval"), Calls("cmdstat_hset"));
    }

    /// <summary>
    /// A second node's store on the same keys; by default it reads the other nodes at every snapshot and writes at
    /// once (no write-behind).
    /// </summary>
    (RedisPresenceStore Store, RedisKeys Keys) NewStore(string node, RedisKeys? keys = null, TimeSpan? otherNodesRead = null,
        TimeSpan? writeBehind = null)
    {
        keys ??= new RedisKeys($"test-{Guid.NewGuid():N}");
        return (new RedisPresenceStore(_connection, keys, new NodeIdentity(node),
            new RedisSettings { OtherNodesRead = otherNodesRead ?? TimeSpan.Zero, PresenceWriteBehind = writeBehind ?? TimeSpan.Zero },
            NullLogger<RedisPresenceStore>.Instance), keys);
    }
}

