namespace EventHub.Domain.Protocol;

// The moderator's live board of the 62 bridge points. It is a view, not part of the log: it carries no sequence
// number, is rebuilt from the forum state and the presence store, and is sent coalesced (a few times a second at
// most, and only when it changed). Times are Unix ms; "time since last heard" is At − HostLastHeardAt.

/// <summary>A site's status on the board (strings, so JSON and MessagePack clients read the same thing).</summary>
public static class SiteStatus
{
    public const string NotCheckedIn = "notCheckedIn";
    public const string Online = "online";
    public const string HostDisconnected = "hostDisconnected";
    public const string CheckedOut = "checkedOut";
}

public sealed record SiteBoardRow(
    string Site,
    string Status,
    string? Lead,
    int Headcount,
    int DelegatesJoined,
    int DelegatesConnected,
    int HostConnections,
    long? HostLastHeardAt,
    int? HostRttMs,
    bool HostAlert,
    long? RollCallAnsweredAt);

public sealed record BoardTotals(
    int Sites,
    int SitesCheckedIn,
    int SitesOnline,
    int Headcount,
    int DelegatesJoined,
    int DelegatesConnected,
    int AwardeesJoined,
    int AwardeesConnected,
    int DisplaysConnected,
    int HostAlerts);

/// <summary>The latest roll call: answered so far, and whether its deadline passed or it was closed.</summary>
public sealed record BoardRollCall(string Id, long StartedAt, long DeadlineAt, long? ClosedAt, int Answered);

/// <summary>The whole board. <c>Seq</c> is the log position it reflects; <c>At</c> when it was built.</summary>
public sealed record SiteBoard(long At, long Seq, BoardTotals Totals, BoardRollCall? RollCall, IReadOnlyList<SiteBoardRow> Sites);

public static class PresenceMessages
{
    /// <summary>Server → moderators: <see cref="SiteBoard"/>, coalesced.</summary>
    public const string Board = "Board";
    /// <summary>Server → hosts: a number the client sends straight back with the Pong hub method.</summary>
    public const string Ping = "Ping";
}
