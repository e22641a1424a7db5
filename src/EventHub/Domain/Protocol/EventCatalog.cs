using System.Buffers;
using System.Text;
using System.Text.Json;
using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.QandA;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Protocol;

/// <summary>An event type this build does not know (written by a newer hub). Folding skips it.</summary>
public sealed record UnknownEvent(string Type, int Version) : ForumEvent;

/// <summary>
/// The stable name and version of every event type. A stored event is (name, version, JSON); when a
/// record's shape changes, bump its version here and add an upcaster so old logs still replay.
/// </summary>
public static class EventCatalog
{
    sealed record Entry(string Name, int Version, Type Type);

    static readonly Entry[] Entries =
    [
        new("forum.opened", 1, typeof(ForumOpened)),
        new("delegate.removed", 1, typeof(DelegateRemoved)),
        new("delegate.readmitted", 1, typeof(DelegateReadmitted)),
        new("site.host_lost", 1, typeof(SiteHostLost)),
        new("site.host_back", 1, typeof(SiteHostBack)),
        new("rollcall.started", 1, typeof(RollCallStarted)),
        new("rollcall.confirmed", 1, typeof(RollCallConfirmed)),
        new("rollcall.closed", 1, typeof(RollCallClosed)),
        new("site.checked_in", 1, typeof(SiteCheckedIn)),
        new("site.headcount", 1, typeof(HeadcountUpdated)),
        new("site.checked_out", 1, typeof(SiteCheckedOut)),
        new("delegate.joined", 1, typeof(DelegateJoined)),
        new("delegate.awardee_confirmed", 1, typeof(AwardeeConfirmed)),
        new("agenda.item_added", 1, typeof(AgendaItemAdded)),
        new("agenda.item_renamed", 1, typeof(AgendaItemRenamed)),
        new("agenda.item_moved", 1, typeof(AgendaItemMoved)),
        new("agenda.current_set", 1, typeof(CurrentAgendaItemSet)),
        new("queue.options_set", 1, typeof(ListOptionsSet)),
        new("queue.closed", 1, typeof(ListClosed)),
        new("queue.reopened", 1, typeof(ListReopened)),
        new("queue.cleared", 1, typeof(ListCleared)),
        new("queue.requested", 1, typeof(FloorRequested)),
        new("queue.withdrawn", 1, typeof(RequestWithdrawn)),
        new("queue.speaker_added", 1, typeof(SpeakerAdded)),
        new("queue.approved", 1, typeof(RequestApproved)),
        new("queue.declined", 1, typeof(RequestDeclined)),
        new("queue.moved", 1, typeof(RequestMoved)),
        new("queue.removed", 1, typeof(RequestRemoved)),
        new("queue.reordered", 1, typeof(ListReordered)),
        new("queue.speech_started", 1, typeof(SpeechStarted)),
        new("queue.speech_ended", 1, typeof(SpeechEnded)),
        new("queue.speech_paused", 1, typeof(SpeechPaused)),
        new("queue.speech_resumed", 1, typeof(SpeechResumed)),
        new("queue.time_added", 1, typeof(SpeechTimeAdded)),
        new("qa.configured", 1, typeof(QandAConfigured)),
        new("qa.opened", 1, typeof(QandAOpened)),
        new("qa.closed", 1, typeof(QandAClosed)),
        new("qa.submitted", 1, typeof(QuestionSubmitted)),
        new("qa.published", 1, typeof(QuestionPublished)),
        new("qa.edited", 1, typeof(QuestionEdited)),
        new("qa.withdrawn", 1, typeof(QuestionWithdrawn)),
        new("qa.dismissed", 1, typeof(QuestionDismissed)),
        new("qa.merged", 1, typeof(QuestionsMerged)),
        new("qa.labelled", 1, typeof(QuestionLabelled)),
        new("qa.highlighted", 1, typeof(QuestionHighlighted)),
        new("qa.answered", 1, typeof(QuestionAnswered)),
        new("qa.voted", 1, typeof(QuestionVoted)),
        new("qa.unvoted", 1, typeof(QuestionUnvoted)),
        new("qa.votes_withdrawn", 1, typeof(DelegateVotesWithdrawn)),
        new(VoteTallies.Type, 1, typeof(VoteTallies)), // the fan-out's coalesced votes; never stored
    ];

    static readonly Dictionary<Type, Entry> ByType = Entries.ToDictionary(e => e.Type);
    static readonly Dictionary<string, Entry> ByName = Entries.ToDictionary(e => e.Name);

    public static IEnumerable<string> Names => ByName.Keys;

    public static (string Type, int Version) NameOf(ForumEvent @event) =>
        ByType.TryGetValue(@event.GetType(), out var e)
            ? (e.Name, e.Version)
            : throw new InvalidOperationException($"{@event.GetType().Name} is not in the event catalog.");

    public static string Serialize(ForumEvent @event) => JsonSerializer.Serialize(@event, @event.GetType(), Json.Options);

    /// <summary>
    /// The last sequence number an envelope stands for: its own, or for the hub's coalesced votes
    /// (<see cref="VoteTallies"/>) the last vote it covers. Read from the JSON without building the message's list of
    /// tallies: a client asks this of every message it gets, and one tally message can carry hundreds of questions.
    /// </summary>
    public static long LastSeqOf(EventEnvelope envelope) =>
        envelope.Type == VoteTallies.Type ? Math.Max(envelope.Seq, TalliesThrough(envelope.Data)) : envelope.Seq;

    static long TalliesThrough(string json)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new Utf8JsonReader(utf8.AsSpan(0, Encoding.UTF8.GetBytes(json, utf8)));
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var through = reader.ValueTextEquals("through"u8);
                    reader.Read();
                    if (through) return reader.GetInt64();
                    reader.Skip();
                }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
        throw new JsonException($"A {VoteTallies.Type} event without its \"through\".");
    }

    public static ForumEvent Deserialize(string type, int version, string json)
    {
        if (!ByName.TryGetValue(type, out var entry) || version > entry.Version) return new UnknownEvent(type, version);
        return (ForumEvent)(JsonSerializer.Deserialize(json, entry.Type, Json.Options)
                            ?? throw new JsonException($"Event {type} v{version} has no data."));
    }
}
