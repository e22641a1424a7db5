using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.Operations;
using Microsoft.Extensions.Options;

namespace EventHub.Fanout;

/// <summary>
/// Every few seconds, brings this node's view up to the log (which also delivers anything the store's feed lost)
/// and tells this node's clients where the log stands. The beacon follows the events on each connection, so a
/// client still behind it lost something (its connection, or a write) and resumes from its position.
/// </summary>
public sealed class PositionBeacon(NodeFanout fanout, ForumEngine engine, IOptions<EventHubOptions> options,
    TimeProvider time, ILogger<PositionBeacon> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ResilientLoop.RunAsync("Position beacon", options.Value.PositionInterval, async stopping =>
        {
            if (!engine.IsServing) return; // still waiting for the store at start-up: nothing to tell yet
            await engine.CatchUpAsync(stopping);
            var view = engine.View;
            fanout.Beacon(new LogPosition(view.Epoch, view.Head));
        }, time, logger, stoppingToken);
}
