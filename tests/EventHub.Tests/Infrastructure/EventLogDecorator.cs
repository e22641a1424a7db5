using EventHub.Domain.Forum;
using EventHub.Storage;

namespace EventHub.Tests.Infrastructure;

/// <summary>
/// A real event log passed through unchanged, for the store faults a test adds: a subclass overrides only the call it
/// holds, fails or watches.
/// </summary>
public abstract class EventLogDecorator(IEventLog inner) : IEventLog
{
    protected IEventLog Inner => inner;

    public virtual Task<LogHead> OpenAsync(string forumId, CancellationToken cancellationToken) => inner.OpenAsync(forumId, cancellationToken);

    public virtual Task<LogHead> GetHeadAsync(string forumId, CancellationToken cancellationToken) => inner.GetHeadAsync(forumId, cancellationToken);

    public virtual Task<BatchResult> WriteAsync(string forumId, long expectedHead, IReadOnlyList<CommandWrite> writes,
        CancellationToken cancellationToken) =>
        inner.WriteAsync(forumId, expectedHead, writes, cancellationToken);

    public virtual Task<IReadOnlyList<StoredEvent>> ReadAsync(string forumId, long afterSeq, int max, CancellationToken cancellationToken) =>
        inner.ReadAsync(forumId, afterSeq, max, cancellationToken);

    public virtual Task<CommandOutcome?> FindOutcomeAsync(string forumId, string commandId, Actor actor, CancellationToken cancellationToken) =>
        inner.FindOutcomeAsync(forumId, commandId, actor, cancellationToken);

    public virtual Task<bool> IsReachableAsync(CancellationToken cancellationToken) => inner.IsReachableAsync(cancellationToken);
}
