using System.Collections.Immutable;
using System.Text.Json.Serialization;
using EventHub.Domain.Forum;

namespace EventHub.Domain.SpeakerQueue;

/// <summary>
/// The agenda, every speaker list, and the floor. One floor per forum: <see cref="Floor"/> is the only speech
/// in progress, whichever item it belongs to.
/// </summary>
public sealed record SpeakerQueueState
{
    public static readonly SpeakerQueueState Empty = new();

    public ImmutableList<AgendaItem> Agenda { get; init; } = [];
    public string? CurrentItemId { get; init; }
    public ImmutableSortedDictionary<string, SpeakerRequest> Requests { get; init; } =
        ImmutableSortedDictionary<string, SpeakerRequest>.Empty.WithComparers(StringComparer.Ordinal);
    public Speech? Floor { get; init; }
    /// <summary>The request whose speech ended last, for "re-add the last speaker".</summary>
    public string? LastSpeakerId { get; init; }

    public AgendaItem? Item(string id) => Agenda.Find(i => i.Id == id);
    [JsonIgnore]
    public AgendaItem? CurrentItem => CurrentItemId is null ? null : Item(CurrentItemId);
    public SpeakerRequest? Request(string id) => Requests.GetValueOrDefault(id);

    /// <summary>The queued requests of an item, in list order (position 1 first).</summary>
    public IEnumerable<SpeakerRequest> QueueOf(AgendaItem item) => item.Queue.Select(id => Requests[id]);

    /// <summary>Milliseconds left for the current speech (negative when over time), or null when nobody speaks.</summary>
    public long? Remaining(long now) => Floor?.RemainingMs(now);

    public static SpeakerQueueState Evolve(SpeakerQueueState state, ISpeakerQueueEvent @event, EventContext context)
    {
        var at = context.At;
        switch (@event)
        {
            case AgendaItemAdded e:
                // The programme starts at its first item, so the first item added becomes the current one.
                return state with
                {
                    Agenda = state.Agenda.Add(new AgendaItem(e.ItemId, e.Title, e.DefaultSpeakingSeconds)),
                    CurrentItemId = state.CurrentItemId ?? e.ItemId,
                };
            case AgendaItemRenamed e:
                return state.WithItem(e.ItemId, i => i with { Title = e.Title });
            case AgendaItemMoved e:
            {
                var item = state.Item(e.ItemId)!;
                return state with { Agenda = state.Agenda.Remove(item).Insert(e.Position - 1, item) };
            }
            case CurrentAgendaItemSet e:
                return state with { CurrentItemId = e.ItemId };
            case ListOptionsSet e:
                return state.WithItem(e.ItemId,
                    i => i with { DefaultSpeakingSeconds = e.DefaultSpeakingSeconds, OneRequestPerSite = e.OneRequestPerSite });
            case ListClosed e:
                return state.WithItem(e.ItemId, i => i with { IsClosed = true });
            case ListReopened e:
                return state.WithItem(e.ItemId, i => i with { IsClosed = false });
            case ListCleared e:
            {
                var item = state.Item(e.ItemId)!;
                var requests = state.Requests;
                foreach (var id in item.Queue) requests = requests.SetItem(id, requests[id] with { Status = RequestStatus.Removed });
                return state.WithItem(e.ItemId, i => i with { Queue = [] }) with { Requests = requests };
            }
            case FloorRequested e:
                return state.WithItem(e.ItemId, i => i with { Queue = i.Queue.Add(e.RequestId) }) with
                {
                    Requests = state.Requests.Add(e.RequestId, new SpeakerRequest(e.RequestId, e.ItemId, e.Site, e.Speaker,
                        e.SpeakerTitle, e.Topic, RequestStatus.Waiting, at)),
                };
            case SpeakerAdded e:
                return state.WithItem(e.ItemId, i => i with { Queue = i.Queue.Insert(e.Position - 1, e.RequestId) }) with
                {
                    Requests = state.Requests.Add(e.RequestId, new SpeakerRequest(e.RequestId, e.ItemId, e.Site, e.Speaker,
                        e.SpeakerTitle, e.Topic, RequestStatus.Approved, at) { Disclosed = true }),
                };
            case RequestWithdrawn e:
                return state.Dequeue(e.RequestId, r => r with { Status = RequestStatus.Withdrawn });
            case RequestApproved e:
                return state.WithRequest(e.RequestId, r => r with
                {
                    Status = RequestStatus.Approved, Disclosed = true,
                    Speaker = e.Speaker, SpeakerTitle = e.SpeakerTitle, Topic = e.Topic,
                });
            case RequestDeclined e:
                return state.Dequeue(e.RequestId, r => r with { Status = RequestStatus.Declined, DeclineReason = e.Reason });
            case RequestRemoved e:
                return state.Dequeue(e.RequestId, r => r with { Status = RequestStatus.Removed });
            case RequestMoved e:
                return state.WithItem(state.Requests[e.RequestId].ItemId,
                    i => i with { Queue = i.Queue.Remove(e.RequestId).Insert(e.Position - 1, e.RequestId) });
            case ListReordered e:
                return state.WithItem(e.ItemId, i => i with { Queue = [.. e.RequestIds] });
            case SpeechStarted e:
                return state.Dequeue(e.RequestId, r => r with
                {
                    Status = RequestStatus.Speaking, Disclosed = true, StartedAt = at,
                    Speaker = e.Speaker, SpeakerTitle = e.SpeakerTitle, Topic = e.Topic,
                }) with { Floor = new Speech(e.RequestId, at, e.LimitSeconds, null, 0) };
            case SpeechEnded e:
            {
                var spoken = state.Floor?.ElapsedMs(at) ?? 0;
                return state.WithRequest(e.RequestId, r => r with { Status = RequestStatus.Done, EndedAt = at, SpokenMs = spoken })
                    with { Floor = null, LastSpeakerId = e.RequestId };
            }
            case SpeechPaused:
                return state with { Floor = state.Floor! with { PausedAt = at } };
            case SpeechResumed:
            {
                var floor = state.Floor!;
                return state with { Floor = floor with { PausedAt = null, PausedMs = floor.PausedMs + (at - floor.PausedAt!.Value) } };
            }
            case SpeechTimeAdded e:
                return state with { Floor = state.Floor! with { LimitSeconds = state.Floor.LimitSeconds + e.Seconds } };
            default:
                return state;
        }
    }

    SpeakerQueueState WithItem(string id, Func<AgendaItem, AgendaItem> change)
    {
        var index = Agenda.FindIndex(i => i.Id == id);
        return this with { Agenda = Agenda.SetItem(index, change(Agenda[index])) };
    }

    SpeakerQueueState WithRequest(string id, Func<SpeakerRequest, SpeakerRequest> change) =>
        this with { Requests = Requests.SetItem(id, change(Requests[id])) };

    /// <summary>Takes a request off its item's list (it leaves the queue: to the floor, or to a final state).</summary>
    SpeakerQueueState Dequeue(string id, Func<SpeakerRequest, SpeakerRequest> change) =>
        WithItem(Requests[id].ItemId, i => i with { Queue = i.Queue.Remove(id) }).WithRequest(id, change);
}
