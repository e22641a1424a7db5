using System.Collections.Concurrent;

namespace EventHub.Presence;

/// <summary>The connections this node holds right now; the hub filter adds and removes them.</summary>
public sealed class LocalConnections
{
    readonly ConcurrentDictionary<string, PresenceEntry> _connections = new(StringComparer.Ordinal);

    public void Add(PresenceEntry entry) => _connections[entry.ConnectionId] = entry;
    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);
    public IReadOnlyList<PresenceEntry> Snapshot() => _connections.Values.OrderBy(e => e.ConnectionId, StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> Moderators() =>
        _connections.Values.Where(e => e.Role == "moderator").Select(e => e.ConnectionId).ToList();
}
