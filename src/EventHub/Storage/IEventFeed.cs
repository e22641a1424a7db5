namespace EventHub.Storage;

/// <summary>
/// Tells this node about the events any node appends, in the log's order, as they are appended. Best effort:
/// while the store is away a message can be lost, so the listener checks each event follows the last one and
/// reads the log when it does not. A store with one writer (the embedded file log) needs no feed.
/// </summary>
public interface IEventFeed
{
    /// <summary>Calls <paramref name="onAppended"/> for each appended event, one at a time, until disposed.</summary>
    Task<IAsyncDisposable> FollowAsync(string forumId, Func<StoredEvent, Task> onAppended, CancellationToken cancellationToken);
}
