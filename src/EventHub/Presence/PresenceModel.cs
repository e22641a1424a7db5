namespace EventHub.Presence;

/// <summary>One live connection, as every node sees it: who, which node holds it, since when (Unix ms).</summary>
public sealed record PresenceEntry(string ConnectionId, string Node, string Role, string? Site, string Name, string Id, long Since);

/// <summary>A bridge point at a glance: is its host connected, how many delegates and displays are.</summary>
public sealed record SitePresence(string Site, bool HostOnline, int Delegates);

/// <summary>
/// Who is connected to the forum across all nodes, as of <paramref name="At"/>. A node that died without a
/// goodbye drops out once its last report expires (see docs/presence.md for the bound).
/// </summary>
public sealed record PresenceView(long At, IReadOnlyList<string> Nodes, IReadOnlyList<PresenceEntry> Connections,
    IReadOnlyList<SitePresence> Sites, int Displays)
{
    public static readonly PresenceView Empty = new(0, [], [], [], 0);

    public static PresenceView Of(long at, IReadOnlyList<string> nodes, IReadOnlyList<PresenceEntry> connections)
    {
        var sites = connections.Where(c => c.Site is not null).GroupBy(c => c.Site!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SitePresence(g.Key, g.Any(c => c.Role == "siteHost"), g.Count(c => c.Role == "delegate")))
            .ToList();
        return new PresenceView(at, nodes, connections, sites, connections.Count(c => c.Role == "display"));
    }

    /// <summary>Same people on the same nodes (times aside): nothing worth sending again.</summary>
    public bool SameAs(PresenceView other) =>
        Nodes.SequenceEqual(other.Nodes) && Connections.Select(c => c.ConnectionId).SequenceEqual(other.Connections.Select(c => c.ConnectionId));
}
