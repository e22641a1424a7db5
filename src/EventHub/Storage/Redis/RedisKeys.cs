using StackExchange.Redis;

namespace EventHub.Storage.Redis;

/// <summary>
/// Every Redis key the hub uses, built here and nowhere else. All keys of one forum share a hash tag
/// (<c>{forum:ID}</c>) so the append script touches one slot, as Redis Cluster requires of a script; the
/// presence keys share <c>{presence}</c> so one MGET reads every node's report.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>STRING: the log's epoch, created with SET NX; a missing epoch means the log was lost.</summary>
    public RedisKey Epoch(string forumId) => Forum(forumId, "epoch");

    /// <summary>LIST: one JSON record per event; index i holds sequence number i + 1.</summary>
    public RedisKey Events(string forumId) => Forum(forumId, "events");

    /// <summary>
    /// HASH: <see cref="OutcomeField"/> → the command's first answer (<see cref="OutcomeRecord"/>), kept for the life of
    /// the log's epoch: the written ones number no more than the log's events, refusals and no-ops one per command.
    /// </summary>
    public RedisKey Outcomes(string forumId) => Forum(forumId, "outcomes");

    /// <summary>
    /// A field of <see cref="Outcomes"/>: the caller's id, then the command id. A command id never holds '|', so two
    /// callers' fields never meet; the hub's own commands are the system actor's, an id no token carries.
    /// </summary>
    public static string OutcomeField(string callerId, string commandId) => $"{callerId}|{commandId}";

    /// <summary>
    /// Pub/sub channel: every appended event record, published by the append script in log order. Not a key;
    /// named like one so a deployment's channels and keys share its prefix.
    /// </summary>
    public RedisChannel Appended(string forumId) => RedisChannel.Literal($"{Prefix}:{{forum:{forumId}}}:appended");

    /// <summary>SET: names of the nodes holding connections (a node whose hash expired is removed on read).</summary>
    public RedisKey PresenceNodes => $"{Prefix}:{{presence}}:nodes";

    /// <summary>HASH with expiry: one node's connections, connection id → "role|site|actor id".</summary>
    public RedisKey PresenceOfNode(string node) => $"{Prefix}:{{presence}}:node:{node}";

    /// <summary>HASH with expiry: one node's site hosts' connections (also in its connections), connection id → site.</summary>
    public RedisKey HostsOfNode(string node) => $"{Prefix}:{{presence}}:node:{node}:hosts";

    /// <summary>HASH: site → "last heard at (Unix ms)|last round trip ms"; kept after the host leaves.</summary>
    public RedisKey HostLines => $"{Prefix}:{{presence}}:host-lines";

    /// <summary>STRING with expiry: a client address locked out of /api/token after repeated wrong keys; every node reads it.</summary>
    public RedisKey LoginLockout(string address) => $"{Prefix}:login-lockout:{address}";

    /// <summary>SORTED SET: logged-out sessions (token "sid"), scored by when their last token expires; pruned on read.</summary>
    public RedisKey RevokedSessions => $"{Prefix}:revoked-sessions";

    /// <summary>HASH: key scope ("moderator", "host:HCM" …) → "generation|key", for every key rotated while nodes ran.</summary>
    public RedisKey RotatedKeys => $"{Prefix}:rotated-keys";

    /// <summary>Pub/sub channel: a logout or a rotation, so every node refuses the ended tokens at once (see TokenChange).</summary>
    public RedisChannel TokenChanges => RedisChannel.Literal($"{Prefix}:token-changes");

    RedisKey Forum(string forumId, string what) => $"{Prefix}:{{forum:{forumId}}}:{what}";
}
