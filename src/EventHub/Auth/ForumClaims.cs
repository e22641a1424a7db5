using System.Security.Claims;
using EventHub.Domain.Forum;

namespace EventHub.Auth;

/// <summary>The claims a hub token carries, and the actor they describe.</summary>
public static class ForumClaims
{
    public const string Role = "role";
    public const string Site = "site";
    public const string Name = "name";
    public const string Id = "sub";
    /// <summary>The login session: kept by every refresh, ended by logout (<see cref="SessionRevocations"/>).</summary>
    public const string Session = "sid";
    /// <summary>The generation of the key the session logged in with (<see cref="KeyScope"/>); a rotation ends older ones.</summary>
    public const string KeyGeneration = "kgen";

    /// <summary>
    /// The forum's claims only, in an identity of their own. A hub connection keeps its user for as long as it is
    /// open, and the identity the token handler builds holds the parsed token behind it (its raw bytes, every
    /// registered claim twice, their dictionaries): about 50 objects a connection that nothing reads again
    /// (docs/performance.md).
    /// </summary>
    public static ClaimsPrincipal Slim(ClaimsPrincipal user)
    {
        var kept = user.Claims.Where(c => c.Type is Role or Site or Name or Id or Session or KeyGeneration)
            .Select(c => new Claim(c.Type, c.Value)); // new claims: the old ones point back at the identity with the token
        return new ClaimsPrincipal(new ClaimsIdentity(kept, user.Identity?.AuthenticationType, Name, Role));
    }

    /// <summary>The session a token belongs to and the key generation it was issued under; null when it names none.</summary>
    public static TokenSession? ToSession(ClaimsPrincipal? user, Actor actor) =>
        user?.FindFirst(Session)?.Value is { Length: > 0 } session &&
        int.TryParse(user.FindFirst(KeyGeneration)?.Value, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var generation)
            ? new TokenSession(session, KeyScope.Of(actor), generation)
            : null;

    public static Actor? ToActor(ClaimsPrincipal? user)
    {
        var role = RoleNames.Parse(user?.FindFirst(Role)?.Value);
        var id = user?.FindFirst(Id)?.Value;
        var name = user?.FindFirst(Name)?.Value;
        // The system's id is no caller's: its command ids (roll-call close, host alerts) stay the hub's own.
        if (role is null || id is null || name is null || id == Actor.System.Id) return null;
        return new Actor(role.Value, user!.FindFirst(Site)?.Value, name, id);
    }
}

/// <summary>What a token says about its login: the session id, the key it came from and that key's generation.</summary>
public sealed record TokenSession(string Id, string Scope, int Generation);
