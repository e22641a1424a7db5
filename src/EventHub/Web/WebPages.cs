using EventHub.Domain.Seeds;
using Microsoft.AspNetCore.Rewrite;

namespace EventHub.Web;

/// <summary>
/// The pages the hub serves itself (built from ClientApp/ into wwwroot/ by <c>dotnet build</c>): the landing page
/// at <c>/</c>, the moderator's console at <c>/moderator</c>, the site host's page at <c>/site</c> and the
/// delegate's phone page at <c>/join</c>. Same origin as the hub, so no CORS; the browser sends its token as <c>?access_token=</c> on <c>/hubs/*</c>.
/// </summary>
public static class WebPages
{
    /// <summary>Each page's stable path → its file among the static assets.</summary>
    static readonly (string Path, string File)[] Pages = [("", "index.html"), ("site", "site.html"), ("moderator", "moderator.html"),
        ("join", "join.html"), ("display", "display.html")];

    /// <summary>
    /// Serves wwwroot from where the build left it in every environment: a build's output (dotnet run, the test
    /// hubs, the local cluster) finds it through the build's static-assets manifest, a publish output in its own
    /// wwwroot. Without it a Production run from bin/ matched the endpoints and sent empty bodies.
    /// </summary>
    public static WebApplicationBuilder AddWebPages(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        // Serve the files compressed at build time. From a build output ASP.NET otherwise re-reads each file at
        // run time for hot reload and sends it gzip-framed but uncompressed (larger than the file itself).
        builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        return builder;
    }

    /// <summary>
    /// Rewrites the stable paths to their files before routing picks an endpoint, so the pages are served by the
    /// static assets' own endpoints (compressed, with ETags) rather than by a second file server.
    /// </summary>
    public static WebApplication UseWebPages(this WebApplication app)
    {
        var rewrite = new RewriteOptions();
        foreach (var (path, file) in Pages) rewrite.AddRewrite($"^{path}/?$", file, skipRemainingRules: true);
        app.UseRewriter(rewrite);
        app.UseRouting();
        return app;
    }

    public static IEndpointRouteBuilder MapWebPages(this IEndpointRouteBuilder app)
    {
        app.MapStaticAssets();
        // The bridge points' names and regions for the pages (public: the seeds' site list, no keys).
        app.MapGet("/api/sites", (SeedData seeds) =>
            seeds.Sites.Select(s => new SiteInfo(s.Code, s.Name, s.Region))).AllowAnonymous();
        return app;
    }

    sealed record SiteInfo(string Code, string Name, string Region);
}
