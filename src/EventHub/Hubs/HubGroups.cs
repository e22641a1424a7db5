namespace EventHub.Hubs;

/// <summary>
/// The SignalR groups, named in one place. A connection is in exactly one of Moderators, Public and Hosts,
/// so a send to those three reaches everyone once; a host is also in its own site's group.
/// </summary>
public static class HubGroups
{
    public const string Moderators = "mod";
    public const string Public = "pub";
    public const string Hosts = "hosts";
    public static string Host(string site) => $"host:{site}";
}
