using System.Security.Cryptography;
using System.Text;
using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.Seeds;
using EventHub.Forum;
using EventHub.Security;
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
        app.MapSessionEndpoints();
        return app;
    }

    static async Task<IResult> IssueAsync(TokenRequest? request, Credentials credentials, TokenIssuer issuer,
        ForumEngine engine, LoginGuard guard, SeedData seeds, HttpContext http, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var audit = loggers.CreateLogger(AuditLog.Category);
        var client = AuditLog.ClientOf(http);
        try
        {
            try
            {
                await guard.CheckAddressAsync(client);
                if (request is null) throw Errors.Required("body");
                var actor = await AuthenticateAsync(request, credentials, engine, guard, seeds.Awardees, cancellationToken);
                // The generation from the same keys the login was checked against: a rotation meanwhile ends this token too.
                var (token, expires) = issuer.Issue(actor, credentials.GenerationOf(KeyScope.Of(actor)));
                AuditLog.LoginSucceeded(audit, RoleNames.Of(actor.Role), actor.Id, actor.Name, actor.Site, client);
                return Results.Ok(new TokenResponse(token, expires.ToUnixTimeMilliseconds(),
                    new Identity(RoleNames.Of(actor.Role), actor.Site, actor.Name, actor.Id)));
            }
            catch (ForumRuleException ex) when (ex.Error.Code == "auth.bad_key")
            {
                await guard.FailedAsync(client); // throws rate.limited when this failure locks the address out
                throw;
            }
        }
        catch (ForumRuleException ex)
        {
            // What the caller typed is logged only when it names a known role or site: never a key, never free text.
            AuditLog.LoginFailed(audit, RoleNames.Parse(request?.Role) is { } role ? RoleNames.Of(role) : "?",
                KnownSite(request?.Site, credentials), client, ex.Error.Code);
            var status = ex.Error.Code.StartsWith("auth.", StringComparison.Ordinal) ? StatusCodes.Status401Unauthorized
                : ex.Error.Code == "delegate.removed" ? StatusCodes.Status403Forbidden
                : ex.Error.Code == "rate.limited" ? StatusCodes.Status429TooManyRequests
                : ex.Error.Code.StartsWith("store.", StringComparison.Ordinal) ? StatusCodes.Status503ServiceUnavailable
                : StatusCodes.Status400BadRequest;
            return Refusal(http, ex.Error, status);
        }
        catch (StoreUnavailableException)
        {
            // A delegate's login is a join written to the log; without the store it cannot be, so try again soon.
            return Refusal(http, Errors.StoreUnavailable().Error, StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>Seconds a client waits before it asks again after a 503 (the store is usually back within them).</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>The structured error, with <c>Retry-After</c> when the caller should wait (a limit, or the store away).</summary>
    static IResult Refusal(HttpContext http, ForumError error, int status)
    {
        var seconds = error.RetryAfterMs is { } retryAfterMs ? (retryAfterMs + 999) / 1000
            : status == StatusCodes.Status503ServiceUnavailable ? RetryAfterSeconds : (long?)null;
        if (seconds is { } wait) http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new { error = new ErrorInfo(error.Code, error.Message, error.MessageEn, error.RetryAfterMs) },
            statusCode: status);
    }

    static async Task<Actor> AuthenticateAsync(TokenRequest request, Credentials credentials, ForumEngine engine,
        LoginGuard guard, AwardRecipients awardees, CancellationToken cancellationToken)
    {
        switch (RoleNames.Parse(request.Role))
        {
            case Role.Moderator:
                return Credentials.Matches(request.Key, credentials.ModeratorKey)
                    ? Actor.Moderator(Text.Optional(request.Name, "name") ?? "Chủ tọa")
                    : throw AuthErrors.BadKey();
            case Role.Reviewer:
                return credentials.ReviewerKey is { } reviewerKey && Credentials.Matches(request.Key, reviewerKey)
                    ? Actor.Reviewer(Text.Optional(request.Name, "name") ?? "Thư ký")
                    : throw AuthErrors.BadKey();
            case Role.Display:
                return Credentials.Matches(request.Key, credentials.DisplayKey)
                    ? Actor.Display(Text.Optional(request.Name, "name") ?? "Màn hình")
                    : throw AuthErrors.BadKey();
            case Role.SiteHost:
            {
                var (site, keys) = FindSite(request.Site, credentials);
                guard.CheckSite(site);
                return Credentials.Matches(request.Key, keys.HostKey)
                    ? Actor.Host(site, Text.Optional(request.Name, "name") ?? $"Điểm cầu {site}")
                    : throw AuthErrors.BadKey();
            }
            case Role.Delegate:
            {
                var (site, keys) = FindSite(request.Site, credentials);
                guard.CheckSite(site);
                if (!Credentials.Matches(request.Key, keys.JoinCode)) throw AuthErrors.BadKey();
                var name = Text.Required(request.Name, "name");
                if (engine.View.State.Attendance.FindDelegate(site, name) is null) guard.CheckNewDelegate(site);
                return await JoinAsync(engine, site, name, request, awardees.Contains(site, name), cancellationToken);
            }
            default:
                throw AuthErrors.BadRole();
        }
    }

    /// <summary>Joining is an event; the command id comes from site and name so a retried join is the same join.</summary>
    static async Task<Actor> JoinAsync(ForumEngine engine, string site, string name, TokenRequest request,
        bool recognised, CancellationToken cancellationToken)
    {
        // Checked before the join: the join's id is fixed per name, and a refusal would stay that id's answer.
        Text.Optional(request.Agency, "agency", Text.TopicMax);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{site}\n{Text.Key(name)}")))[..24];
        var id = $"d-{key[..12]}";
        await engine.ExecuteAsync(Actor.Delegate(site, name, id), $"join-{key}",
            new JoinAsDelegate(site, id, name, request.Agency, request.Awardee) { Recognised = recognised }, cancellationToken);
        var joined = engine.View.State.Attendance.FindDelegate(site, name) ?? throw Errors.Internal();
        // The join's command id is fixed per name, so a rejoin after removal is a "duplicate" the decider never sees.
        if (joined.Removed) throw Errors.DelegateRemoved();
        return Actor.Delegate(site, joined.Name, joined.Id);
    }

    static string? KnownSite(string? site, Credentials credentials) =>
        site?.Trim().ToUpperInvariant() is { } code && credentials.Sites.ContainsKey(code) ? code : null;

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
        "Vai trò phải là moderator, reviewer, siteHost, delegate hoặc display.", "Role must be moderator, reviewer, siteHost, delegate or display."));

    public static ForumRuleException BadToken() => new(new ForumError("auth.bad_token",
        "Mã truy cập thiếu, sai hoặc đã hết hạn. Hãy đăng nhập lại.", "The access token is missing, not valid or expired. Sign in again."));

    public static ForumRuleException Revoked() => new(new ForumError("auth.revoked",
        "Phiên đăng nhập này đã đăng xuất. Hãy đăng nhập lại.", "This session was logged out. Sign in again."));

    public static ForumRuleException KeyRotated() => new(new ForumError("auth.key_rotated",
        "Khóa đăng nhập của bạn đã được đổi. Hãy đăng nhập lại bằng khóa mới.", "Your login key was changed. Sign in again with the new key."));

    public static ForumRuleException UnknownKey(string scope) => new(new ForumError("auth.unknown_key",
        $"Không có khóa '{scope}'. Khóa là moderator, reviewer, display, siteHost hoặc joinCode (kèm site).",
        $"There is no key '{scope}'. Keys are moderator, reviewer, display, siteHost or joinCode (with a site)."));
}
