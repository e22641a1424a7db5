using System.Collections.Concurrent;
using EventHub.Storage.Redis;
using StackExchange.Redis;

namespace EventHub.Security;

/// <summary>Addresses locked out of /api/token. With Redis, a lockout decided on one node holds on all of them.</summary>
public interface ILoginLockouts
{
    /// <summary>How long <paramref name="address"/> stays locked out, or null when it is not.</summary>
    ValueTask<TimeSpan?> RemainingAsync(string address);

    ValueTask LockAsync(string address, TimeSpan duration);
}

public sealed class InMemoryLoginLockouts(TimeProvider time) : ILoginLockouts
{
    readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public ValueTask<TimeSpan?> RemainingAsync(string address)
    {
        if (!_until.TryGetValue(address, out var until)) return ValueTask.FromResult<TimeSpan?>(null);
        var left = until - time.GetUtcNow();
        if (left > TimeSpan.Zero) return ValueTask.FromResult<TimeSpan?>(left);
        _until.TryRemove(KeyValuePair.Create(address, until));
        return ValueTask.FromResult<TimeSpan?>(null);
    }

    public ValueTask LockAsync(string address, TimeSpan duration)
    {
        _until[address] = time.GetUtcNow() + duration;
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// One key per locked address, expiring with the lockout. When Redis does not answer, logins stay open (a Redis
/// outage must not lock the hall out) and the node's own record still holds the lockouts it decided.
/// </summary>
public sealed partial class RedisLoginLockouts(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time,
    ILogger<RedisLoginLockouts> logger) : ILoginLockouts
{
    readonly InMemoryLoginLockouts _local = new(time);

    public async ValueTask<TimeSpan?> RemainingAsync(string address)
    {
        if (await _local.RemainingAsync(address) is { } local) return local;
        try
        {
            var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(keys.LoginLockout(address));
            return ttl is { } left && left > TimeSpan.Zero ? left : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Unreachable(logger, ex.GetType().Name);
            return null;
        }
    }

    public async ValueTask LockAsync(string address, TimeSpan duration)
    {
        await _local.LockAsync(address, duration);
        try
        {
            await redis.GetDatabase().StringSetAsync(keys.LoginLockout(address), "1", duration);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Unreachable(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning,
        Message = "Login lockouts: Redis did not answer ({Error}); this node's own lockouts still hold")]
    static partial void Unreachable(ILogger logger, string error);
}
