using EventHub.Domain.Forum;
using StackExchange.Redis;

namespace EventHub.Storage.Redis;

/// <summary>
/// The forum logs in Redis, shared by every node: a LIST of event records, a HASH of command outcomes, an epoch
/// STRING. A batch of commands' answers (events or a refusal or a no-op each) is one Lua script (check every command's
/// outcome, check head, push, record), so two nodes can never both append at one head nor answer one command twice,
/// and the batch shares one fsync. Durability is
/// Redis's: with appendfsync always the reply comes after the fsync (docs/redis.md). Anything that does not answer in
/// time becomes <see cref="StoreUnavailableException"/> (<see cref="StoreOutcomeUnknownException"/> for a write sent).
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

    public async Task<BatchResult> WriteAsync(string forumId, long expectedHead, IReadOnlyList<CommandWrite> writes,
        CancellationToken cancellationToken)
    {
        if (writes.Count == 0) throw new ArgumentException("A batch needs at least one write.", nameof(writes));
        var args = new List<RedisValue>(2 + writes.Count * 3) { expectedHead, keys.Appended(forumId).ToString() };
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var results = new AppendResult[writes.Count];
        var seq = expectedHead;
        for (var w = 0; w < writes.Count; w++)
        {
            var write = writes[w];
            var field = RedisKeys.OutcomeField(write.Actor.Id, write.CommandId);
            if (!fields.Add(field)) throw new ArgumentException($"Command {write.CommandId} is twice in one batch.", nameof(writes));
            args.Add(field);
            args.Add(write.Events.Count);
            if (write.Events.Count == 0)
            {
                args.Add(OutcomeRecord.Write(write.Outcome ?? throw new ArgumentException("A write needs events or an outcome.", nameof(writes))));
                results[w] = AppendResult.Recorded.Instance;
                continue;
            }
            foreach (var e in write.Events)
                args.Add(EventRecord.Write(new StoredEvent(++seq, write.At, write.Actor, write.CommandId, e.Type, e.Version, e.Data)));
            results[w] = new AppendResult.Appended(seq - write.Events.Count + 1, seq);
        }

        var reply = await WriteAsync(writes.Count == 1 ? "append" : $"a batch of {writes.Count} appends", forumId,
            RedisScripts.WriteBatch, [.. args], cancellationToken);
        switch ((string?)reply[0])
        {
            case "ok" when (long)reply[1] == seq:
                return new BatchResult.Written(results);
            case "dup":
                var earlier = new Dictionary<int, CommandOutcome>();
                for (var i = 1; i + 1 < reply.Length; i += 2)
                    earlier[(int)reply[i]] = OutcomeRecord.Read((string?)reply[i + 1], keys.Outcomes(forumId)!);
                return new BatchResult.Answered(earlier);
            case "conflict":
                return new BatchResult.Conflict((long)reply[1]);
            default:
                throw new InvalidOperationException($"Unexpected batch reply '{reply[0]}'.");
        }
    }

    /// <summary>
    /// Runs a write script through <see cref="Call"/>. A fault after the script may have reached Redis is
    /// <see cref="StoreOutcomeUnknownException"/>: only a command never sent is known not to have run.
    /// </summary>
    async Task<RedisResult[]> WriteAsync(string operation, string forumId, string script, RedisValue[] args,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested(); // not sent: a plain cancellation
        try
        {
            return (RedisResult[])(await Call(operation, () => Db.ScriptEvaluateAsync(script,
                [keys.Epoch(forumId), keys.Events(forumId), keys.Outcomes(forumId)], args), cancellationToken))!;
        }
        catch (StoreUnavailableException ex) when (ex is not StoreOutcomeUnknownException && MayHaveRun(ex.InnerException))
        {
            throw new StoreOutcomeUnknownException($"Redis did not confirm {operation}.", ex);
        }
        catch (OperationCanceledException ex)
        {
            // The caller stopped waiting after the script was handed over: it runs, or not, without us.
            throw new StoreOutcomeUnknownException($"The wait for {operation} was cancelled after it was sent.", ex);
        }
    }

    /// <summary>
    /// False only for faults that prove the script never ran: it was never sent (no connection to send it on, or
    /// still queued when the wait ended), or Redis refused it whole ("not now" replies such as LOADING or BUSY).
    /// </summary>
    static bool MayHaveRun(Exception? fault) => fault switch
    {
        RedisTimeoutException timeout => !NotSent(timeout.Commandstatus),
        RedisConnectionException { FailureType: ConnectionFailureType.UnableToResolvePhysicalConnection } => false,
        RedisConnectionException connection => !NotSent(connection.CommandStatus),
        RedisServerException => false,
        _ => true,
    };

    static bool NotSent(CommandStatus status) => status is CommandStatus.WaitingToBeSent or CommandStatus.WaitingInBacklog;

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

    public async Task<CommandOutcome?> FindOutcomeAsync(string forumId, string commandId, Actor actor,
        CancellationToken cancellationToken)
    {
        var record = await Call("find outcome", () => Db.HashGetAsync(keys.Outcomes(forumId), RedisKeys.OutcomeField(actor.Id, commandId)),
            cancellationToken);
        return record.IsNull ? null : OutcomeRecord.Read(record, keys.Outcomes(forumId)!);
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

    static string NewEpoch() => $"{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4])}";
}
