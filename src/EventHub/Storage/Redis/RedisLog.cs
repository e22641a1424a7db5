namespace EventHub.Storage.Redis;

static partial class RedisLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Forum {ForumId}: new log in Redis under {Prefix}, epoch {Epoch}")]
    public static partial void LogCreated(ILogger logger, string forumId, string prefix, string epoch);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Redis did not answer {Operation} in time: {Reason}")]
    public static partial void Unavailable(ILogger logger, string operation, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "Redis persistence is appendonly={AppendOnly}, appendfsync={Fsync}: an acknowledged event can be lost if Redis crashes (docs/redis.md)")]
    public static partial void NotDurable(ILogger logger, string appendOnly, string fsync);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Debug, Message = "Could not read Redis persistence settings (CONFIG may be disabled)")]
    public static partial void PersistenceUnknown(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Redis connection {Kind} failed to {Endpoint}: {FailureType}")]
    public static partial void ConnectionFailed(ILogger logger, string kind, string endpoint, string failureType);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "Redis connection {Kind} restored to {Endpoint}")]
    public static partial void ConnectionRestored(ILogger logger, string kind, string endpoint);
}
