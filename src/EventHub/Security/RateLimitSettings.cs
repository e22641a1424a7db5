namespace EventHub.Security;

/// <summary>
/// "EventHub:RateLimits": every limit, with its default. Sized so that a forum day never meets them: a check-in
/// storm of 62 sites with 100 delegates each, and a moderator acting several times a second; docs/security.md
/// gives the reasoning. Limits are per node except the lockout, which every node honours (through Redis when it
/// is configured).
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "EventHub:RateLimits";

    /// <summary>Token requests (right or wrong) from one client address per minute. A site's delegates may share one address.</summary>
    public int TokenPerAddressPerMinute { get; set; } = 300;

    /// <summary>Token requests naming one site (its host and its delegates) per minute.</summary>
    public int TokenPerSitePerMinute { get; set; } = 600;

    /// <summary>New delegates one site's join code may create at once; rejoining under a known name does not count.</summary>
    public int JoinBurst { get; set; } = 200;

    /// <summary>New delegates per join code per minute once the burst is spent.</summary>
    public int JoinsPerMinute { get; set; } = 100;

    /// <summary>Wrong keys or join codes from one address within <see cref="FailureWindow"/> before it is locked out.</summary>
    public int FailuresBeforeLockout { get; set; } = 20;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a locked-out address gets rate.limited for every token request, on every node.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Hub calls one connection may make at once (a token bucket's size) ...</summary>
    public int ConnectionBurst { get; set; } = 40;

    /// <summary>... and per second after that.</summary>
    public int ConnectionPerSecond { get; set; } = 10;

    /// <summary>Hub commands one caller (all of a person's or a console's connections on this node) may send at once ...</summary>
    public int CallerBurst { get; set; } = 60;

    /// <summary>... and per second after that.</summary>
    public int CallerPerSecond { get; set; } = 20;

    /// <summary>
    /// Votes (and unvotes) one caller may send at once ... A delegate tapping through a list of thirty questions, and
    /// their phone resending every pending vote after a cut, stays inside it.
    /// </summary>
    public int VoteBurst { get; set; } = 30;

    /// <summary>... and per second after that: faster than a thumb, slower than a script.</summary>
    public int VotesPerSecond { get; set; } = 5;

    /// <summary>
    /// Proxies (addresses or CIDR ranges, e.g. "10.0.0.0/8") whose X-Forwarded-For names the client. Loopback is
    /// always trusted. Without the balancer here, every client would share the balancer's address and its limits.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
}
