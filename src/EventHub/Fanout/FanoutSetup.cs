using EventHub.Forum;
using EventHub.Operations;
using EventHub.Storage;
using EventHub.Storage.Redis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace EventHub.Fanout;

public static class FanoutSetup
{
    /// <summary>
    /// This node's connections of <typeparamref name="THub"/>, the fan-out that writes the log's events to them, the
    /// position beacon, the closing of connections whose token a logout or rotation ended, and (with Redis) the
    /// SignalR backplane.
    /// </summary>
    public static WebApplicationBuilder AddNodeFanout<THub>(this WebApplicationBuilder builder) where THub : Hub
    {
        var services = builder.Services;
        services.AddSingleton<NodeAudience>();
        // A closed registration wins over the open one AddSignalR (or the Redis backplane) made; the wrapped
        // manager is whichever of those is registered when the container is built.
        services.AddSingleton<HubLifetimeManager<THub>>(sp => new NodeLifetimeManager<THub>(
            (HubLifetimeManager<THub>)ActivatorUtilities.CreateInstance(sp, SignalRsManagerFor<THub>(services)),
            sp.GetRequiredService<NodeAudience>()));
        services.AddSingleton<NodeFanout>();
        services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<NodeFanout>());
        services.AddHostedService(sp => sp.GetRequiredService<NodeFanout>());
        services.AddHostedService<PositionBeacon>();
        services.AddHostedService<EndedSessions>();
        builder.AddRedisBackplane();
        return builder;
    }

    /// <summary>The lifetime manager type SignalR registered (open generic), closed over the hub.</summary>
    static Type SignalRsManagerFor<THub>(IServiceCollection services) where THub : Hub =>
        (services.LastOrDefault(d => d.ServiceType == typeof(HubLifetimeManager<>))?.ImplementationType
         ?? throw new InvalidOperationException("AddSignalR registered no HubLifetimeManager<>."))
        .MakeGenericType(typeof(THub));

    /// <summary>
    /// When ConnectionStrings:Redis is set, the SignalR Redis backplane replaces the in-process lifetime manager
    /// (AddSignalR is idempotent). It carries what is not in the log (replies to one connection on another node, the
    /// board's sends); events reach each node on the log's own feed. It keeps its own connection (pub/sub), with the
    /// store's fail-fast settings.
    /// </summary>
    static void AddRedisBackplane(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString("Redis") is not { Length: > 0 } connectionString) return;
        var settings = builder.Configuration.GetSection(RedisSettings.Section).Get<RedisSettings>() ?? new RedisSettings();
        builder.Services.AddSignalR().AddStackExchangeRedis(redis =>
        {
            redis.Configuration = settings.Connection(connectionString, failWhileDisconnected: false);
            redis.Configuration.ChannelPrefix = RedisChannel.Literal(settings.ChannelPrefix);
        });
        builder.Services.AddOptions<RedisOptions>().Configure<HubMetrics, ILogger<RedisEventLog>>((redis, metrics, logger) =>
            redis.ConnectionFactory = async writer => RedisStorage.Watch(
                await ConnectionMultiplexer.ConnectAsync(redis.Configuration, writer), "backplane", logger,
                () => metrics.BackplaneError("connection")));
    }
}
