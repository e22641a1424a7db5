using System.Security.Cryptography;
using System.Text;
using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Forum;
using EventHub.Operations;
using EventHub.Presence;

namespace EventHub.Attendance;

/// <summary>
/// What the system does on the clock, as the system actor: closes a roll call whose deadline passed (so its result
/// is in the log), raises <c>SiteHostLost</c> for a checked-in site whose host has been away longer than
/// HostAlertAfter and <c>SiteHostBack</c> when it returns, and drops removed delegates still connected here.
/// Command ids are derived from what is decided, so two nodes doing the same thing make one event. Host alerts
/// wait for a presence store that sees every node (<see cref="IPresenceStore.CoversAllNodes"/>): a node seeing only
/// its own connections would call hosts on the other nodes lost.
/// </summary>
public sealed partial class AttendanceWatchdog(ForumEngine engine, IPresenceStore presence, LocalConnections local,
    TimeProvider time, PresenceSettings settings, ILogger<AttendanceWatchdog> logger) : BackgroundService
{
    // Presence starts empty on a fresh node: count a host's absence from our start, not from the epoch.
    readonly long _startedAt = time.GetUtcNow().ToUnixTimeMilliseconds();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ResilientLoop.RunAsync("Attendance watch", settings.WatchInterval, WatchOnceAsync, time, logger, stoppingToken);

    internal async Task WatchOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var view = engine.View;
        var attendance = view.State.Attendance;

        if (attendance.UnclosedRollCall is { } rollCall && now > rollCall.DeadlineAt)
            await ActAsync($"rollcall-close-{Hash(rollCall.Id)}", new CloseRollCall(rollCall.Id), cancellationToken);

        if (presence.CoversAllNodes) await WatchHostsAsync(view, now, cancellationToken);

        foreach (var (context, actor) in local.OfRole(Role.Delegate))
            if (attendance.IsRemoved(actor.Id))
            {
                DroppingRemoved(logger, actor.Id);
                context.Abort();
            }
    }

    async Task WatchHostsAsync(ForumView view, long now, CancellationToken cancellationToken)
    {
        var lines = await presence.HostLinesAsync(cancellationToken);
        foreach (var (code, site) in view.State.Attendance.Sites)
        {
            if (!site.CheckedIn) continue;
            var line = lines.GetValueOrDefault(code) ?? SitePresence.Nobody;
            if (line.HostConnections > 0)
            {
                if (site.HostLost) await ActAsync($"host-back-{code}-{view.Head}", new ReportHostBack(code), cancellationToken);
                continue;
            }
            var lastHeard = Math.Max(line.HostLastHeardAt ?? _startedAt, site.Spells[^1].CheckedInAt);
            if (!site.HostLost && now - lastHeard > settings.HostAlertAfter.TotalMilliseconds)
            {
                HostLost(logger, code, (now - lastHeard) / 1000);
                await ActAsync($"host-lost-{code}-{view.Head}", new ReportHostLost(code, lastHeard), cancellationToken);
            }
        }
    }

    Task ActAsync(string commandId, ForumCommand command, CancellationToken cancellationToken) =>
        engine.ExecuteAsync(Actor.System, commandId, command, cancellationToken);

    static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Site {Site}: host not heard for {Seconds} s; raising the alert")]
    static partial void HostLost(ILogger logger, string site, long seconds);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Dropping removed delegate {DelegateId} still connected here")]
    static partial void DroppingRemoved(ILogger logger, string delegateId);
}
