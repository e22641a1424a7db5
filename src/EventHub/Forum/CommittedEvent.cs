using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.Storage;

namespace EventHub.Forum;

/// <summary>Who is looking: the role, for hosts and delegates their site, and their id (an author sees their own questions).</summary>
public sealed record Viewer(Role Role, string? Site, string? Id = null)
{
    public static Viewer Of(Actor actor) => new(actor.Role, actor.Site, actor.Id);
}

/// <summary>
/// A durable event with its decoded payload. The wire forms (full and public) are built once, on first use,
/// and shared by every send and every resume.
/// </summary>
public sealed class CommittedEvent(StoredEvent stored, ForumEvent @event)
{
    EventEnvelope? _full;
    EventEnvelope? _unnamed;
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

    /// <summary>What everyone else sees: a question's event in its public form, any other with its private details blanked.</summary>
    public EventEnvelope Public => _public ??= Question is { } q
        ? new EventEnvelope(Stored.Seq, Stored.At, Wire(Visibility.Public(Stored.Actor)), Stored.Type, Stored.Version,
            EventCatalog.Serialize(q.Public))
        : PrivateTo is null
            ? Full
            : new EventEnvelope(Stored.Seq, Stored.At, Wire(Visibility.Public(Stored.Actor)), Stored.Type, Stored.Version,
                EventCatalog.Serialize(Visibility.Public(Event)));

    /// <summary>
    /// For an event about one question, its three forms (set once, when the view advances over it, from the question as
    /// it stood before); null for every other event.
    /// </summary>
    public QuestionForms? Question { get; private set; }

    /// <summary>Called before any form is built (the engine does it as the view advances), so no form is cached without it.</summary>
    public void About(QuestionForms? question) => Question = question;

    /// <summary>A question's event without an anonymous author's name (the staff and the site's host).</summary>
    EventEnvelope Unnamed => _unnamed ??= Question is { } q && !ReferenceEquals(q.Unnamed, q.Full)
        ? new EventEnvelope(Stored.Seq, Stored.At, Wire(Visibility.Public(Stored.Actor)), Stored.Type, Stored.Version,
            EventCatalog.Serialize(q.Unnamed))
        : Full;

    public EventEnvelope For(Viewer viewer) => For(FormFor(viewer));

    public EventEnvelope For(QuestionForm form) => form switch
    {
        QuestionForm.Full => Full,
        QuestionForm.Unnamed => Unnamed,
        _ => Public,
    };

    /// <summary>
    /// Which form this viewer sees. Q&A's events follow their question (QandAVisibility); the others are full to the
    /// moderator and to the host of the site they are private to.
    /// </summary>
    public QuestionForm FormFor(Viewer viewer) =>
        Question is { } q ? q.Scope.FormFor(viewer.Role, viewer.Site, viewer.Id)
        : viewer.Role == Role.Moderator || (viewer.Role == Role.SiteHost && viewer.Site == PrivateTo) ? QuestionForm.Full
        : QuestionForm.Public;

    public static CommittedEvent Decode(StoredEvent stored) =>
        new(stored, EventCatalog.Deserialize(stored.Type, stored.Version, stored.Data));

    static ActorInfo Wire(Actor actor) =>
        new(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(actor.Role.ToString()), actor.Site, actor.Name, actor.Id);
}
