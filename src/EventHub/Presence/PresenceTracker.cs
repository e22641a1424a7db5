using EventHub.Hubs;
using EventHub.Operations;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Presence;

/// <summary>
/// Every interval: report this node's connections (valid for three intervals), read every node's, and tell
/// this node's moderators when who-is-connected changed. A node that dies stops reporting; its connections
/// are gone from every view within TTL + one interval.
/// </summary>
public sealed partial class PresenceTracker(LocalConnections local, IPresenceStore store, NodeIdentity node,
    PresenceSettings settings, IHubContext<ForumHub> hub, TimeProvider time, ILogger<PresenceTracker> logger) : BackgroundService
{
    public const string ClientMethod = "Presence";

    PresenceView _current = PresenceView.Empty;

    public PresenceView Current => Volatile.Read(ref _current);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Interval, time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Redis away: keep the last view; the next tick tries again.
                RefreshFailed(logger, ex);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await store.ReportAsync(node.Name, local.Snapshot(), settings.Ttl, cancellationToken);
        var reports = await store.ReadAllAsync(cancellationToken);
        var view = PresenceView.Of(time.GetUtcNow().ToUnixTimeMilliseconds(), reports.Select(r => r.Node).ToList(),
            reports.SelectMany(r => r.Connections).ToList());
        var previous = Interlocked.Exchange(ref _current, view);
        if (!view.SameAs(previous) && local.Moderators() is { Count: > 0 } moderators)
            await hub.Clients.Clients(moderators).SendAsync(ClientMethod, view, cancellationToken);
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Presence refresh failed; keeping the last view")]
    static partial void RefreshFailed(ILogger logger, Exception exception);
}

/// <summary>The "EventHub:Presence" section.</summary>
public sealed class PresenceSettings
{
    public const string Section = "EventHub:Presence";

    /// <summary>How often each node reports its connections and reads everyone's.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A report lives three intervals, so one late refresh does not blink a whole node offline.</summary>
    public TimeSpan Ttl => Interval * 3;

    /// <summary>The longest a dead node's connections can still be shown online.</summary>
    public TimeSpan OfflineBound => Ttl + Interval;
}
