namespace EventHub.Domain.Forum;

/// <summary>The kinds of caller. Display is read-only.</summary>
public enum Role
{
    Moderator,
    SiteHost,
    Delegate,
    Display,
    /// <summary>The secretariat beside the moderator: reviews, publishes and answers questions; no power over the queue or attendance.</summary>
    Reviewer,
}

/// <summary>Each role's name on the wire: in tokens' claims, the token request, logs, metrics and exports.</summary>
public static class RoleNames
{
    public static string Of(Role role) => role switch
    {
        Role.Moderator => "moderator",
        Role.SiteHost => "siteHost",
        Role.Delegate => "delegate",
        Role.Reviewer => "reviewer",
        _ => "display",
    };

    public static Role? Parse(string? value) => value switch
    {
        "moderator" => Role.Moderator,
        "siteHost" => Role.SiteHost,
        "delegate" => Role.Delegate,
        "display" => Role.Display,
        "reviewer" => Role.Reviewer,
        _ => null,
    };
}

/// <summary>Who caused an event: the role, the site they are bound to (hosts and delegates), and a name.</summary>
/// <param name="Id">Stable id of the person or console (a delegate's id, "moderator", "host:HCM").</param>
public sealed record Actor(Role Role, string? Site, string Name, string Id)
{
    public static Actor Moderator(string name = "Chủ tọa") => new(Role.Moderator, null, name, "moderator");
    public static Actor Host(string site, string name) => new(Role.SiteHost, site, name, $"host:{site}");
    public static Actor Delegate(string site, string name, string id) => new(Role.Delegate, site, name, id);
    public static Actor Reviewer(string name = "Thư ký") => new(Role.Reviewer, null, name, "reviewer");
    public static Actor Display(string name = "Màn hình") => new(Role.Display, null, name, "display");
    /// <summary>The hub itself (its clock, seeding). No token carries this id, so no client reaches its command ids.</summary>
    public static readonly Actor System = new(Role.Moderator, null, "Hệ thống", "system");
}
