using System.Collections.Concurrent;
using System.Diagnostics;
using EventHub.Domain.Forum;
using EventHub.Operations;
using EventHub.Storage;
using EventHub.Storage.Redis;
using StackExchange.Redis;
using Role = EventHub.Domain.Forum.Role;

namespace EventHub.Presence;

/// <summary>
/// Presence shared by every node. Each node writes its own connections to a hash of its own that expires unless
/// refreshed (<see cref="RefreshAsync"/>, every <see cref="RedisSettings.PresenceRefresh"/>): a node killed with
/// kill -9 stops refreshing, and its connections drop out within four refreshes. Its site hosts are also in a
/// small hash of their own, so the watchdog (every node, every second) reads 62 hosts, not every delegate. Host
/// lines ("last heard") are one hash for all nodes, kept after a host leaves. Counting is
/// <see cref="InMemoryPresenceStore"/>'s, fed with every node's connections, so one rule decides what "connected" means.
/// Writes are gathered for <see cref="RedisSettings.PresenceWriteBehind"/> and sent together (see there why).
/// </summary>
public sealed partial class RedisPresenceStore(IConnectionMultiplexer redis, RedisKeys keys, NodeIdentity node,
    RedisSettings settings, ILogger<RedisPresenceStore> logger) : IPresenceStore
{
    /// <summary>
    /// KEYS: host lines. ARGV: site, at, rtt ("" when not measured), for one site or more in turn. The later time
    /// wins; a missing rtt keeps the last.
    /// </summary>
    const string HeardScript = """
        for i = 1, #ARGV, 3 do
          local site, at, rtt = ARGV[i], ARGV[i + 1], ARGV[i + 2]
          local current = redis.call('HGET', KEYS[1], site)
          if current then
            local bar = string.find(current, '|', 1, true)
            local lastAt = string.sub(current, 1, bar - 1)
            if tonumber(lastAt) > tonumber(at) then at = lastAt end
            if rtt == '' then rtt = string.sub(current, bar + 1) end
          end
          redis.call('HSET', KEYS[1], site, at .. '|' .. rtt)
        end
        """;

    readonly ConcurrentDictionary<string, PresenceConnection> _mine = new(StringComparer.Ordinal);
    // The other nodes' connections (not their hosts) as this node last read them, for the board.
    readonly ConcurrentDictionary<string, OthersRead> _othersRead = new(StringComparer.Ordinal);
    // 1 when the next refresh must rewrite every entry (see RefreshAsync); the first one always does.
    int _repair = 1;
    // What waits for the next write: each connection's last change (open, or closed), each site's latest hearing.
    // Swapped out whole by FlushAsync.
    readonly Lock _pendingLock = new();
    Dictionary<string, (PresenceConnection Connection, bool Open)> _pendingConnections = new(StringComparer.Ordinal);
    Dictionary<string, (long At, int? RttMs)> _pendingHeard = new(StringComparer.Ordinal);
    bool _flushScheduled;

    public bool CoversAllNodes => true;

    IDatabase Db => redis.GetDatabase();
    RedisKey Mine => keys.PresenceOfNode(node.Name);
    RedisKey MineHosts => keys.HostsOfNode(node.Name);
    IEnumerable<PresenceConnection> MyHosts => _mine.Values.Where(IsHost);
    static bool IsHost(PresenceConnection c) => c is { Role: Role.SiteHost, Site: not null };
    TimeSpan Ttl => settings.PresenceRefresh * 3;

    public ValueTask ConnectedAsync(PresenceConnection connection, long at, CancellationToken cancellationToken = default)
    {
        _mine[connection.ConnectionId] = connection;
        lock (_pendingLock)
        {
            _pendingConnections[connection.ConnectionId] = (connection, Open: true);
            if (IsHost(connection)) Heard(connection.Site!, at, null);
        }
        return WriteAsync();
    }

    public ValueTask DisconnectedAsync(string connectionId, long at, CancellationToken cancellationToken = default)
    {
        if (!_mine.TryRemove(connectionId, out var gone)) return ValueTask.CompletedTask;
        lock (_pendingLock)
        {
            _pendingConnections[connectionId] = (gone, Open: false);
            if (IsHost(gone)) Heard(gone.Site!, at, null);
        }
        return WriteAsync();
    }

    public ValueTask HostHeardAsync(string site, long at, int? rttMs, CancellationToken cancellationToken = default)
    {
        lock (_pendingLock) Heard(site, at, rttMs);
        return WriteAsync();
    }

    /// <summary>The later time wins; a hearing without a round trip keeps the last one measured (the caller holds the lock).</summary>
    void Heard(string site, long at, int? rttMs)
    {
        var previous = _pendingHeard.GetValueOrDefault(site);
        _pendingHeard[site] = (Math.Max(at, previous.At), rttMs ?? previous.RttMs);
    }

    /// <summary>
    /// With no write-behind, writes what is waiting now; otherwise makes sure a write follows within
    /// <see cref="RedisSettings.PresenceWriteBehind"/>, and returns at once.
    /// </summary>
    ValueTask WriteAsync()
    {
        if (settings.PresenceWriteBehind <= TimeSpan.Zero) return new ValueTask(FlushAsync());
        lock (_pendingLock)
        {
            if (_flushScheduled) return ValueTask.CompletedTask;
            _flushScheduled = true;
        }
        _ = FlushLaterAsync();
        return ValueTask.CompletedTask;
    }

    async Task FlushLaterAsync()
    {
        await Task.Delay(settings.PresenceWriteBehind);
        try
        {
            await FlushAsync();
        }
        catch (Exception ex)
        {
            // Nobody awaits this write: what it failed to write, the next refresh repairs.
            Volatile.Write(ref _repair, 1);
            WriteBehindFailed(logger, ex);
        }
    }

    /// <summary>
    /// Writes everything waiting in one batch: this node's connections and hosts (set and removed), the hashes'
    /// expiry, and every site heard, in one script call. Presence must never cost a connection, so a write Redis
    /// refuses or does not answer in time is logged, not thrown, and the next refresh rewrites this node's
    /// connections (a lost "last heard" is only a slightly older time on the board).
    /// </summary>
    public async Task FlushAsync()
    {
        Dictionary<string, (PresenceConnection Connection, bool Open)> connections;
        Dictionary<string, (long At, int? RttMs)> heard;
        lock (_pendingLock)
        {
            (connections, _pendingConnections) = (_pendingConnections, new(StringComparer.Ordinal));
            (heard, _pendingHeard) = (_pendingHeard, new(StringComparer.Ordinal));
            _flushScheduled = false;
        }
        if (connections.Count == 0 && heard.Count == 0) return;

        var batch = Db.CreateBatch();
        var writes = new List<Task>();
        var set = connections.Values.Where(c => c.Open).Select(c => c.Connection).ToList();
        var closed = connections.Values.Where(c => !c.Open).Select(c => c.Connection).ToList();
        if (set.Count > 0)
        {
            writes.Add(batch.HashSetAsync(Mine, set.Select(c => new HashEntry(c.ConnectionId, Entry(c))).ToArray()));
            writes.Add(batch.KeyExpireAsync(Mine, Ttl));
            writes.Add(batch.SetAddAsync(keys.PresenceNodes, node.Name));
        }
        if (closed.Count > 0) writes.Add(batch.HashDeleteAsync(Mine, closed.Select(c => (RedisValue)c.ConnectionId).ToArray()));
        var hostsSet = set.Where(IsHost).Select(c => new HashEntry(c.ConnectionId, c.Site!)).ToArray();
        var hostsClosed = closed.Where(IsHost).Select(c => (RedisValue)c.ConnectionId).ToArray();
        if (hostsSet.Length > 0)
        {
            writes.Add(batch.HashSetAsync(MineHosts, hostsSet));
            writes.Add(batch.KeyExpireAsync(MineHosts, Ttl));
        }
        if (hostsClosed.Length > 0) writes.Add(batch.HashDeleteAsync(MineHosts, hostsClosed));
        if (heard.Count > 0)
            writes.Add(batch.ScriptEvaluateAsync(HeardScript, [keys.HostLines],
                heard.SelectMany(h => new RedisValue[] { h.Key, h.Value.At, h.Value.RttMs?.ToString() ?? "" }).ToArray()));
        try
        {
            batch.Execute(); // throws at once when no connection is there to take it (Redis down, fail fast)
            await Task.WhenAll(writes).WaitAsync(settings.CommandTimeout);
        }
        catch (Exception ex) when (RedisFaults.IsStoreFault(ex, CancellationToken.None))
        {
            Volatile.Write(ref _repair, 1);
            WriteFailed(logger, connections.Count, heard.Count, ex.Message);
        }
    }

    public async ValueTask<PresenceSnapshot> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(settings.CommandTimeout);
        try
        {
            // Sized for everyone as last counted (and the other nodes' site hosts, read apart): 3,000 connections
            // added one by one grew its tables a dozen times.
            var expected = _mine.Count + _othersRead.Values.Sum(o => o.Connections.Count) + 64;
            var (all, others) = await WithHostsAsync(_mine.Values, expected, bounded.Token, cancellationToken);
            foreach (var gone in _othersRead.Keys.Except(others)) _othersRead.TryRemove(gone, out _);
            // The other nodes' hosts came from their own small hashes, at every build (the board's line status is
            // live); everyone else as last read. At 0: the host lines already hold the times.
            foreach (var other in others)
            foreach (var connection in await OthersConnectionsAsync(other, bounded.Token))
                await all.ConnectedAsync(connection, 0, cancellationToken);
            return await all.SnapshotAsync(cancellationToken);
        }
        catch (Exception ex) when (RedisFaults.IsStoreFault(ex, cancellationToken))
        {
            throw new StoreUnavailableException("Redis did not answer the presence snapshot.", ex);
        }
    }

    /// <summary>
    /// Another node's connections other than its site hosts, read again once <see cref="RedisSettings.OtherNodesRead"/>
    /// has passed since the last read. Read in pages (HSCAN) and kept as they come, not as one reply: 1,500
    /// connections in one reply is a large-object allocation each time (gen2 collections, pauses). A connection that
    /// comes or goes meanwhile may be missed or seen twice; counting is by connection id, and the next read fixes it.
    /// </summary>
    async Task<IReadOnlyList<PresenceConnection>> OthersConnectionsAsync(string other, CancellationToken cancellationToken)
    {
        if (_othersRead.TryGetValue(other, out var last) && Stopwatch.GetElapsedTime(last.ReadAt) < settings.OtherNodesRead)
            return last.Connections;
        var readAt = Stopwatch.GetTimestamp();
        var connections = new List<PresenceConnection>();
        var seen = 0;
        await foreach (var entry in Db.HashScanAsync(keys.PresenceOfNode(other), pageSize: 250).WithCancellation(cancellationToken))
        {
            seen++;
            if (FromEntry(entry.Name!, entry.Value!) is { Role: not Role.SiteHost } connection) connections.Add(connection);
        }
        // An expired hash (its node died) reads as empty: forget the node until it writes again.
        if (seen == 0) _ = Db.SetRemoveAsync(keys.PresenceNodes, other, CommandFlags.FireAndForget);
        _othersRead[other] = new OthersRead(readAt, connections);
        return connections;
    }

    sealed record OthersRead(long ReadAt, IReadOnlyList<PresenceConnection> Connections);

    public async ValueTask<IReadOnlyDictionary<string, SitePresence>> HostLinesAsync(CancellationToken cancellationToken = default)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(settings.CommandTimeout);
        try
        {
            var (all, _) = await WithHostsAsync(MyHosts, 0, bounded.Token, cancellationToken);
            return await all.HostLinesAsync(cancellationToken);
        }
        catch (Exception ex) when (RedisFaults.IsStoreFault(ex, cancellationToken))
        {
            throw new StoreUnavailableException("Redis did not answer the host lines.", ex);
        }
    }

    /// <summary>
    /// What the board and the watchdog both read at every pass: the host lines and every other node's site hosts (its
    /// small hosts hash), counted with <paramref name="mine"/> in a fresh store (sized for <paramref name="capacity"/>
    /// connections); also the other nodes' names.
    /// </summary>
    async Task<(InMemoryPresenceStore All, IReadOnlyList<string> Others)> WithHostsAsync(IEnumerable<PresenceConnection> mine,
        int capacity, CancellationToken bounded, CancellationToken cancellationToken)
    {
        var others = (await Db.SetMembersAsync(keys.PresenceNodes).WaitAsync(bounded))
            .Select(n => n.ToString()).Where(n => n != node.Name).ToList();
        var lines = Db.HashGetAllAsync(keys.HostLines);
        var hosts = Task.WhenAll(others.Select(n => Db.HashGetAllAsync(keys.HostsOfNode(n))));
        await Task.WhenAll(lines, hosts).WaitAsync(bounded);

        var all = new InMemoryPresenceStore(capacity: capacity);
        await HeardAsync(all, await lines, cancellationToken);
        foreach (var connection in mine) await all.ConnectedAsync(connection, 0, cancellationToken);
        foreach (var host in (await hosts).SelectMany(h => h))
            await all.ConnectedAsync(new PresenceConnection(host.Name!, Role.SiteHost, host.Value!, ""), 0, cancellationToken);
        return (all, others);
    }

    /// <summary>Feeds the host lines as Redis holds them ("at|rtt") into a store that counts.</summary>
    static async Task HeardAsync(InMemoryPresenceStore all, HashEntry[] lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            var parts = line.Value.ToString().Split('|');
            await all.HostHeardAsync(line.Name!, long.Parse(parts[0]), parts[1].Length > 0 ? int.Parse(parts[1]) : null, cancellationToken);
        }
    }

    /// <summary>
    /// Keeps this node's connections alive in Redis. Most refreshes only extend the hash's expiry; all of them are
    /// rewritten at the first refresh, after a write that failed, and when Redis does not hold as many as this node
    /// has (it lost the hash in a restart without its data or a flush, and a later connect began a new one).
    /// Rewriting 1,500 entries every few seconds would cost Redis an append-only-file write and fsync each time, for
    /// nothing. What is waiting to be written goes first, so the counts compare what this node has.
    /// </summary>
    public async Task RefreshAsync()
    {
        await FlushAsync();
        try
        {
            if (Interlocked.Exchange(ref _repair, 0) == 0)
            {
                var held = Db.HashLengthAsync(Mine);
                var hostsHeld = Db.HashLengthAsync(MineHosts);
                await Task.WhenAll(Db.KeyExpireAsync(Mine, Ttl), Db.KeyExpireAsync(MineHosts, Ttl), held, hostsHeld,
                    Db.SetAddAsync(keys.PresenceNodes, node.Name)).WaitAsync(settings.CommandTimeout);
                // A connect or disconnect in flight may differ: a rewrite, harmless.
                if (await held == _mine.Count && await hostsHeld == MyHosts.Count()) return;
            }
            var transaction = Db.CreateTransaction();
            _ = transaction.KeyDeleteAsync([Mine, MineHosts]);
            var entries = _mine.Values.Select(c => new HashEntry(c.ConnectionId, Entry(c))).ToArray();
            var hosts = MyHosts.Select(c => new HashEntry(c.ConnectionId, c.Site)).ToArray();
            if (entries.Length > 0)
            {
                _ = transaction.HashSetAsync(Mine, entries);
                _ = transaction.KeyExpireAsync(Mine, Ttl);
                _ = transaction.SetAddAsync(keys.PresenceNodes, node.Name);
            }
            if (hosts.Length > 0)
            {
                _ = transaction.HashSetAsync(MineHosts, hosts);
                _ = transaction.KeyExpireAsync(MineHosts, Ttl);
            }
            await transaction.ExecuteAsync().WaitAsync(settings.CommandTimeout);
        }
        catch
        {
            Volatile.Write(ref _repair, 1);
            throw;
        }
    }

    /// <summary>
    /// One connection as its hash value, "role|site|actor id" (the connection id is the field). Compact on purpose:
    /// the moderator's node reads every node's connections twice a second for the board (3,000+ entries).
    /// </summary>
    static string Entry(PresenceConnection c) => $"{c.Role}|{c.Site}|{c.ActorId}";

    /// <summary>An entry this version cannot read (an older version's format, a stray write) is skipped; its node rewrites all of its entries at its first refresh.</summary>
    static PresenceConnection? FromEntry(string connectionId, string entry)
    {
        var parts = entry.Split('|', 3);
        return parts.Length == 3 && Enum.TryParse<Role>(parts[0], out var role) && Enum.IsDefined(role)
            ? new PresenceConnection(connectionId, role, parts[1].Length > 0 ? parts[1] : null, parts[2])
            : null;
    }

    /// <summary>A node stopping on purpose takes its connections with it at once (after the host lines still waiting).</summary>
    public async Task ForgetThisNodeAsync()
    {
        await FlushAsync();
        await Task.WhenAll(Db.KeyDeleteAsync([Mine, MineHosts]), Db.SetRemoveAsync(keys.PresenceNodes, node.Name))
            .WaitAsync(settings.CommandTimeout);
    }

    [LoggerMessage(EventId = 1107, Level = LogLevel.Debug, Message = "Presence write of {Connections} connections and {Sites} host lines failed ({Reason}); the next refresh repairs it")]
    static partial void WriteFailed(ILogger logger, int connections, int sites, string reason);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "A presence write failed unexpectedly; the next refresh repairs it")]
    static partial void WriteBehindFailed(ILogger logger, Exception exception);
}

/// <summary>Refreshes this node's presence in Redis on a timer; removes it on a clean stop.</summary>
public sealed partial class RedisPresenceRefresh(RedisPresenceStore store, RedisSettings settings, TimeProvider time,
    ILogger<RedisPresenceRefresh> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ResilientLoop.RunAsync("Presence refresh", settings.PresenceRefresh, _ => store.RefreshAsync(), time, logger, stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await store.ForgetThisNodeAsync();
        }
        catch (Exception ex) when (RedisFaults.IsStoreFault(ex, CancellationToken.None))
        {
            ForgetFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning, Message = "This node's presence could not be removed at stop ({Reason}); it expires on its own")]
    static partial void ForgetFailed(ILogger logger, string reason);
}
