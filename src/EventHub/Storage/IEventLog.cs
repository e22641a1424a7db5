using EventHub.Domain.Forum;

namespace EventHub.Storage;

/// <summary>An event as the log keeps it: position, commit time, cause, and the serialised payload.</summary>
public sealed record StoredEvent(long Seq, long At, Actor Actor, string CommandId, string Type, int Version, string Data);

/// <summary>An event about to be appended (already serialised by the caller).</summary>
public sealed record NewEvent(string Type, int Version, string Data);

/// <summary>The identity of a forum's log and how many events it holds.</summary>
public sealed record LogHead(string Epoch, long Head);

/// <summary>
/// The first definite answer to a command, kept per caller and command id for the life of the log's epoch: every
/// resend with that key is told the same, whatever the forum's state has become meanwhile.
/// </summary>
public abstract record CommandOutcome
{
    /// <summary>Its events are in the log at <paramref name="First"/>..<paramref name="Last"/>.</summary>
    public sealed record Written(long First, long Last) : CommandOutcome;

    /// <summary>Accepted with nothing to change (no event).</summary>
    public sealed record Unchanged : CommandOutcome
    {
        public static readonly Unchanged Instance = new();
    }

    /// <summary>Refused with this error; nothing was written.</summary>
    public sealed record Refused(ForumError Error) : CommandOutcome;
}

public abstract record AppendResult
{
    /// <summary>The events are durable at <paramref name="First"/>..<paramref name="Last"/>.</summary>
    public sealed record Appended(long First, long Last) : AppendResult;

    /// <summary>The outcome given to <see cref="IEventLog.RecordOutcomeAsync"/> is now the command's answer.</summary>
    public sealed record Recorded : AppendResult
    {
        public static readonly Recorded Instance = new();
    }

    /// <summary>This caller's command id was answered before; nothing was added.</summary>
    public sealed record Duplicate(CommandOutcome First) : AppendResult;

    /// <summary>The log had moved on (another writer won); nothing was added.</summary>
    public sealed record Conflict(long Head) : AppendResult;
}

/// <summary>
/// One command's answer in a batch: its events (appended from where the batch's earlier commands end), or, with no
/// events, the refusal or no-op to keep as its answer.
/// </summary>
public sealed record CommandWrite(string CommandId, long At, Actor Actor, IReadOnlyList<NewEvent> Events, CommandOutcome? Outcome = null)
{
    public static CommandWrite Append(string commandId, long at, Actor actor, IReadOnlyList<NewEvent> events) =>
        events.Count > 0 ? new(commandId, at, actor, events) : throw new ArgumentException("An append needs at least one event.", nameof(events));

    public static CommandWrite Record(string commandId, Actor actor, CommandOutcome outcome) => outcome is CommandOutcome.Written
        ? throw new ArgumentException("Written outcomes come from an append.", nameof(outcome))
        : new(commandId, 0, actor, [], outcome);
}

/// <summary>What a batch of <see cref="CommandWrite"/>s came to: all of it written, or none of it.</summary>
public abstract record BatchResult
{
    /// <summary>Every write is durable: for each, in order, <see cref="AppendResult.Appended"/> or <see cref="AppendResult.Recorded"/>.</summary>
    public sealed record Written(IReadOnlyList<AppendResult> Results) : BatchResult;

    /// <summary>These writes (by index) were answered before; nothing was written.</summary>
    public sealed record Answered(IReadOnlyDictionary<int, CommandOutcome> Earlier) : BatchResult;

    /// <summary>The log had moved on (another writer won); nothing was written.</summary>
    public sealed record Conflict(long Head) : BatchResult;
}

/// <summary>
/// The forum logs: append-only, one per forum, gapless sequence from 1. An append succeeds only when the log
/// is at <c>expectedHead</c> and the command is new, and returns only once the events are durable. A command is
/// known by its caller (<see cref="Actor.Id"/>) and its id: one caller's id never answers for another's.
/// Implementations: <see cref="FileEventLog"/> (embedded default) and the Redis one; both pass the same
/// contract tests.
/// </summary>
public interface IEventLog
{
    /// <summary>Opens the forum's log, creating it (with a fresh epoch) when it does not exist.</summary>
    Task<LogHead> OpenAsync(string forumId, CancellationToken cancellationToken);

    Task<LogHead> GetHeadAsync(string forumId, CancellationToken cancellationToken);

    /// <summary>
    /// Group commit: several commands' answers in one durable write, in order, from <c>expectedHead</c>, atomically as
    /// one: all of them, or (when one was answered before, or the log moved on) none. One fsync serves them all.
    /// </summary>
    /// <exception cref="StoreOutcomeUnknownException">The batch was sent and its answer lost.</exception>
    Task<BatchResult> WriteAsync(string forumId, long expectedHead, IReadOnlyList<CommandWrite> writes,
        CancellationToken cancellationToken);

    /// <summary>Events with sequence numbers above <paramref name="afterSeq"/>, in order, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAsync(string forumId, long afterSeq, int max, CancellationToken cancellationToken);

    /// <summary>The answer this caller's command id got, or null when it has none yet.</summary>
    Task<CommandOutcome?> FindOutcomeAsync(string forumId, string commandId, Actor actor, CancellationToken cancellationToken);

    /// <summary>True when the store answers now (readiness).</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}

/// <summary>One command's write, as a batch of one.</summary>
public static class EventLogWrites
{
    /// <summary>Appends one command's events at <paramref name="expectedHead"/>, durable before it returns.</summary>
    /// <exception cref="StoreOutcomeUnknownException">The append was sent and its answer lost.</exception>
    public static async Task<AppendResult> AppendAsync(this IEventLog log, string forumId, long expectedHead, string commandId,
        long at, Actor actor, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken) =>
        Single(await log.WriteAsync(forumId, expectedHead, [CommandWrite.Append(commandId, at, actor, events)], cancellationToken));

    /// <summary>
    /// Keeps a refusal or a no-op as the command's answer, without an event: atomically with appends, so one
    /// command can never be both refused and written. Like an append it holds only at <c>expectedHead</c> (a
    /// decision taken on a log that moved on is taken again) and returns the earlier answer when there is one.
    /// </summary>
    /// <exception cref="StoreOutcomeUnknownException">The record was sent and its answer lost.</exception>
    public static async Task<AppendResult> RecordOutcomeAsync(this IEventLog log, string forumId, long expectedHead,
        string commandId, Actor actor, CommandOutcome outcome, CancellationToken cancellationToken) =>
        Single(await log.WriteAsync(forumId, expectedHead, [CommandWrite.Record(commandId, actor, outcome)], cancellationToken));

    static AppendResult Single(BatchResult result) => result switch
    {
        BatchResult.Written written => written.Results[0],
        BatchResult.Answered answered => new AppendResult.Duplicate(answered.Earlier[0]),
        BatchResult.Conflict conflict => new AppendResult.Conflict(conflict.Head),
        _ => throw new InvalidOperationException($"Unknown batch result {result}."),
    };
}

/// <summary>The data folder or database holds something the hub cannot trust; it refuses to start on it.</summary>
public sealed class CorruptLogException(string message) : Exception(message);

/// <summary>The store did not answer in time; the command may be retried with the same id.</summary>
public class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A write was sent and its answer lost (a timeout, a broken connection): it may or may not have landed. A resend
/// with the same command id learns which, since the store answers it with the first outcome.
/// </summary>
public sealed class StoreOutcomeUnknownException(string message, Exception? inner = null) : StoreUnavailableException(message, inner);
