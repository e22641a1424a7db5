using EventHub.Auth;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.Seeds;

namespace EventHub.JoinSheet;

/// <summary>
/// GET /api/join-sheet: the printable join sheets (one A4 page per bridge point: its name, the QR code and link its
/// delegates join with, short instructions), for the moderator's token only, since each sheet carries the site's join
/// code. <c>?site=HCM</c> gives one site's page, none gives all 62; <c>?lang=en</c> the English text.
/// </summary>
public static class JoinSheetEndpoint
{
    public const string Path = "/api/join-sheet";

    public static IEndpointRouteBuilder MapJoinSheet(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Get);
        return app;
    }

    static IResult Get(HttpContext http, Credentials credentials, SeedData seeds, IConfiguration configuration,
        ILogger<JoinSheetPage> logger, string? site = null, string? lang = null)
    {
        if (ForumClaims.ToActor(http.User) is not { } actor)
            return Refuse(Errors.TokenRequired(), StatusCodes.Status401Unauthorized);
        if (actor.Role != Role.Moderator)
            return Refuse(Errors.Forbidden(), StatusCodes.Status403Forbidden);

        IReadOnlyList<BridgeSite> chosen = seeds.Sites;
        if (!string.IsNullOrWhiteSpace(site))
        {
            if (seeds.FindSite(site.Trim()) is not { } one) return Refuse(Errors.UnknownSite(site.Trim()), StatusCodes.Status400BadRequest);
            chosen = [one];
        }
        var english = string.Equals(lang, "en", StringComparison.OrdinalIgnoreCase);
        var publicBase = PublicBase(http, configuration);
        JoinSheetPage.Sheet SheetOf(BridgeSite s)
        {
            var code = credentials.Sites[s.Code].JoinCode;
            return new(s, code, JoinLink(publicBase, s.Code, code));
        }
        var html = JoinSheetPage.Render(seeds.Forum, chosen.Select(SheetOf).ToList(), english);
        JoinSheetLog.Printed(logger, chosen.Count, english ? "en" : "vi");
        // The sheets carry join codes: keep them out of shared caches.
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>The phone page's address for a site: what the QR code holds.</summary>
    public static string JoinLink(string publicBase, string site, string joinCode) =>
        $"{publicBase.TrimEnd('/')}/join?site={Uri.EscapeDataString(site)}&code={Uri.EscapeDataString(joinCode)}";

    /// <summary>
    /// Where delegates' phones reach the hub: <c>EventHub:PublicUrl</c> when set (the hall's address behind a proxy),
    /// else the address the moderator's request came to.
    /// </summary>
    static string PublicBase(HttpContext http, IConfiguration configuration) =>
        configuration["EventHub:PublicUrl"] is { Length: > 0 } configured
            ? configured
            : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    static IResult Refuse(ForumRuleException refusal, int status) =>
        Results.Json(new { error = new ErrorInfo(refusal.Error.Code, refusal.Error.Message, refusal.Error.MessageEn) }, Json.Options,
            statusCode: status);
}

static partial class JoinSheetLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Join sheet printed for {Sites} site(s) ({Language})")]
    public static partial void Printed(ILogger logger, int sites, string language);
}
