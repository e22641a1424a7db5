using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.Operations;
using EventHub.Security;
using EventHub.Storage;

namespace EventHub.Auth;

/// <summary>The operator's request to rotate one key: <c>moderator</c>, <c>reviewer</c>, <c>display</c>, or <c>siteHost</c> / <c>joinCode</c> with a site.</summary>
public sealed record RotateKeyRequest(string? Key, string? Site);

/// <summary>The new key, shown to the operator once (never logged), and its generation.</summary>
public sealed record RotatedKeyResponse(string Scope, int Generation, string NewKey);

/// <summary>
/// A session's end and continuation: logout (the caller's own session), refresh (a new token for the same session),
/// and the operator's key rotation on the management port.
/// </summary>
public static class SessionEndpoints
{
    public const string RotatePath = "/admin/keys/rotate";

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/logout", LogoutAsync).RequireAuthorization();
        app.MapPost("/api/token/refresh", (HttpContext http, SessionRefresh refresh) =>
            Answer(http, () => Task.FromResult(Results.Ok(refresh.Refresh(http.User))))).RequireAuthorization();
        app.MapPost(RotatePath, RotateAsync).RequireManagementAccess();
        return app;
    }

    static Task<IResult> LogoutAsync(HttpContext http, SessionRevocations revocations, EventHubOptions options,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken) => Answer(http, async () =>
    {
        var actor = ForumClaims.ToActor(http.User) ?? throw AuthErrors.BadToken();
        var session = ForumClaims.ToSession(http.User, actor) ?? throw AuthErrors.BadToken();
        // Until every token this session could hold has expired: one refreshed a moment ago lives a full lifetime.
        var until = time.GetUtcNow() + options.Auth.TokenLifetime + TimeSpan.FromMinutes(1);
        await revocations.RevokeAsync(session.Id, until.ToUnixTimeMilliseconds(), cancellationToken);
        AuditLog.LoggedOut(loggers.CreateLogger(AuditLog.Category), RoleNames.Of(actor.Role), actor.Id, actor.Site,
            AuditLog.ClientOf(http));
        return Results.NoContent();
    });

    static Task<IResult> RotateAsync(RotateKeyRequest? request, HttpContext http, KeyRing keys, ILoggerFactory loggers,
        CancellationToken cancellationToken) => Answer(http, async () =>
    {
        if (request is null) throw Errors.Required("body");
        var scope = ScopeOf(request, keys.Current);
        var (key, generation) = await keys.RotateAsync(scope, cancellationToken);
        AuditLog.KeyRotated(loggers.CreateLogger(AuditLog.Category), scope, generation, AuditLog.ClientOf(http));
        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new RotatedKeyResponse(scope, generation, key));
    });

    /// <summary>The scope a request names, checked against the keys that exist.</summary>
    static string ScopeOf(RotateKeyRequest request, Credentials credentials)
    {
        var kind = Text.Required(request.Key, "key", 16);
        string Site()
        {
            var code = Text.Required(request.Site, "site", 8).ToUpperInvariant();
            return credentials.Sites.ContainsKey(code) ? code : throw Errors.UnknownSite(code);
        }
        return kind switch
        {
            "moderator" => KeyScope.Moderator,
            "reviewer" => KeyScope.Reviewer,
            "display" => KeyScope.Display,
            "siteHost" => KeyScope.Host(Site()),
            "joinCode" => KeyScope.Join(Site()),
            _ => throw AuthErrors.UnknownKey(kind),
        };
    }

    /// <summary>A refusal as the token endpoint answers it: the structured error with its status.</summary>
    static async Task<IResult> Answer(HttpContext http, Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (ForumRuleException ex)
        {
            var status = ex.Error.Code == "delegate.removed" ? StatusCodes.Status403Forbidden
                : ex.Error.Code.StartsWith("auth.", StringComparison.Ordinal) && ex.Error.Code != "auth.unknown_key" ? StatusCodes.Status401Unauthorized
                : ex.Error.Code == "site.unknown" ? StatusCodes.Status404NotFound
                : StatusCodes.Status400BadRequest;
            return Results.Json(new { error = new ErrorInfo(ex.Error.Code, ex.Error.Message, ex.Error.MessageEn) }, Json.Options, statusCode: status);
        }
        catch (StoreUnavailableException)
        {
            return Unavailable(http);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return Unavailable(http);
        }
    }

    static IResult Unavailable(HttpContext http)
    {
        var error = Errors.StoreUnavailable().Error;
        http.Response.Headers.RetryAfter = TokenEndpoint.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new { error = new ErrorInfo(error.Code, error.Message, error.MessageEn) }, Json.Options,
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>
/// A new token for the caller's own session: same identity, same session, same key generation, a full lifetime
/// from now. Only a token that still stands gets here, so a logged-out or rotated one is never renewed.
/// </summary>
public sealed class SessionRefresh(TokenIssuer issuer, ForumEngine engine)
{
    public TokenResponse Refresh(System.Security.Claims.ClaimsPrincipal user)
    {
        var actor = ForumClaims.ToActor(user) ?? throw AuthErrors.BadToken();
        var session = ForumClaims.ToSession(user, actor) ?? throw AuthErrors.BadToken();
        if (actor.Role == Role.Delegate && engine.View.State.Attendance.IsRemoved(actor.Id)) throw Errors.DelegateRemoved();
        var (token, expires) = issuer.Issue(actor, session.Generation, session.Id);
        return new TokenResponse(token, expires.ToUnixTimeMilliseconds(),
            new Identity(RoleNames.Of(actor.Role), actor.Site, actor.Name, actor.Id));
    }
}
