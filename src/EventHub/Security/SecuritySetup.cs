using System.Net;
using EventHub.Storage.Redis;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace EventHub.Security;

public static class SecuritySetup
{
    /// <summary>
    /// Rate limits, lockouts and the audit trail. The hub filters are registered after the error and metrics
    /// filters, so they run inside them: a limited or refused call is counted and answered like any refusal.
    /// </summary>
    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var settings = builder.Configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        services.AddSingleton(settings);
        services.AddSingleton<ILoginLockouts>(sp => sp.GetService<IConnectionMultiplexer>() is { } redis
            ? new RedisLoginLockouts(redis, sp.GetRequiredService<RedisKeys>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<RedisLoginLockouts>>())
            : new InMemoryLoginLockouts(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<LoginGuard>();
        services.AddSingleton<AuditHubFilter>();
        services.AddSingleton<RateLimitHubFilter>();
        services.Configure<HubOptions>(options =>
        {
            options.AddFilter<AuditHubFilter>();
            options.AddFilter<RateLimitHubFilter>();
        });
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            foreach (var proxy in settings.TrustedProxies)
            {
                if (proxy.Contains('/')) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                else options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return builder;
    }

    /// <summary>The client's own address behind a trusted balancer (X-Forwarded-For): limits and the audit trail use it.</summary>
    public static WebApplication UseClientAddresses(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
