namespace EventHub.Forum;

/// <summary>Sends committed events to the connected clients, in commit order. Must not block the caller.</summary>
public interface IEventPublisher
{
    void Publish(IReadOnlyList<CommittedEvent> events);
}
