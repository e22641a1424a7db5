using System.Collections.Immutable;
using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.QandA;
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
        // An unconfirmed claim to an award is not the public's to count.
        DelegateJoined e => e with { DelegateId = "", Name = "", Agency = null, AwardeeClaimed = false },
        AwardeeConfirmed e => e with { DelegateId = "" },
        DelegateRemoved e => e with { DelegateId = "" },
        DelegateReadmitted e => e with { DelegateId = "" },
        // A request's details become public when it is approved or given the floor; a decline's reason never does.
        FloorRequested e => e with { Speaker = "", SpeakerTitle = null, Topic = "" },
        RequestDeclined e => e with { Reason = null },
        DelegateVotesWithdrawn e => e with { DelegateId = "" },
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
    public static ForumState StateFor(ForumState state, Role role, string? site) => new VisibleStates(state).For(role, site);

    /// <summary>
    /// The views of one state for many callers (after a restart every host asks for a snapshot): the delegates are
    /// grouped by site once, in one pass, rather than filtered out of the whole forum for each host.
    /// </summary>
    public sealed class VisibleStates(ForumState state)
    {
        sealed record SiteSlice(List<KeyValuePair<string, DelegateRecord>> Delegates, List<KeyValuePair<string, string>> Names);

        Dictionary<string, SiteSlice>? _bySite;

        public ForumState For(Role role, string? site)
        {
            if (role == Role.Moderator) return state with { QandA = QandAVisibility.StateFor(state.QandA, role, site) };
            // Others keep the tallies; a host keeps its own site's delegates, nobody else keeps anyone's.
            var ownSite = role == Role.SiteHost ? site : null;
            var own = ownSite is not null ? BySite().GetValueOrDefault(ownSite) : null;
            return state with
            {
                Attendance = state.Attendance with
                {
                    Delegates = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, own?.Delegates ?? []),
                    NameIndex = ImmutableDictionary.CreateRange(own?.Names ?? []),
                },
                SpeakerQueue = SpeakerQueueFor(state.SpeakerQueue, ownSite),
                QandA = QandAVisibility.StateFor(state.QandA, role, site),
            };
        }

        Dictionary<string, SiteSlice> BySite()
        {
            // Callers may race to build it (snapshots are asked for in parallel): each builds the same, one is kept.
            if (Volatile.Read(ref _bySite) is { } done) return done;
            var bySite = new Dictionary<string, SiteSlice>(StringComparer.Ordinal);
            SiteSlice Of(string site) => bySite.TryGetValue(site, out var slice) ? slice : bySite[site] = new([], []);
            foreach (var d in state.Attendance.Delegates) Of(d.Value.Site).Delegates.Add(d);
            // Name keys are "SITE\nname" (AttendanceState.NameKey).
            foreach (var n in state.Attendance.NameIndex)
                if (n.Key.IndexOf('\n') is > 0 and var end) Of(n.Key[..end]).Names.Add(n);
            Volatile.Write(ref _bySite, bySite);
            return bySite;
        }
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
