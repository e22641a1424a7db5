using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Fanout;
using EventHub.Operations;

namespace EventHub.Presence;

/// <summary>
/// Measures each host's round trip: every PingInterval, this node sends its own host connections a <c>Ping</c>
/// carrying a monotonic timestamp of this process; the client sends it straight back with the <c>Pong</c> hub call,
/// which lands on the same node, so the difference is the round trip through SignalR (queues included), with no
/// clock comparison between machines. The ping is written to the hosts' connections here, never through Redis.
/// </summary>
public sealed class HostLineProbe(NodeAudience audience, TimeProvider time, PresenceSettings settings,
    ILogger<HostLineProbe> logger) : BackgroundService
{
    /// <summary>An answer older than this is not a round trip but a stale or forged number: ignored.</summary>
    static readonly TimeSpan Oldest = TimeSpan.FromSeconds(60);

    public bool TryMeasure(long sentTimestamp, out int rttMs)
    {
        var elapsed = time.GetElapsedTime(sentTimestamp);
        rttMs = (int)Math.Ceiling(elapsed.TotalMilliseconds);
        return elapsed >= TimeSpan.Zero && elapsed <= Oldest;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ResilientLoop.RunAsync("Host line probe", settings.PingInterval, _ =>
        {
            audience.Send(Role.SiteHost, NodeAudience.Message(PresenceMessages.Ping, time.GetTimestamp()));
            return Task.CompletedTask;
        }, time, logger, stoppingToken);
}
