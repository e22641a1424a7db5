using System.Security.Cryptography;
using System.Text;
using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.Storage;

namespace EventHub.Auth;

/// <summary>POST /api/token: a key (or a site's join code and a name) in, a signed bearer token out.</summary>
public sealed record TokenRequest(string? Role, string? Key, string? Site, string? Name, string? Agency, bool Awardee = false);

public sealed record TokenResponse(string Token, long ExpiresAt, Identity Identity);

public static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/token", IssueAsync).AllowAnonymous();
        return app;
    }

    static async Task<IResult> IssueAsync(TokenRequest? request, Credentials credentials, TokenIssuer issuer,
        ForumEngine engine, CancellationToken cancellationToken)
    {
        try
        {
            if (request is null) throw Errors.Required("body");
            var actor = await AuthenticateAsync(request, credentials, engine, cancellationToken);
            var (token, expires) = issuer.Issue(actor);
            return Results.Ok(new TokenResponse(token, expires.ToUnixTimeMilliseconds(),
                new Identity(ForumClaims.RoleName(actor.Role), actor.Site, actor.Name, actor.Id)));
        }
        catch (ForumRuleException ex)
        {
            var status = ex.Error.Code.StartsWith("auth.", StringComparison.Ordinal) ? StatusCodes.Status401Unauthorized
                : ex.Error.Code == "delegate.removed" ? StatusCodes.Status403Forbidden
                : ex.Error.Code.StartsWith("store.", StringComparison.Ordinal) ? StatusCodes.Status503ServiceUnavailable
                : StatusCodes.Status400BadRequest;
            return Refusal(ex.Error, status);
        }
        catch (StoreUnavailableException)
        {
            // A delegate's login is a join written to the log; without the store it cannot be, so try again soon.
            return Refusal(Errors.StoreUnavailable().Error, StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>Seconds a client waits before it asks again after a 503 (the store is usually back within them).</summary>
    public const int RetryAfterSeconds = 2;

    static IResult Refusal(ForumError error, int status)
    {
        var body = Results.Json(new { error = new ErrorInfo(error.Code, error.Message, error.MessageEn) }, statusCode: status);
        return status == StatusCodes.Status503ServiceUnavailable ? new RetryAfter(body, RetryAfterSeconds) : body;
    }

    /// <summary>A result with a <c>Retry-After</c> header.</summary>
    sealed class RetryAfter(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }

    static async Task<Actor> AuthenticateAsync(TokenRequest request, Credentials credentials, ForumEngine engine,
        CancellationToken cancellationToken)
    {
        switch (ForumClaims.ParseRole(request.Role))
        {
            case Role.Moderator:
                return Credentials.Matches(request.Key, credentials.ModeratorKey)
                    ? Actor.Moderator(Text.Optional(request.Name, "name") ?? "Điều hành")
                    : throw AuthErrors.BadKey();
            case Role.Display:
                return Credentials.Matches(request.Key, credentials.DisplayKey)
                    ? Actor.Display(Text.Optional(request.Name, "name") ?? "Màn hình")
                    : throw AuthErrors.BadKey();
            case Role.SiteHost:
            {
                var (site, keys) = FindSite(request.Site, credentials);
                return Credentials.Matches(request.Key, keys.HostKey)
                    ? Actor.Host(site, Text.Optional(request.Name, "name") ?? $"Điểm cầu {site}")
                    : throw AuthErrors.BadKey();
            }
            case Role.Delegate:
            {
                var (site, keys) = FindSite(request.Site, credentials);
                if (!Credentials.Matches(request.Key, keys.JoinCode)) throw AuthErrors.BadKey();
                var name = Text.Required(request.Name, "name");
                return await JoinAsync(engine, site, name, request, cancellationToken);
            }
            default:
                throw AuthErrors.BadRole();
        }
    }

    /// <summary>Joining is an event; the command id comes from site and name so a retried join is the same join.</summary>
    static async Task<Actor> JoinAsync(ForumEngine engine, string site, string name, TokenRequest request,
        CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{site}\n{Text.Key(name)}")))[..24];
        var id = $"d-{key[..12]}";
        await engine.ExecuteAsync(Actor.Delegate(site, name, id), $"join-{key}",
            new JoinAsDelegate(site, id, name, request.Agency, request.Awardee), cancellationToken);
        var joined = engine.View.State.Attendance.FindDelegate(site, name) ?? throw Errors.Internal();
        // The join's command id is fixed per name, so a rejoin after removal is a "duplicate" the decider never sees.
        if (joined.Removed) throw Errors.DelegateRemoved();
        return Actor.Delegate(site, joined.Name, joined.Id);
    }

    static (string Site, SiteCredentials Keys) FindSite(string? site, Credentials credentials)
    {
        var code = Text.Required(site, "site", 8).ToUpperInvariant();
        return credentials.Sites.TryGetValue(code, out var keys) ? (code, keys) : throw Errors.UnknownSite(code);
    }
}

static class AuthErrors
{
    public static ForumRuleException BadKey() => new(new ForumError("auth.bad_key",
        "Khóa hoặc mã tham gia không đúng.", "The key or join code is not valid."));

    public static ForumRuleException BadRole() => new(new ForumError("auth.bad_role",
        "Vai trò phải là moderator, siteHost, delegate hoặc display.", "Role must be moderator, siteHost, delegate or display."));
}
