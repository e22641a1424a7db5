using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Presence;
using Microsoft.AspNetCore.Mvc;

namespace EventHub.Hubs;

// Presence: the live board and the hosts' line probe. Not commands: nothing here is written to the log.
public sealed partial class ForumHub
{
    /// <summary>Moderator only: the board now (later changes arrive as coalesced <c>Board</c> messages).</summary>
    public Task<SiteBoard> GetBoard([FromServices] BoardBroadcaster board) =>
        Caller.Role == Role.Moderator ? board.BuildAsync(Context.ConnectionAborted) : throw Errors.Forbidden();

    /// <summary>
    /// The answer to a <c>Ping</c>: a host's round trip. Anyone may answer; only hosts' lines are recorded, in one
    /// write (heard now, with the round trip unless the timestamp is not one this node sent lately).
    /// </summary>
    public async Task Pong(long sentTimestamp, [FromServices] HostLineProbe probe, [FromServices] IPresenceStore presence,
        [FromServices] TimeProvider time)
    {
        if (Caller is { Role: Role.SiteHost, Site: { } site })
            await presence.HostHeardAsync(site, time.GetUtcNow().ToUnixTimeMilliseconds(),
                probe.TryMeasure(sentTimestamp, out var rttMs) ? rttMs : null, Context.ConnectionAborted);
    }
}
