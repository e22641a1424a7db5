using System.Diagnostics;
using System.Threading.Channels;
using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.Operations;
using EventHub.Storage;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Hubs;

/// <summary>
/// Writes every event this node's view advances over to this node's own connections, one event at a time in log
/// order, each in the form its viewer may see (serialised once per form, not per connection), off the command
/// path. Every node does the same from the store's feed, so the backplane never carries an event, and no client
/// sees events out of order. The position beacon goes through the same queue, so it reaches each connection after
/// every event it counts, and only the connections it tells something: one already written the head it announces
/// (that event, or the same beacon) is skipped. In a busy forum that is nearly all of them, and a beacon to every
/// connection every few seconds was a burst of one more event's fan-out.
/// </summary>
public sealed partial class NodeFanout(NodeAudience audience, TimeProvider time, HubMetrics metrics,
    ILogger<NodeFanout> logger) : BackgroundService, IEventPublisher
{
    readonly record struct Outgoing(IReadOnlyList<CommittedEvent> Events, LogPosition? Position, long QueuedAt);

    readonly Channel<Outgoing> _queue = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
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
        await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                foreach (var e in item.Events)
                {
                    metrics.Delivering(e.Stored.At, time.GetUtcNow().ToUnixTimeMilliseconds());
                    Send(e);
                    metrics.FannedOut(item.QueuedAt);
                }
                if (item.Position is { } position) Tell(position);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A client that misses an event hears of it from the beacon or its next event, and resumes.
                metrics.BackplaneError("send");
                SendFailed(logger, ex);
            }
        }
    }

    void Send(CommittedEvent e)
    {
        SerializedHubMessage? full = null, publicForm = null;
        foreach (var member in audience)
            member.Write(e.ShowsFullTo(member.Viewer)
                ? full ??= NodeAudience.Message(ClientMethods.Event, e.Full)
                : publicForm ??= NodeAudience.Message(ClientMethods.Event, e.Public), e.Seq);
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

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Fan-out to this node's clients failed; they will heal from the log")]
    static partial void SendFailed(ILogger logger, Exception exception);
}
