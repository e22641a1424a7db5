using EventHub.Forum;
using Microsoft.AspNetCore.SignalR;

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
                options.EnableDetailedErrors = false;
            })
            .AddMessagePackProtocol();
        services.AddSingleton<ForumHubFilter>();
        services.AddSingleton<SignalRFanout>();
        services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<SignalRFanout>());
        services.AddHostedService(sp => sp.GetRequiredService<SignalRFanout>());
        services.AddHostedService<PositionBeacon>();
        return builder;
    }

    public static IEndpointRouteBuilder MapForumHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<ForumHub>(Path);
        return app;
    }
}
