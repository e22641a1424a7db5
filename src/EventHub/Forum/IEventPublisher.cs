using EventHub.Storage;

namespace EventHub.Forum;

/// <summary>Hands events to this node's clients. Must not block the caller.</summary>
public interface IEventPublisher
{
    /// <summary>
    /// Events this node's view has just advanced over (whichever node appended them), each once and in log order.
    /// </summary>
    void Publish(IReadOnlyList<CommittedEvent> events);

    /// <summary>Events this node appended itself (for its metrics); they reach clients through <see cref="Publish"/>.</summary>
    void Appended(IReadOnlyList<StoredEvent> events);
}
