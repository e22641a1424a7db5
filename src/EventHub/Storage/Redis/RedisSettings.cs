using StackExchange.Redis;

namespace EventHub.Storage.Redis;

/// <summary>The "EventHub:Redis" section. The connection string itself is ConnectionStrings:Redis.</summary>
public sealed class RedisSettings
{
    public const string Section = "EventHub:Redis";

    /// <summary>Prefix of the backplane's channels; one per deployment so two deployments on one Redis stay apart.</summary>
    public string ChannelPrefix { get; set; } = "eventhub";

    /// <summary>Prefix of every key; defaults to the channel prefix.</summary>
    public string? KeyPrefix { get; set; }

    /// <summary>
    /// How long a Redis command may take before the hub gives up and answers store.unavailable. Short on
    /// purpose: a site host pressing "check in" should get "retry" in seconds, not hang for a minute.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How often each node rewrites its connections in the shared presence store. Each write lives three
    /// refreshes, so a node killed without a goodbye drops out of presence within four (20 s by default).
    /// </summary>
    public TimeSpan PresenceRefresh { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a node's board may count the other nodes' delegates, displays and moderators as it last read them
    /// (their site hosts are read at every build). Reading every other node's connections is the board's largest
    /// cost, and it is built twice a second; a count a second or two old is still live to a moderator.
    /// </summary>
    public TimeSpan OtherNodesRead { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a node gathers its presence writes (connections coming and going, hosts heard) before writing them
    /// to Redis together; 0 writes each at once. With <c>appendfsync always</c> every write Redis takes costs an
    /// append-only-file write and an fsync, which the forum's log appends then wait behind: phones reconnecting
    /// after a network blip must not slow the moderator's commands. No reader needs them sooner: a node counts its
    /// own connections from memory, and the others read it at most every <see cref="OtherNodesRead"/>.
    /// </summary>
    public TimeSpan PresenceWriteBehind { get; set; } = TimeSpan.FromMilliseconds(250);

    public string Keys => KeyPrefix ?? ChannelPrefix;

    /// <summary>The connection string with the hub's fail-fast settings on top.</summary>
    /// <param name="failWhileDisconnected">
    /// For the store: while disconnected, fail at once instead of queueing until the timeout (the site client
    /// resends anyway). Not for the backplane: its subscriptions, made as a node starts, must wait for the
    /// connection rather than be lost to a slow first connect.
    /// </param>
    public ConfigurationOptions Connection(string connectionString, bool failWhileDisconnected = true)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        var timeout = (int)CommandTimeout.TotalMilliseconds;
        options.AbortOnConnectFail = false; // start (and keep running) while Redis is away; reconnect in the background
        options.ConnectTimeout = timeout;
        options.SyncTimeout = timeout;
        options.AsyncTimeout = timeout;
        options.ConnectRetry = 1;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.BacklogPolicy = failWhileDisconnected ? BacklogPolicy.FailFast : BacklogPolicy.Default;
        options.AllowAdmin = true; // CONFIG GET at open, to warn when persistence cannot keep "acknowledged means durable"
        return options;
    }
}
