using EventHub.Domain.Forum;
using StackExchange.Redis;

namespace EventHub.Storage.Redis;

/// <summary>
/// The forum logs in Redis, shared by every node: a LIST of event records, a HASH of command outcomes, an epoch
/// STRING. An append is one Lua script (check the command's outcome, check head, push, record), and so is recording
/// a refusal or a no-op, so two nodes can never both append at one head nor answer one command twice. Durability is
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

    public async Task<AppendResult> AppendAsync(string forumId, long expectedHead, string commandId, long at,
        Actor actor, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0) throw new ArgumentException("An append needs at least one event.", nameof(events));
        var args = new RedisValue[events.Count + 3];
        args[0] = expectedHead;
        args[1] = RedisKeys.OutcomeField(actor.Id, commandId);
        args[2] = keys.Appended(forumId).ToString();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            args[i + 3] = EventRecord.Write(new StoredEvent(expectedHead + 1 + i, at, actor, commandId, e.Type, e.Version, e.Data));
        }

        var reply = await WriteAsync("append", forumId, RedisScripts.Append, args, cancellationToken);
        return (string?)reply[0] switch
        {
            "ok" => new AppendResult.Appended((long)reply[1], (long)reply[2]),
            "dup" => new AppendResult.Duplicate(OutcomeRecord.Read((string?)reply[1], keys.Outcomes(forumId)!)),
            "conflict" => new AppendResult.Conflict((long)reply[1]),
            var other => throw new InvalidOperationException($"Unexpected append reply '{other}'."),
        };
    }

    public async Task<AppendResult> RecordOutcomeAsync(string forumId, long expectedHead, string commandId, Actor actor,
        CommandOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome is CommandOutcome.Written) throw new ArgumentException("Written outcomes come from an append.", nameof(outcome));
        var reply = await WriteAsync("record outcome", forumId, RedisScripts.RecordOutcome,
            [expectedHead, RedisKeys.OutcomeField(actor.Id, commandId), OutcomeRecord.Write(outcome)], cancellationToken);
        return (string?)reply[0] switch
        {
            "ok" => AppendResult.Recorded.Instance,
            "dup" => new AppendResult.Duplicate(OutcomeRecord.Read((string?)reply[1], keys.Outcomes(forumId)!)),
            "conflict" => new AppendResult.Conflict((long)reply[1]),
            var other => throw new InvalidOperationException($"Unexpected record reply '{other}'."),
        };
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
