using System.Text.Json;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.Fanout;
using EventHub.Operations;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Presence;

/// <summary>
/// Coalesces every high-rate change (delegates coming and going, round-trip times, headcounts) into at most one
/// <c>Board</c> message per BoardInterval, sent only when the board changed (or a moderator connected) and only to
/// this node's moderators: with a shared presence store every node builds the same board, so each serves its own
/// (written to their connections here, never through Redis).
/// </summary>
public sealed class BoardBroadcaster(NodeAudience audience, ForumEngine engine, IPresenceStore presence,
    IReadOnlyList<string> siteCodes, TimeProvider time, PresenceSettings settings,
    ILogger<BoardBroadcaster> logger) : BackgroundService
{
    string _lastSent = "";

    public async Task<SiteBoard> BuildAsync(CancellationToken cancellationToken = default)
    {
        var view = engine.View;
        var snapshot = await presence.SnapshotAsync(cancellationToken);
        return SiteBoardBuilder.Build(view.State, view.Head, siteCodes, snapshot, time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ResilientLoop.RunAsync("Moderators' board", settings.BoardInterval, SendIfChangedAsync, time, logger, stoppingToken);

    async Task SendIfChangedAsync(CancellationToken cancellationToken)
    {
        var moderators = audience.IdsOf(Role.Moderator);
        if (moderators.Count == 0)
        {
            _lastSent = "";
            return;
        }
        var board = await BuildAsync(cancellationToken);
        // What the moderators see, minus the clock: a board that only got older is not news. A new moderator is.
        var fingerprint = string.Join(',', moderators.Order(StringComparer.Ordinal)) +
                          JsonSerializer.Serialize(board with { At = 0, Seq = 0 }, Json.Options);
        if (fingerprint == _lastSent) return;
        audience.Send(Role.Moderator, NodeAudience.Message(PresenceMessages.Board, board));
        _lastSent = fingerprint;
    }
}
