using System.Runtime.InteropServices;
using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;

namespace EventHub.Presence;

/// <summary>The moderator's board from the forum state (the log) and presence (who is connected). Pure.</summary>
public static class SiteBoardBuilder
{
    public static SiteBoard Build(ForumState state, long seq, IReadOnlyList<string> siteCodes, PresenceSnapshot presence, long now)
    {
        var attendance = state.Attendance;
        // One pass over the 3,000 delegates, counting: the moderator's node builds the board twice a second.
        var joinedBySite = new Dictionary<string, int>(siteCodes.Count, StringComparer.Ordinal);
        int joined = 0, awardeesJoined = 0, awardeesConnected = 0;
        foreach (var d in attendance.Delegates.Values)
        {
            if (d.Removed) continue;
            joined++;
            CollectionsMarshal.GetValueRefOrAddDefault(joinedBySite, d.Site, out _)++;
            if (!d.Awardee) continue;
            awardeesJoined++;
            if (presence.Delegates.Contains(d.Id)) awardeesConnected++;
        }
        var lastRollCall = attendance.RollCalls.Count > 0 ? attendance.RollCalls[^1] : null;

        var rows = siteCodes.Select(code =>
        {
            var site = attendance.Site(code);
            var line = presence.Site(code);
            return new SiteBoardRow(code, Status(site, line), site.CheckedIn ? site.Lead : null, site.Headcount,
                joinedBySite.GetValueOrDefault(code), line.DelegatesConnected, line.HostConnections, line.HostLastHeardAt,
                line.HostRttMs, site.HostLost,
                lastRollCall?.Confirmed.TryGetValue(code, out var answered) == true ? answered : null);
        }).ToList();

        var totals = new BoardTotals(
            Sites: siteCodes.Count,
            SitesCheckedIn: rows.Count(r => r.Status is SiteStatus.Online or SiteStatus.HostDisconnected),
            SitesOnline: rows.Count(r => r.Status == SiteStatus.Online),
            Headcount: rows.Sum(r => r.Headcount),
            DelegatesJoined: joined,
            DelegatesConnected: presence.Delegates.Count,
            AwardeesJoined: awardeesJoined,
            AwardeesConnected: awardeesConnected,
            DisplaysConnected: presence.Displays,
            HostAlerts: rows.Count(r => r.HostAlert));
        var rollCall = lastRollCall is null ? null
            : new BoardRollCall(lastRollCall.Id, lastRollCall.StartedAt, lastRollCall.DeadlineAt, lastRollCall.ClosedAt,
                lastRollCall.Confirmed.Count);
        return new SiteBoard(now, seq, totals, rollCall, rows);
    }

    static string Status(SiteAttendance site, SitePresence line) => site switch
    {
        { CheckedIn: true } when line.HostConnections > 0 => SiteStatus.Online,
        { CheckedIn: true } => SiteStatus.HostDisconnected,
        { Spells.Count: > 0 } => SiteStatus.CheckedOut,
        _ => SiteStatus.NotCheckedIn,
    };
}
