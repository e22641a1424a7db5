using EventHub.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventHub.Operations;

public static class OperationsSetup
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// /healthz: the process answers. /readyz: every check tagged "ready" passes: the store answers here, and the
    /// forum's own check says it is loaded (a balancer stops sending
    /// clients otherwise).
    /// </summary>
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}

sealed class StoreHealthCheck(IEventLog log) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return await log.IsReachableAsync(timeout.Token)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("store unreachable");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("store unreachable", ex);
        }
    }
}
