using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace EventHub.Operations;

public static class MetricsSetup
{
    /// <summary>OpenTelemetry metrics: the hub's own meter plus ASP.NET Core's connection and Kestrel meters.</summary>
    public static WebApplicationBuilder AddHubMetrics(this WebApplicationBuilder builder)
    {
        builder.AddManagementAccess();
        var services = builder.Services;
        services.TryAddSingleton(NodeIdentity.From(builder.Configuration));
        services.AddSingleton<HubMetrics>();
        services.AddSingleton<MetricsHubFilter>();
        services.Configure<HubOptions>(options => options.AddFilter<MetricsHubFilter>());
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("eventhub"))
            .WithMetrics(metrics => metrics
                .AddMeter(HubMetrics.MeterName, "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Server.Kestrel")
                .AddPrometheusExporter());
        return builder;
    }

    /// <summary>/metrics in the Prometheus text format, for the operator only (<see cref="ManagementAccess"/>).</summary>
    public static IEndpointRouteBuilder MapHubMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").RequireManagementAccess();
        return app;
    }
}
