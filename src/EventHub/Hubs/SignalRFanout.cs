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
    // Per site: who sees its private events in full, and who sees their public form (the public and every other
    // site's host). Built once, not per event.
    readonly Dictionary<string, (string[] Full, string[] Public)> _audiences = siteCodes.ToDictionary(site => site, AudiencesOf);

    static (string[] Full, string[] Public) AudiencesOf(string site) =>
        ([HubGroups.Moderators, HubGroups.Host(site)], [HubGroups.Public, HubGroups.OtherThan(site)]);

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
            return hub.Clients.Group(HubGroups.Everyone).SendAsync(ClientMethods.Event, e.Full, cancellationToken);

        var audience = _audiences.TryGetValue(site, out var known) ? known : AudiencesOf(site);
        return Task.WhenAll(
            hub.Clients.Groups(audience.Full).SendAsync(ClientMethods.Event, e.Full, cancellationToken),
            hub.Clients.Groups(audience.Public).SendAsync(ClientMethods.Event, e.Public, cancellationToken));
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Fan-out of event {Seq} failed; clients will heal from the log")]
    static partial void SendFailed(ILogger logger, long seq, Exception exception);
}
