using EventHub.Operations;
using EventHub.Presence;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using EventHub.Storage.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace EventHub.Storage;

public static class RedisStorage
{
    /// <summary>
    /// When ConnectionStrings:Redis is set: the forum log in Redis and the SignalR Redis backplane, so several
    /// nodes serve one forum. Returns false (nothing registered) otherwise.
    /// </summary>
    public static bool AddRedisStorage(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString("Redis") is not { Length: > 0 } connectionString) return false;
        var settings = builder.Configuration.GetSection(RedisSettings.Section).Get<RedisSettings>() ?? new RedisSettings();
        var services = builder.Services;

        services.AddSingleton(settings);
        services.AddSingleton<IConnectionMultiplexer>(sp =>
            Watch(ConnectionMultiplexer.Connect(settings.Connection(connectionString)), "store", sp.GetRequiredService<ILogger<RedisEventLog>>()));
        services.AddSingleton(new RedisKeys(settings.Keys));
        services.AddSingleton<IEventFeed, RedisEventFeed>();
        services.AddSingleton<IEventLog>(sp => new RedisEventLog(sp.GetRequiredService<IConnectionMultiplexer>(),
            sp.GetRequiredService<RedisKeys>(), settings.CommandTimeout, sp.GetRequiredService<ILogger<RedisEventLog>>()));
        services.TryAddSingleton(NodeIdentity.From(builder.Configuration));
        services.AddSingleton<RedisPresenceStore>();
        services.AddSingleton<IPresenceStore>(sp => sp.GetRequiredService<RedisPresenceStore>());
        services.AddHostedService<RedisPresenceRefresh>();

        // AddSignalR is idempotent; the backplane registered here replaces the in-process lifetime manager
        // whichever of AddForum / AddForumHub runs first. It carries what is not in the log (replies to one
        // connection on another node, the board's sends); events reach each node on the log's own feed. It keeps
        // its own connection (pub/sub), with the same fail-fast settings.
        services.AddSignalR().AddStackExchangeRedis(redis =>
        {
            redis.Configuration = settings.Connection(connectionString, failWhileDisconnected: false);
            redis.Configuration.ChannelPrefix = RedisChannel.Literal(settings.ChannelPrefix);
        });
        services.AddOptions<RedisOptions>().Configure<HubMetrics, ILogger<RedisEventLog>>((redis, metrics, logger) =>
            redis.ConnectionFactory = async writer => Watch(
                await ConnectionMultiplexer.ConnectAsync(redis.Configuration, writer), "backplane", logger, metrics));
        return true;
    }

    static ConnectionMultiplexer Watch(ConnectionMultiplexer connection, string kind, ILogger logger, HubMetrics? metrics = null)
    {
        connection.ConnectionFailed += (_, e) =>
        {
            metrics?.BackplaneError("connection");
            RedisLog.ConnectionFailed(logger, kind, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString());
        };
        connection.ConnectionRestored += (_, e) => RedisLog.ConnectionRestored(logger, kind, e.EndPoint?.ToString() ?? "?");
        return connection;
    }
}
