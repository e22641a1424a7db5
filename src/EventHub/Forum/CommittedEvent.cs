using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Storage;

namespace EventHub.Forum;

/// <summary>Who is looking: the role and, for hosts and delegates, their site.</summary>
public sealed record Viewer(Role Role, string? Site)
{
    public static Viewer Of(Actor actor) => new(actor.Role, actor.Site);
}

/// <summary>
/// A durable event with its decoded payload. The wire forms (full and public) are built once, on first use,
/// and shared by every send and every resume.
/// </summary>
public sealed class CommittedEvent(StoredEvent stored, ForumEvent @event)
{
    EventEnvelope? _full;
    EventEnvelope? _public;

    public StoredEvent Stored { get; } = stored;
    public ForumEvent Event { get; } = @event;
    public long Seq => Stored.Seq;
    public EventContext Context => new(Stored.Seq, Stored.At, Stored.Actor);

    /// <summary>The site whose host sees more than the public, or null when the event has nothing private.</summary>
    public string? PrivateTo { get; } = Visibility.IsPrivateTo(@event, out var site) ? site
        : stored.Actor.Role == Role.Delegate ? stored.Actor.Site
        : null;

    public EventEnvelope Full => _full ??= new EventEnvelope(Stored.Seq, Stored.At, Wire(Stored.Actor), Stored.Type,
        Stored.Version, Stored.Data);

    public EventEnvelope Public => _public ??= PrivateTo is null
        ? Full
        : new EventEnvelope(Stored.Seq, Stored.At, Wire(Visibility.Public(Stored.Actor)), Stored.Type, Stored.Version,
            EventCatalog.Serialize(Visibility.Public(Event)));

    public EventEnvelope For(Viewer viewer) => ShowsFullTo(viewer) ? Full : Public;

    /// <summary>True when this viewer sees the full form: the moderator, and the host of the site it is private to.</summary>
    public bool ShowsFullTo(Viewer viewer) =>
        viewer.Role == Role.Moderator || (viewer.Role == Role.SiteHost && viewer.Site == PrivateTo);

    public static CommittedEvent Decode(StoredEvent stored) =>
        new(stored, EventCatalog.Deserialize(stored.Type, stored.Version, stored.Data));

    static ActorInfo Wire(Actor actor) =>
        new(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(actor.Role.ToString()), actor.Site, actor.Name, actor.Id);
}
