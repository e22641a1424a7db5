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
/// Writes every event this node's view advances over to this node's own connections, one event at a time in log
/// order, each in the form its viewer may see (serialised once per form, not per connection), off the command
/// path. Every node does the same from the store's feed, so the backplane never carries an event, and no client
/// sees events out of order. The position beacon goes through the same queue, so it reaches each connection after
/// every event it counts, and only the connections it tells something: one already written the head it announces
/// (that event, or the same beacon) is skipped. In a busy forum that is nearly all of them, and a beacon to every
/// connection every few seconds was a burst of one more event's fan-out.
/// </summary>
/// <remarks>
/// Votes are the exception to one message per event: a run of vote events (nothing else between them) is gathered
/// for up to <see cref="EventHubOptions.TallyInterval"/> and written as one <see cref="VoteTallies"/> message that
/// covers its sequence numbers, so 6,000 delegates voting in ten seconds cost each connection a few messages a
/// second, not 600 (docs/design.md, "Live Q&amp;A votes").
/// </remarks>
public sealed partial class NodeFanout(NodeAudience audience, TimeProvider time, HubMetrics metrics,
    IOptions<EventHubOptions> options, ILogger<NodeFanout> logger) : BackgroundService, IEventPublisher
{
    readonly record struct Outgoing(IReadOnlyList<CommittedEvent> Events, LogPosition? Position, long QueuedAt);

    readonly Channel<Outgoing> _queue = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    readonly TimeSpan _tallyInterval = options.Value.TallyInterval;
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
                    Guarded(FlushTallies);
                    continue;
                }
            }
            var more = await waiting;
            waiting = null;
            if (!more) return;
            while (reader.TryRead(out var item)) Guarded(() => Handle(item));
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
                Send(e);
            }
            metrics.FannedOut(item.QueuedAt);
        }
        if (item.Position is { } position)
        {
            FlushTallies();
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

    /// <summary>The gathered run of votes, to every connection, as one message covering their sequence numbers.</summary>
    void FlushTallies()
    {
        if (_tallies.Count == 0) return;
        var (envelope, through) = _tallies.Take();
        var message = NodeAudience.Message(ClientMethods.Event, envelope);
        foreach (var member in audience) member.Write(message, through);
    }

    void Send(CommittedEvent e)
    {
        // One message per form (full, unnamed, public), built on first need.
        var forms = new SerializedHubMessage?[3];
        foreach (var member in audience)
        {
            var form = e.FormFor(member.Viewer);
            member.Write(forms[(int)form] ??= NodeAudience.Message(ClientMethods.Event, e.For(form)), e.Seq);
        }
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
