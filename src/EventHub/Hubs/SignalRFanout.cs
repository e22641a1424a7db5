using System.Threading.Channels;
using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.Operations;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Hubs;

/// <summary>
/// Sends committed events to the groups that may see them, one at a time in commit order, off the command
/// path: a command is acknowledged once durable, and a slow socket never holds the forum's gate.
/// </summary>
public sealed partial class SignalRFanout(IHubContext<ForumHub> hub, IReadOnlyList<string> siteCodes,
    HubMetrics metrics, ILogger<SignalRFanout> logger) : BackgroundService, IEventPublisher
{
    readonly Channel<(IReadOnlyList<CommittedEvent> Events, long CommittedAt)> _queue =
        Channel.CreateUnbounded<(IReadOnlyList<CommittedEvent>, long)>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(IReadOnlyList<CommittedEvent> events)
    {
        foreach (var e in events) metrics.Committed(e.Stored.Type);
        _queue.Writer.TryWrite((events, System.Diagnostics.Stopwatch.GetTimestamp()));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (batch, committedAt) in _queue.Reader.ReadAllAsync(stoppingToken))
            foreach (var e in batch)
            {
                try
                {
                    await SendAsync(e, stoppingToken);
                    metrics.FannedOut(committedAt);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Clients heal a lost message from the position beacon; the log is the truth.
                    metrics.BackplaneError("send");
                    SendFailed(logger, e.Seq, ex);
                }
            }
    }

    Task SendAsync(CommittedEvent e, CancellationToken cancellationToken)
    {
        if (e.PrivateTo is not { } site)
            return hub.Clients.Groups([HubGroups.Moderators, HubGroups.Public, HubGroups.Hosts])
                .SendAsync(ClientMethods.Event, e.Full, cancellationToken);

        var others = new List<string>(siteCodes.Count) { HubGroups.Public };
        foreach (var code in siteCodes)
            if (code != site) others.Add(HubGroups.Host(code));
        return Task.WhenAll(
            hub.Clients.Groups([HubGroups.Moderators, HubGroups.Host(site)]).SendAsync(ClientMethods.Event, e.Full, cancellationToken),
            hub.Clients.Groups(others).SendAsync(ClientMethods.Event, e.Public, cancellationToken));
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Fan-out of event {Seq} failed; clients will heal from the log")]
    static partial void SendFailed(ILogger logger, long seq, Exception exception);
}
