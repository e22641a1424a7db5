using EventHub.Fanout;
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
        builder.AddNodeFanout<ForumHub>();
        return builder;
    }

    public static IEndpointRouteBuilder MapForumHub(this IEndpointRouteBuilder app)
    {
        // A connection ends with its token: a client refreshes before then and comes back with the new one (Resume).
        app.MapHub<ForumHub>(Path, options => options.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
