using EventHub.Domain.Forum;

namespace EventHub.Storage;

/// <summary>An event as the log keeps it: position, commit time, cause, and the serialised payload.</summary>
public sealed record StoredEvent(long Seq, long At, Actor Actor, string CommandId, string Type, int Version, string Data);

/// <summary>An event about to be appended (already serialised by the caller).</summary>
public sealed record NewEvent(string Type, int Version, string Data);

/// <summary>The identity of a forum's log and how many events it holds.</summary>
public sealed record LogHead(string Epoch, long Head);

public abstract record AppendResult
{
    /// <summary>The events are durable at <paramref name="First"/>..<paramref name="Last"/>.</summary>
    public sealed record Appended(long First, long Last) : AppendResult;

    /// <summary>This command id was appended before, at these positions; nothing was added.</summary>
    public sealed record Duplicate(long First, long Last) : AppendResult;

    /// <summary>The log had moved on (another writer won); nothing was added.</summary>
    public sealed record Conflict(long Head) : AppendResult;
}

/// <summary>
/// The forum logs: append-only, one per forum, gapless sequence from 1. An append succeeds only when the log
/// is at <c>expectedHead</c> and the command id is new, and returns only once the events are durable.
/// Implementations: <see cref="FileEventLog"/> (embedded default) and the Redis one; both pass the same
/// contract tests.
/// </summary>
public interface IEventLog
{
    /// <summary>Opens the forum's log, creating it (with a fresh epoch) when it does not exist.</summary>
    Task<LogHead> OpenAsync(string forumId, CancellationToken cancellationToken);

    Task<LogHead> GetHeadAsync(string forumId, CancellationToken cancellationToken);

    Task<AppendResult> AppendAsync(string forumId, long expectedHead, string commandId, long at, Actor actor,
        IReadOnlyList<NewEvent> events, CancellationToken cancellationToken);

    /// <summary>Events with sequence numbers above <paramref name="afterSeq"/>, in order, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAsync(string forumId, long afterSeq, int max, CancellationToken cancellationToken);

    /// <summary>The positions a command id was appended at, or null when it never was.</summary>
    Task<AppendResult.Duplicate?> FindCommandAsync(string forumId, string commandId, CancellationToken cancellationToken);

    /// <summary>True when the store answers now (readiness).</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}

/// <summary>The data folder or database holds something the hub cannot trust; it refuses to start on it.</summary>
public sealed class CorruptLogException(string message) : Exception(message);

/// <summary>The store did not answer in time; the command may be retried with the same id.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
