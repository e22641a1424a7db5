using EventHub.Storage.Redis;
using StackExchange.Redis;

namespace EventHub.Storage;

public static class RedisStorage
{
    /// <summary>
    /// When ConnectionStrings:Redis is set: the forum log in Redis, so several nodes serve one forum (the presence
    /// store and the SignalR backplane register themselves with their features). Returns false (nothing registered)
    /// otherwise.
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
        return true;
    }

    /// <summary>Logs a Redis connection's failures and restorations; <paramref name="failed"/> runs on each failure too.</summary>
    public static ConnectionMultiplexer Watch(ConnectionMultiplexer connection, string kind, ILogger logger, Action? failed = null)
    {
        connection.ConnectionFailed += (_, e) =>
        {
            failed?.Invoke();
            RedisLog.ConnectionFailed(logger, kind, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString());
        };
        connection.ConnectionRestored += (_, e) => RedisLog.ConnectionRestored(logger, kind, e.EndPoint?.ToString() ?? "?");
        return connection;
    }
}
