using EventHub.Domain.Forum;

namespace EventHub.Presence;

/// <summary>Presence of this node's connections, in memory. One lock: every operation is a few dictionary steps.</summary>
/// <param name="coversAllNodes">True when this node is the whole deployment (no Redis).</param>
/// <param name="capacity">How many connections it is about to be given (a store built to count a snapshot).</param>
public sealed class InMemoryPresenceStore(bool coversAllNodes = true, int capacity = 0) : IPresenceStore
{
    public bool CoversAllNodes => coversAllNodes;

    readonly Lock _lock = new();
    readonly Dictionary<string, PresenceConnection> _connections = new(capacity, StringComparer.Ordinal);
    // Kept after the host leaves: "last heard" is exactly what the board needs for a host that is gone.
    readonly Dictionary<string, (long At, int? RttMs)> _hostLines = new(StringComparer.Ordinal);

    public ValueTask ConnectedAsync(PresenceConnection connection, long at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _connections[connection.ConnectionId] = connection;
            if (connection is { Role: Role.SiteHost, Site: { } site }) Heard(site, at, null);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask DisconnectedAsync(string connectionId, long at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_connections.Remove(connectionId, out var gone) && gone is { Role: Role.SiteHost, Site: { } site })
                Heard(site, at, null);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask HostHeardAsync(string site, long at, int? rttMs, CancellationToken cancellationToken = default)
    {
        lock (_lock) Heard(site, at, rttMs);
        return ValueTask.CompletedTask;
    }

    public ValueTask<PresenceSnapshot> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var hosts = new Dictionary<string, int>(StringComparer.Ordinal);
            var delegates = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var allDelegates = new HashSet<string>(_connections.Count, StringComparer.Ordinal);
            int displays = 0, moderators = 0;
            foreach (var c in _connections.Values)
                switch (c.Role)
                {
                    case Role.SiteHost when c.Site is not null:
                        hosts[c.Site] = hosts.GetValueOrDefault(c.Site) + 1;
                        break;
                    case Role.Delegate when c.Site is not null:
                        if (!delegates.TryGetValue(c.Site, out var ids)) delegates[c.Site] = ids = new(StringComparer.Ordinal);
                        ids.Add(c.ActorId);
                        allDelegates.Add(c.ActorId);
                        break;
                    case Role.Display:
                        displays++;
                        break;
                    case Role.Moderator:
                        moderators++;
                        break;
                }

            var sites = HostLines(hosts);
            foreach (var (site, ids) in delegates)
                sites[site] = (sites.GetValueOrDefault(site) ?? SitePresence.Nobody) with { DelegatesConnected = ids.Count };
            return ValueTask.FromResult(new PresenceSnapshot(sites, allDelegates, displays, moderators));
        }
    }

    public ValueTask<IReadOnlyDictionary<string, SitePresence>> HostLinesAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var hosts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var c in _connections.Values)
                if (c is { Role: Role.SiteHost, Site: { } site }) hosts[site] = hosts.GetValueOrDefault(site) + 1;
            return ValueTask.FromResult<IReadOnlyDictionary<string, SitePresence>>(HostLines(hosts));
        }
    }

    /// <summary>Host connections per site with each site's line (the caller holds the lock).</summary>
    Dictionary<string, SitePresence> HostLines(Dictionary<string, int> hosts)
    {
        var lines = new Dictionary<string, SitePresence>(StringComparer.Ordinal);
        foreach (var site in hosts.Keys.Concat(_hostLines.Keys).Distinct())
        {
            var line = _hostLines.TryGetValue(site, out var l) ? l : ((long At, int? RttMs)?)null;
            lines[site] = new SitePresence(hosts.GetValueOrDefault(site), 0, line?.At, line?.RttMs);
        }
        return lines;
    }

    void Heard(string site, long at, int? rttMs)
    {
        var previous = _hostLines.GetValueOrDefault(site);
        _hostLines[site] = (Math.Max(at, previous.At), rttMs ?? previous.RttMs);
    }
}
