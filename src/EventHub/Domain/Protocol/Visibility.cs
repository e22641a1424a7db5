using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;

namespace EventHub.Domain.Protocol;

/// <summary>
/// Who may see what. The moderator sees everything; a site host sees their own site in full and the
/// rest as the public does; delegates and displays see only what is public. Every client still
/// receives every sequence number, so gaps stay detectable; what differs is the payload.
/// </summary>
public static class Visibility
{
    /// <summary>The public form of an event, or the same instance when nothing in it is private.</summary>
    public static ForumEvent Public(ForumEvent @event) => @event switch
    {
        DelegateJoined e => e with { Name = "", Agency = null },
        _ => @event,
    };

    public static Actor Public(Actor actor) =>
        actor.Role == Role.Delegate ? actor with { Name = "", Id = "" } : actor;

    /// <summary>True when the site's own host (and the moderator) see more of this event than the public.</summary>
    public static bool IsPrivateTo(ForumEvent @event, out string site)
    {
        site = (@event as ISiteEvent)?.Site ?? "";
        return !ReferenceEquals(Public(@event), @event);
    }

    /// <summary>The view a caller may have of the whole state (used for snapshots).</summary>
    public static ForumState StateFor(ForumState state, Role role, string? site)
    {
        if (role == Role.Moderator) return state;
        var delegates = state.Attendance.Delegates;
        foreach (var (id, d) in delegates)
            if (!(role == Role.SiteHost && d.Site == site))
                delegates = delegates.SetItem(id, d with { Name = "", Agency = null });
        return state with { Attendance = state.Attendance with { Delegates = delegates } };
    }
}
