namespace EventHub.Presence;

/// <summary>"EventHub:Presence": how often the board goes out, how hosts' lines are probed, when a lost host alerts.</summary>
public sealed class PresenceSettings
{
    /// <summary>A checked-in site whose host has been away this long gets a <c>SiteHostLost</c> event (the alert).</summary>
    public TimeSpan HostAlertAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The board goes to the moderators at most once per interval, and only when it changed.</summary>
    public TimeSpan BoardInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often each host connection on this node is pinged to measure its round trip.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the system checks for lost hosts, expired roll calls and removed delegates still connected.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(1);
}
