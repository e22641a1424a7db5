using System.Collections.Immutable;
using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.SpeakerQueue;

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
        DelegateJoined e => e with { DelegateId = "", Name = "", Agency = null },
        DelegateRemoved e => e with { DelegateId = "" },
        DelegateReadmitted e => e with { DelegateId = "" },
        // A request's details become public when it is approved or given the floor; a decline's reason never does.
        FloorRequested e => e with { Speaker = "", SpeakerTitle = null, Topic = "" },
        RequestDeclined e => e with { Reason = null },
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
        // Others keep the tallies; a host keeps its own site's delegates, nobody else keeps anyone's.
        var ownSite = role == Role.SiteHost ? site : null;
        var attendance = state.Attendance;
        var delegates = attendance.Delegates.Where(d => d.Value.Site == ownSite);
        var names = attendance.NameIndex.Where(n => ownSite is not null && n.Key.StartsWith(ownSite + "\n", StringComparison.Ordinal));
        return state with
        {
            Attendance = attendance with
            {
                Delegates = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, delegates),
                NameIndex = ImmutableDictionary.CreateRange(names),
            },
            SpeakerQueue = SpeakerQueueFor(state.SpeakerQueue, ownSite),
        };
    }

    /// <summary>Undisclosed requests and decline reasons of other sites, blanked as the redacted events leave them.</summary>
    static SpeakerQueueState SpeakerQueueFor(SpeakerQueueState queue, string? ownSite)
    {
        var requests = queue.Requests;
        foreach (var (id, r) in queue.Requests)
            if (r.Site is not null && r.Site != ownSite && (!r.Disclosed || r.DeclineReason is not null))
                requests = requests.SetItem(id, r with
                {
                    Speaker = r.Disclosed ? r.Speaker : "",
                    SpeakerTitle = r.Disclosed ? r.SpeakerTitle : null,
                    Topic = r.Disclosed ? r.Topic : "",
                    DeclineReason = null,
                });
        return queue with { Requests = requests };
    }
}
