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
}
