namespace EventHub.Storage;

public static class RedisStorage
{
    /// <summary>Uses Redis for the log (and the SignalR backplane) when ConnectionStrings:Redis is set.</summary>
    public static bool AddRedisStorage(this WebApplicationBuilder builder) =>
        builder.Configuration.GetConnectionString("Redis") is { Length: > 0 }
            ? throw new NotSupportedException("Redis storage arrives with the scale-out issue.")
            : false;
}
