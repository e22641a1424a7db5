using EventHub.Domain.Forum;
using EventHub.Operations;
using StackExchange.Redis;

namespace EventHub.Storage.Redis;

/// <summary>
/// The forum logs in Redis, shared by every node: a LIST of event records, a HASH of command ids, an epoch
/// STRING. An append is one Lua script (check command id, check head, push, record), so two nodes can never
/// both append at one head. Durability is Redis's: with appendfsync always the reply comes after the fsync
/// (docs/redis.md). Anything that does not answer in time becomes <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed class RedisEventLog(IConnectionMultiplexer redis, RedisKeys keys, TimeSpan timeout, ILogger<RedisEventLog> logger)
    : IEventLog
{
    readonly OutageLog _outage = new("Redis (the forum's log)", logger, TimeProvider.System);

    IDatabase Db => redis.GetDatabase();

    public async Task<LogHead> OpenAsync(string forumId, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(forumId, cancellationToken);
        await WarnUnlessDurableAsync();
        return head;
    }

    public Task<LogHead> GetHeadAsync(string forumId, CancellationToken cancellationToken) =>
        ReadHeadAsync(forumId, cancellationToken);

    public async Task<AppendResult> AppendAsync(string forumId, long expectedHead, string commandId, long at,
        Actor actor, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0) throw new ArgumentException("An append needs at least one event.", nameof(events));
        var args = new RedisValue[events.Count + 3];
        args[0] = expectedHead;
        args[1] = commandId;
        args[2] = keys.Appended(forumId).ToString();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            args[i + 3] = EventRecord.Write(new StoredEvent(expectedHead + 1 + i, at, actor, commandId, e.Type, e.Version, e.Data));
        }

        var reply = (RedisResult[])(await Call("append", () => Db.ScriptEvaluateAsync(RedisScripts.Append,
            [keys.Epoch(forumId), keys.Events(forumId), keys.Commands(forumId)], args), cancellationToken))!;
        return (string?)reply[0] switch
        {
            "ok" => new AppendResult.Appended((long)reply[1], (long)reply[2]),
            "dup" => ParsePositions((string?)reply[1]),
            "conflict" => new AppendResult.Conflict((long)reply[1]),
            var other => throw new InvalidOperationException($"Unexpected append reply '{other}'."),
        };
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string forumId, long afterSeq, int max,
        CancellationToken cancellationToken)
    {
        if (max <= 0) return [];
        var start = Math.Max(afterSeq, 0);
        var records = await Call("read", () => Db.ListRangeAsync(keys.Events(forumId), start, start + max - 1), cancellationToken);
        var events = new List<StoredEvent>(records.Length);
        for (var i = 0; i < records.Length; i++)
            events.Add(EventRecord.Read(records[i]!, start + 1 + i, keys.Events(forumId)!));
        return events;
    }

    public async Task<AppendResult.Duplicate?> FindCommandAsync(string forumId, string commandId,
        CancellationToken cancellationToken)
    {
        var positions = await Call("find command", () => Db.HashGetAsync(keys.Commands(forumId), commandId), cancellationToken);
        return positions.IsNull ? null : ParsePositions(positions);
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConnected) return false; // no need to wait out the timeout to know
        try
        {
            await Db.PingAsync().WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (Exception ex) when (RedisFaults.IsStoreFault(ex, cancellationToken))
        {
            return false;
        }
    }

    async Task<LogHead> ReadHeadAsync(string forumId, CancellationToken cancellationToken)
    {
        var reply = (RedisResult[])(await Call("head", () => Db.ScriptEvaluateAsync(RedisScripts.Head,
            [keys.Epoch(forumId), keys.Events(forumId)], [NewEpoch()]), cancellationToken))!;
        var head = new LogHead((string)reply[0]!, (long)reply[1]);
        if ((long)reply[2] == 1) RedisLog.LogCreated(logger, forumId, keys.Prefix, head.Epoch);
        return head;
    }

    /// <summary>
    /// Runs one Redis call with the hub's bound on it. The caller's token only stops the wait (a call whose token is
    /// cancelled before it is sent is not sent): a sent command may still land, which is safe because a retry carries
    /// the same command id. Every store fault, whatever the client library throws for it, becomes
    /// <see cref="StoreUnavailableException"/>; only the caller's own cancellation stays a cancellation.
    /// </summary>
    async Task<T> Call<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var result = await call().WaitAsync(timeout, cancellationToken);
            _outage.Succeeded();
            return result;
        }
        catch (Exception ex) when (RedisFaults.IsStoreFault(ex, cancellationToken))
        {
            _outage.Failed(ex);
            RedisLog.Unavailable(logger, operation, ex.Message);
            throw new StoreUnavailableException($"Redis did not answer {operation}.", ex);
        }
    }

    async Task WarnUnlessDurableAsync()
    {
        try
        {
            var server = redis.GetServers().FirstOrDefault(s => s.IsConnected && !s.IsReplica);
            if (server is null) return;
            var config = (await server.ConfigGetAsync("append*").WaitAsync(timeout)).ToDictionary(p => p.Key, p => p.Value);
            var appendOnly = config.GetValueOrDefault("appendonly", "?");
            var fsync = config.GetValueOrDefault("appendfsync", "?");
            if (appendOnly != "yes" || fsync != "always") RedisLog.NotDurable(logger, appendOnly, fsync);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            RedisLog.PersistenceUnknown(logger, ex);
        }
    }

    static AppendResult.Duplicate ParsePositions(string? positions)
    {
        var parts = (positions ?? "").Split(',');
        return parts.Length == 2 && long.TryParse(parts[0], out var first) && long.TryParse(parts[1], out var last)
            ? new AppendResult.Duplicate(first, last)
            : throw new CorruptLogException($"Command record '{positions}' is not 'first,last'.");
    }

    static string NewEpoch() => $"{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4])}";
}
