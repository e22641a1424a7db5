using EventHub.Domain.Forum;

namespace EventHub.Presence;

/// <summary>One open hub connection, as presence knows it.</summary>
public sealed record PresenceConnection(string ConnectionId, Role Role, string? Site, string ActorId);

/// <summary>A site's live line: how many of its people are connected, and when its host was last heard.</summary>
public sealed record SitePresence(int HostConnections, int DelegatesConnected, long? HostLastHeardAt, int? HostRttMs)
{
    public static readonly SitePresence Nobody = new(0, 0, null, null);
}

/// <summary>Who is connected right now. <c>Delegates</c> holds delegate ids (a delegate on two phones counts once).</summary>
public sealed record PresenceSnapshot(
    IReadOnlyDictionary<string, SitePresence> Sites, IReadOnlySet<string> Delegates, int Displays, int Moderators)
{
    public SitePresence Site(string code) => Sites.GetValueOrDefault(code) ?? SitePresence.Nobody;
}

/// <summary>
/// Who is connected, for the moderator's board and the host alerts. Presence is a live view, never part of the
/// forum's log. The in-memory store sees one node; a cluster needs a shared (Redis) store behind this interface.
/// </summary>
public interface IPresenceStore
{
    /// <summary>
    /// True when this store sees every node's connections. Host alerts need it: a node that sees only its own
    /// connections would report hosts connected elsewhere as lost.
    /// </summary>
    bool CoversAllNodes { get; }

    ValueTask ConnectedAsync(PresenceConnection connection, long at, CancellationToken cancellationToken = default);

    ValueTask DisconnectedAsync(string connectionId, long at, CancellationToken cancellationToken = default);

    /// <summary>A site's host was heard (a call, a pong); <paramref name="rttMs"/> when a round trip was measured.</summary>
    ValueTask HostHeardAsync(string site, long at, int? rttMs, CancellationToken cancellationToken = default);

    ValueTask<PresenceSnapshot> SnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The sites' host lines only (host connections and last heard; no delegates, displays or moderators in it), for
    /// the watchdog every node runs every second: a shared store answers it without reading every connection.
    /// </summary>
    ValueTask<IReadOnlyDictionary<string, SitePresence>> HostLinesAsync(CancellationToken cancellationToken = default);
}
