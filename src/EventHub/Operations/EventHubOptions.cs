namespace EventHub.Operations;

/// <summary>The "EventHub" configuration section; every default lives here. docs/configuration.md lists them.</summary>
public sealed class EventHubOptions
{
    public const string Section = "EventHub";

    /// <summary>Where the embedded default keeps its log, its credentials and (when none is configured) its signing key.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The seeds folder (forum and bridge points); defaults to the copy beside the program.</summary>
    public string? SeedsDirectory { get; set; }

    /// <summary>The credentials file; defaults to DataDirectory/credentials.json. Nodes of one cluster share it.</summary>
    public string? CredentialsFile { get; set; }

    /// <summary>Recent events kept per node for resume; a client further behind gets a snapshot.</summary>
    public int ResumeWindow { get; set; } = 2_000;

    /// <summary>How often every client is told the log's position, so an idle client notices a lost message.</summary>
    public TimeSpan PositionInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a node gathers vote events before it writes their tallies to its connections in one message (at most
    /// this many updates a second per connection, whatever the vote rate); zero sends each vote as it is.
    /// </summary>
    public TimeSpan TallyInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The most events a node writes to a connection as one message when several are waiting for it (1 to 32; 1 writes
    /// every event on its own, as an <c>Event</c>).
    /// </summary>
    public int EventsPerMessage { get; set; } = 32;

    public AuthSettings Auth { get; set; } = new();

    public string SeedsPath => SeedsDirectory ?? Path.Combine(AppContext.BaseDirectory, "seeds");
    public string CredentialsPath => CredentialsFile ?? Path.Combine(DataDirectory, "credentials.json");
}

public sealed class AuthSettings
{
    /// <summary>Base64 HMAC-SHA256 key (32+ bytes). Required with Redis so all nodes accept each other's tokens;
    /// the embedded default generates one into the data folder when it is not set.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// With Redis, how often a node reads every logout and rotated key again, for a message the channel lost (each
    /// normally arrives at once on the channel).
    /// </summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(15);

    public const string Issuer = "eventhub";
    public const string Audience = "eventhub";
}
