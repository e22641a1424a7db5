using EventHub.Fanout;
using EventHub.Forum;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace EventHub.Hubs;

public static class HubSetup
{
    public const string Path = "/hubs/forum";

    public static WebApplicationBuilder AddForumHub(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSignalR(options =>
            {
                options.AddFilter<ForumHubFilter>();
                options.AddFilter<ArgumentBindingFilter>();
                options.EnableDetailedErrors = false;
            })
            .AddMessagePackProtocol(o => o.SerializerOptions = RequestKeysResolver.Over(o.SerializerOptions));
        services.AddSingleton<ForumHubFilter>();
        services.AddSingleton<ArgumentBindingFilter>();
        // Registered last, so it wins over SignalR's own resolver: every protocol comes wrapped.
        services.AddSingleton<IHubProtocolResolver>(sp =>
            new ArgumentBindingProtocolResolver(sp.GetServices<IHubProtocol>(), new HubParameters(typeof(ForumHub))));
        services.AddSingleton<NodeAudience>();
        // A closed registration wins over the open one AddSignalR (or the Redis backplane) made; the wrapped
        // manager is whichever of those is registered when the container is built.
        services.AddSingleton<HubLifetimeManager<ForumHub>>(sp => new NodeLifetimeManager<ForumHub>(
            (HubLifetimeManager<ForumHub>)ActivatorUtilities.CreateInstance(sp, SignalRsManagerFor<ForumHub>(services)),
            sp.GetRequiredService<NodeAudience>()));
        services.AddSingleton<NodeFanout>();
        services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<NodeFanout>());
        services.AddHostedService(sp => sp.GetRequiredService<NodeFanout>());
        services.AddHostedService<PositionBeacon>();
        return builder;
    }

    /// <summary>The lifetime manager type SignalR registered (open generic), closed over the hub.</summary>
    static Type SignalRsManagerFor<THub>(IServiceCollection services) where THub : Hub =>
        (services.LastOrDefault(d => d.ServiceType == typeof(HubLifetimeManager<>))?.ImplementationType
         ?? throw new InvalidOperationException("AddSignalR registered no HubLifetimeManager<>."))
        .MakeGenericType(typeof(THub));

    public static IEndpointRouteBuilder MapForumHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<ForumHub>(Path);
        return app;
    }
}
