using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.Operations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace EventHub.Hubs;

/// <summary>
/// Every few seconds, tells this node's clients where the log stands. A client still behind the beacon a moment
/// later lost a message (the backplane drops them while Redis is away) and resumes from its position.
/// </summary>
public sealed partial class PositionBeacon(IHubContext<ForumHub> hub, ForumEngine engine, NodeIdentity node,
    IOptions<EventHubOptions> options, ILogger<PositionBeacon> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PositionInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await engine.CatchUpAsync(stoppingToken);
                var view = engine.View;
                // This node's clients only: every node beacons its own, so nobody hears it twice.
                await hub.Clients.Group(HubGroups.Node(node.Name)).SendAsync(ClientMethods.Position, new LogPosition(view.Epoch, view.Head), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                BeaconFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Position beacon failed; trying again next tick")]
    static partial void BeaconFailed(ILogger logger, Exception exception);
}
