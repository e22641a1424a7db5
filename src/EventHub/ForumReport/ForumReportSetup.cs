namespace EventHub.ForumReport;

/// <summary>The forum's report bundle (report, exports and log in one zip) for the organisers at the close.</summary>
public static class ForumReportSetup
{
    /// <summary>Nothing to register yet: the bundle is built per request from the log and the seeds.</summary>
    public static WebApplicationBuilder AddForumReport(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapForumReport(this IEndpointRouteBuilder app)
    {
        app.MapGet(BundleEndpoint.Path, BundleEndpoint.GetAsync);
        return app;
    }
}
