using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Presence;

/// <summary>
/// Measures each host's round trip: every PingInterval, this node sends its own host connections a <c>Ping</c>
/// carrying a monotonic timestamp of this process; the client sends it straight back with the <c>Pong</c> hub call,
/// which lands on the same node, so the difference is the round trip through SignalR (queues included), with no
/// clock comparison between machines.
/// </summary>
public sealed partial class HostLineProbe(IHubContext<ForumHub> hub, LocalConnections local, TimeProvider time,
    PresenceSettings settings, ILogger<HostLineProbe> logger) : BackgroundService
{
    /// <summary>An answer older than this is not a round trip but a stale or forged number: ignored.</summary>
    static readonly TimeSpan Oldest = TimeSpan.FromSeconds(60);

    public bool TryMeasure(long sentTimestamp, out int rttMs)
    {
        var elapsed = time.GetElapsedTime(sentTimestamp);
        rttMs = (int)Math.Ceiling(elapsed.TotalMilliseconds);
        return elapsed >= TimeSpan.Zero && elapsed <= Oldest;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.PingInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var hosts = local.IdsOfRole(Role.SiteHost);
            if (hosts.Count == 0) continue;
            try
            {
                await hub.Clients.Clients(hosts).SendAsync(PresenceMessages.Ping, time.GetTimestamp(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PingFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Ping to the site hosts failed; trying again next interval")]
    static partial void PingFailed(ILogger logger, Exception exception);
}
