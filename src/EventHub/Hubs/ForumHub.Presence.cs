using EventHub.Domain.Forum;
using EventHub.Presence;

namespace EventHub.Hubs;

public sealed partial class ForumHub
{
    /// <summary>Who is connected, on every node (moderator only). Changes also arrive as "Presence" messages.</summary>
    public PresenceView Presence(PresenceTracker tracker) =>
        Caller.Role == Role.Moderator ? tracker.Current : throw Errors.Forbidden();
}
