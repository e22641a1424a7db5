using StackExchange.Redis;

namespace EventHub.Storage.Redis;

/// <summary>
/// The append script publishes every record it pushes; this subscribes to that channel. Messages on one channel
/// arrive in the order Redis ran the scripts, which is the log's order, and are handled one at a time.
/// </summary>
public sealed partial class RedisEventFeed(IConnectionMultiplexer redis, RedisKeys keys, ILogger<RedisEventFeed> logger) : IEventFeed
{
    public async Task<IAsyncDisposable> FollowAsync(string forumId, Func<StoredEvent, Task> onAppended,
        CancellationToken cancellationToken)
    {
        var channel = keys.Appended(forumId);
        var queue = await redis.GetSubscriber().SubscribeAsync(channel).WaitAsync(cancellationToken);
        queue.OnMessage(async message =>
        {
            try
            {
                await onAppended(EventRecord.Read(message.Message!, null, channel.ToString()));
            }
            catch (Exception ex)
            {
                // The listener reads the log when the next event does not follow; one bad message stops nothing.
                FeedMessageFailed(logger, forumId, ex);
            }
        });
        return new Subscription(queue);
    }

    sealed class Subscription(ChannelMessageQueue queue) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await queue.UnsubscribeAsync();
    }

    [LoggerMessage(EventId = 1109, Level = LogLevel.Warning, Message = "Forum {ForumId}: an appended event heard on the feed could not be taken; the log will be read instead")]
    static partial void FeedMessageFailed(ILogger logger, string forumId, Exception exception);
}
