using EventHub.Domain.Forum;

namespace EventHub.Auth;

/// <summary>
/// Names one key of the forum: "moderator", "reviewer", "display", "host:SITE" or "join:SITE". A token records the
/// scope's generation it was issued under; rotating the scope's key moves the generation on and ends those tokens.
/// </summary>
public static class KeyScope
{
    public const string Moderator = "moderator";
    public const string Reviewer = "reviewer";
    public const string Display = "display";
    public const string HostKind = "host";
    public const string JoinKind = "join";

    public static string Host(string site) => $"{HostKind}:{site}";
    public static string Join(string site) => $"{JoinKind}:{site}";

    /// <summary>The key an actor logged in with: a delegate's is their site's join code.</summary>
    public static string Of(Actor actor) => actor.Role switch
    {
        Role.Moderator => Moderator,
        Role.Reviewer => Reviewer,
        Role.SiteHost => Host(actor.Site ?? ""),
        Role.Delegate => Join(actor.Site ?? ""),
        _ => Display,
    };

    /// <summary>(kind, site): the site is null for the hall's keys.</summary>
    public static (string Kind, string? Site) Parse(string scope) =>
        scope.IndexOf(':') is var colon and > 0 ? (scope[..colon], scope[(colon + 1)..]) : (scope, null);
}
