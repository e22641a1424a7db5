using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Presence;

namespace EventHub.Hubs;

// Presence: the live board and the hosts' line probe. Not commands: nothing here is written to the log.
// The services come through the constructor, not [FromServices] parameters: SignalR rebuilds the arguments of a
// method with service parameters, which would drop the marker of arguments that did not bind (ArgumentBinding.cs).
public sealed partial class ForumHub
{
    /// <summary>Moderator only: the board now (later changes arrive as coalesced <c>Board</c> messages).</summary>
    public Task<SiteBoard> GetBoard() =>
        Caller.Role == Role.Moderator ? board.BuildAsync(Context.ConnectionAborted) : throw Errors.Forbidden();

    /// <summary>
    /// The answer to a <c>Ping</c>: a host's round trip. Anyone may answer; only hosts' lines are recorded, in one
    /// write (heard now, with the round trip unless the timestamp is not one this node sent lately).
    /// </summary>
    public async Task Pong(long sentTimestamp)
    {
        if (Caller is { Role: Role.SiteHost, Site: { } site })
            await presence.HostHeardAsync(site, time.GetUtcNow().ToUnixTimeMilliseconds(),
                probe.TryMeasure(sentTimestamp, out var rttMs) ? rttMs : null, Context.ConnectionAborted);
    }
}
