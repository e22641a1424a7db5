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
        new NodeIdentity("node-1"), new RedisSettings(), NullLogger<RedisPresenceStore>.Instance);

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task AnEntryItCannotRead_IsSkipped_AndTheNextRefreshRewritesIt()
    {
        var keys = new RedisKeys($"test-{Guid.NewGuid():N}");
        var store = new RedisPresenceStore(_connection, keys, new NodeIdentity("node-1"), new RedisSettings(),
            NullLogger<RedisPresenceStore>.Instance);
        await store.ConnectedAsync(new PresenceConnection("c1", Role.Delegate, "HGG", "d-1"), 1_000);
        await store.ConnectedAsync(new PresenceConnection("c2", Role.Delegate, "HGG", "d-2"), 1_000);
        // What an older version wrote (JSON), or any stray value, in place of one entry.
        await _connection.GetDatabase().HashSetAsync(keys.PresenceOfNode("node-1"), "c1", "{\"connectionId\":\"c1\",\"role\":\"delegate\"}");

        Assert.Equal(1, (await store.SnapshotAsync()).Site("HGG").DelegatesConnected);

        await store.RefreshAsync();
        Assert.Equal(2, (await store.SnapshotAsync()).Site("HGG").DelegatesConnected);
    }
}

