using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.Operations;
using Microsoft.Extensions.Options;

namespace EventHub.Hubs;

/// <summary>
/// Every few seconds, brings this node's view up to the log (which also delivers anything the store's feed lost)
/// and tells this node's clients where the log stands. The beacon follows the events on each connection, so a
/// client still behind it lost something (its connection, or a write) and resumes from its position.
/// </summary>
public sealed partial class PositionBeacon(NodeFanout fanout, ForumEngine engine, IOptions<EventHubOptions> options,
    ILogger<PositionBeacon> logger) : BackgroundService
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
                fanout.Beacon(new LogPosition(view.Epoch, view.Head));
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
