namespace EventHub.Hubs;

/// <summary>
/// The SignalR groups, named in one place. Every connection is in <see cref="Everyone"/> and in its node's group;
/// moderators are in <see cref="Moderators"/>, delegates and displays in <see cref="Public"/>, and a host in its own
/// site's group and in the "not" group of every other site. So a public event is one send to Everyone, and a
/// site's private event is one send of the full form (Moderators + Host(site)) and one of the public form
/// (Public + OtherThan(site)): four sends, not one per site.
/// </summary>
public static class HubGroups
{
    public const string Everyone = "all";
    public const string Moderators = "mod";
    public const string Public = "pub";
    public static string Host(string site) => $"host:{site}";

    /// <summary>The hosts of every site but this one.</summary>
    public static string OtherThan(string site) => $"not:{site}";

    /// <summary>The connections open on one node: its beacon speaks to them only.</summary>
    public static string Node(string name) => $"node:{name}";
}
