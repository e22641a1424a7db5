using System.Diagnostics;
using System.Threading.Channels;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.Forum;
using EventHub.Operations;
using EventHub.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace EventHub.Fanout;

/// <summary>
/// Writes every event this node's view advances over to this node's own connections, in log order, each in the form
/// its viewer may see (serialised once per form, not per connection), off the command path. Every node does the same
/// from the store's feed, so the backplane never carries an event, and no client sees events out of order. The
/// position beacon goes through the same queue, so it reaches each connection after every event it counts, and only
/// the connections it tells something: one already written the head it announces (that event, or the same beacon) is
/// skipped. In a busy forum that is nearly all of them, and a beacon to every connection every few seconds was a
/// burst of one more event's fan-out.
/// </summary>
/// <remarks>
/// <para>
/// Events that are already waiting when the loop comes round go out together: each connection gets one
/// <see cref="ClientMethods.Events"/> message carrying them in order (at most <see cref="EventHubOptions.EventsPerMessage"/>), instead of one
/// write per event. Nothing waits to be batched: a lone event goes out at once as an <see cref="ClientMethods.Event"/>.
/// A burst (a check-in storm, a node catching up on its feed) then costs each connection one socket write and its
/// client one message, which is where a busy node's cores go.
/// </para>
/// <para>
/// Votes are the exception to one envelope per event: a run of vote events (nothing else between them) is gathered
/// for up to <see cref="EventHubOptions.TallyInterval"/> and written as one <see cref="VoteTallies"/> envelope that
/// covers its sequence numbers, so 6,000 delegates voting in ten seconds cost each connection a few messages a
/// second, not 600 (docs/design.md, "Live Q&amp;A votes").
/// </para>
/// </remarks>
public sealed partial class NodeFanout(NodeAudience audience, TimeProvider time, HubMetrics metrics,
    IOptions<EventHubOptions> options, ILogger<NodeFanout> logger) : BackgroundService, IEventPublisher
{
    readonly record struct Outgoing(IReadOnlyList<CommittedEvent> Events, LogPosition? Position, long QueuedAt);

    readonly Channel<Outgoing> _queue = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    readonly TimeSpan _tallyInterval = options.Value.TallyInterval;
    readonly int _eventsPerMessage = options.Value.EventsPerMessage is >= 1 and <= MaxBatch and var n ? n
        : throw new OptionsValidationException(EventHubOptions.Section, typeof(EventHubOptions),
            [$"EventHub:EventsPerMessage must be between 1 and {MaxBatch} (it is {options.Value.EventsPerMessage})."]);
    readonly TallyRun _tallies = new();
    string? _beaconEpoch;

    public void Publish(IReadOnlyList<CommittedEvent> events) =>
        _queue.Writer.TryWrite(new Outgoing(events, null, Stopwatch.GetTimestamp()));

    public void Appended(IReadOnlyList<StoredEvent> events)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var e in events)
        {
            metrics.Committed(e.Type);
            metrics.CommitTook(e.At, now);
        }
    }

    /// <summary>Tells every connection on this node where the log stands, after the events queued before it.</summary>
    public void Beacon(LogPosition position) =>
        _queue.Writer.TryWrite(new Outgoing([], position, Stopwatch.GetTimestamp()));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var reader = _queue.Reader;
        Task<bool>? waiting = null;
        while (true)
        {
            waiting ??= reader.WaitToReadAsync(stoppingToken).AsTask();
            // Gathered votes go out when their time is up, even if nothing else comes.
            if (_tallies.Count > 0 && !waiting.IsCompleted)
            {
                var left = _tallies.DueAt - time.GetUtcNow();
                if (left > TimeSpan.Zero) await Task.WhenAny(waiting, Task.Delay(left, time, stoppingToken));
                if (!waiting.IsCompleted)
                {
                    Guarded(() =>
                    {
                        FlushTallies();
                        WriteBatch();
                    });
                    continue;
                }
            }
            var more = await waiting;
            waiting = null;
            if (!more) return;
            while (reader.TryRead(out var item)) Guarded(() => Handle(item));
            Guarded(WriteBatch);
        }
    }

    void Handle(Outgoing item)
    {
        foreach (var e in item.Events)
        {
            metrics.Delivering(e.Stored.At, time.GetUtcNow().ToUnixTimeMilliseconds());
            if (_tallyInterval > TimeSpan.Zero && e.Event is QuestionVoted or QuestionUnvoted)
            {
                if (_tallies.Count == 0) _tallies.DueAt = time.GetUtcNow() + _tallyInterval;
                _tallies.Add(e);
            }
            else
            {
                FlushTallies(); // what came before this event reaches everyone before it
                Gather(new Pending(e, null, e.Seq));
            }
            metrics.FannedOut(item.QueuedAt);
        }
        if (item.Position is { } position)
        {
            FlushTallies();
            WriteBatch();
            Tell(position);
        }
    }

    CancellationToken _stopping;

    void Guarded(Action send)
    {
        try
        {
            send();
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            // Only the node's stopping ends the fan-out; a client that misses an event hears of it from the beacon or
            // its next event, and resumes.
            metrics.FanoutSendFailed();
            SendFailed(logger, ex);
        }
    }

    /// <summary>The most events one message may carry (<see cref="EventHubOptions.EventsPerMessage"/>); a longer run goes out as several.</summary>
    internal const int MaxBatch = 32;

    /// <summary>An event waiting for the batch's write, or (when <c>Tally</c> is set) gathered votes, the same to everyone.</summary>
    readonly record struct Pending(CommittedEvent? Event, EventEnvelope? Tally, long Through);

    readonly List<Pending> _batch = new(MaxBatch);
    readonly Dictionary<ulong, SerializedHubMessage> _messages = [];

    /// <summary>The gathered run of votes joins the batch as one envelope covering their sequence numbers.</summary>
    void FlushTallies()
    {
        if (_tallies.Count == 0) return;
        var (envelope, through) = _tallies.Take();
        Gather(new Pending(null, envelope, through));
    }

    void Gather(Pending pending)
    {
        _batch.Add(pending);
        if (_batch.Count == _eventsPerMessage) WriteBatch();
    }

    /// <summary>
    /// The batch, to every connection, as one message in the forms its viewer may see. Connections whose viewers see
    /// the same forms share one message (in a forum nearly everyone sees the same), serialised once per protocol.
    /// </summary>
    void WriteBatch()
    {
        if (_batch.Count == 0) return;
        var batch = _batch.ToArray();
        _batch.Clear();
        _messages.Clear();
        var through = batch[^1].Through;
        foreach (var member in audience)
        {
            var key = FormsKey(batch, member.Viewer);
            if (!_messages.TryGetValue(key, out var message))
                _messages[key] = message = batch.Length == 1
                    ? NodeAudience.Message(ClientMethods.Event, EnvelopeOf(batch[0], member.Viewer))
                    : NodeAudience.Message(ClientMethods.Events, Array.ConvertAll(batch, p => EnvelopeOf(p, member.Viewer)));
            member.Write(message, through);
        }
    }

    static EventEnvelope EnvelopeOf(Pending pending, Viewer viewer) => pending.Tally ?? pending.Event!.For(viewer);

    /// <summary>
    /// Which form of each event in the batch this viewer sees, as one number (three forms, at most
    /// <see cref="MaxBatch"/> events: it fits). A form that is the full envelope under another name counts as full,
    /// so an event without private details costs one message whoever looks.
    /// </summary>
    static ulong FormsKey(Pending[] batch, Viewer viewer)
    {
        ulong key = 0;
        foreach (var pending in batch)
        {
            var form = pending.Event is { } e && e.FormFor(viewer) is var f && !ReferenceEquals(e.For(f), e.Full) ? f : QuestionForm.Full;
            key = key * 3 + (ulong)form;
        }
        return key;
    }

    /// <summary>
    /// The beacon, to each connection that was not written the head yet: one that joined since, one a write was
    /// lost to, and every connection when the log's epoch changed.
    /// </summary>
    void Tell(LogPosition position)
    {
        var everyone = position.Epoch != _beaconEpoch;
        _beaconEpoch = position.Epoch;
        SerializedHubMessage? message = null;
        foreach (var member in audience)
            if (everyone || member.Told < position.Head)
                member.Write(message ??= NodeAudience.Message(ClientMethods.Position, position), position.Head);
    }

    /// <summary>A run of consecutive vote events: the first one's number, the last one's, and each question's latest tally.</summary>
    sealed class TallyRun
    {
        static readonly ActorInfo Voters = new("delegate", null, "", "");
        readonly Dictionary<string, int> _votes = new(StringComparer.Ordinal);
        long _first;
        long _last;
        long _at;

        public int Count { get; private set; }
        public DateTimeOffset DueAt { get; set; }

        public void Add(CommittedEvent e)
        {
            var (question, votes) = e.Event switch
            {
                QuestionVoted v => (v.QuestionId, v.Votes),
                QuestionUnvoted u => (u.QuestionId, u.Votes),
                _ => throw new ArgumentException("Not a vote.", nameof(e)),
            };
            if (Count++ == 0) _first = e.Seq;
            _last = e.Seq;
            _at = e.Stored.At;
            _votes[question] = votes;
        }

        public (EventEnvelope Envelope, long Through) Take()
        {
            var tallies = new VoteTallies(_last, [.. _votes.Select(p => new QuestionTally(p.Key, p.Value))]);
            var envelope = new EventEnvelope(_first, _at, Voters, VoteTallies.Type, 1, EventCatalog.Serialize(tallies));
            _votes.Clear();
            Count = 0;
            return (envelope, _last);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Fan-out to this node's clients failed; they will heal from the log")]
    static partial void SendFailed(ILogger logger, Exception exception);
}
