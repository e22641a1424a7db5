using EventHub.Operations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EventHub.Presence;

public static class PresenceSetup
{
    public const string Section = "EventHub:Presence";

    /// <summary>Who is connected (in Redis when the forum is, else in memory), the host probe and the board.</summary>
    public static WebApplicationBuilder AddPresence(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PresenceSettings>().Bind(builder.Configuration.GetSection(Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PresenceSettings>>().Value);
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 })
        {
            services.TryAddSingleton(NodeIdentity.From(builder.Configuration));
            services.AddSingleton<RedisPresenceStore>();
            services.AddSingleton<IPresenceStore>(sp => sp.GetRequiredService<RedisPresenceStore>());
            services.AddHostedService<RedisPresenceRefresh>();
        }
        else services.AddSingleton<IPresenceStore>(new InMemoryPresenceStore(coversAllNodes: true));
        services.AddSingleton<LocalConnections>();
        services.AddSingleton<IConnectionCounts>(sp => sp.GetRequiredService<LocalConnections>());
        services.AddSingleton<PresenceTracking>();
        services.Configure<HubOptions>(options => options.AddFilter<PresenceTracking>());
        services.AddSingleton<HostLineProbe>();
        services.AddHostedService(sp => sp.GetRequiredService<HostLineProbe>());
        services.AddSingleton<BoardBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<BoardBroadcaster>());
        return builder;
    }
}
