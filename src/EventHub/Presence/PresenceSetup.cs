using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EventHub.Presence;

public static class PresenceSetup
{
    public const string Section = "EventHub:Presence";

    /// <summary>Who is connected (in memory unless a shared store was registered first), the host probe and the board.</summary>
    public static WebApplicationBuilder AddPresence(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PresenceSettings>().Bind(builder.Configuration.GetSection(Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PresenceSettings>>().Value);
        // With Redis and no shared store registered, this node sees only its own connections.
        var clustered = builder.Configuration.GetConnectionString("Redis") is { Length: > 0 };
        services.TryAddSingleton<IPresenceStore>(new InMemoryPresenceStore(coversAllNodes: !clustered));
        services.AddSingleton<LocalConnections>();
        services.AddSingleton<PresenceTracking>();
        services.Configure<HubOptions>(options => options.AddFilter<PresenceTracking>());
        services.AddSingleton<HostLineProbe>();
        services.AddHostedService(sp => sp.GetRequiredService<HostLineProbe>());
        services.AddSingleton<BoardBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<BoardBroadcaster>());
        return builder;
    }
}
