using EventHub.Operations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventHub.Presence;

public static class PresenceSetup
{
    /// <summary>Who is connected, across nodes: in Redis when it is configured (AddForum registers that), else in memory.</summary>
    public static WebApplicationBuilder AddPresence(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(builder.Configuration.GetSection(PresenceSettings.Section).Get<PresenceSettings>() ?? new PresenceSettings());
        services.TryAddSingleton(NodeIdentity.From(builder.Configuration));
        services.TryAddSingleton<IPresenceStore, SingleNodePresenceStore>();
        services.AddSingleton<LocalConnections>();
        services.AddSingleton<PresenceHubFilter>();
        services.Configure<HubOptions>(options => options.AddFilter<PresenceHubFilter>());
        services.AddSingleton<PresenceTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceTracker>());
        return builder;
    }
}
