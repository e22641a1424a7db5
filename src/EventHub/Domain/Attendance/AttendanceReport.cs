using EventHub.Domain.Forum;

namespace EventHub.Domain.Attendance;

// The attendance report: a pure projection over the log's events (no state, no clock), so the same log always
// gives the same report. Times are Unix ms; the CSV writer turns them into local time.

public sealed record ReportSpell(long CheckedInAt, string Lead, int Headcount, long? CheckedOutAt);

public sealed record ReportHeadcount(long At, int Headcount);

public sealed record ReportDelegate(string Id, string Name, string? Agency, bool Awardee, long JoinedAt, long? RemovedAt,
    long? ReadmittedAt);

/// <summary>One roll call as one site lived it: <c>AnsweredAt</c> null means the site did not answer.</summary>
public sealed record ReportRollCall(string RollCallId, long StartedAt, long DeadlineAt, long? AnsweredAt);

/// <summary>An alert: the host was last heard at <c>LastHeardAt</c>, the alert was raised at <c>LostAt</c>.</summary>
public sealed record ReportHostAlert(long LostAt, long LastHeardAt, long? BackAt);

public sealed record SiteAttendanceReport(
    string Site,
    string Name,
    IReadOnlyList<ReportSpell> Spells,
    IReadOnlyList<ReportHeadcount> Headcounts,
    IReadOnlyList<ReportDelegate> Delegates,
    IReadOnlyList<ReportRollCall> RollCalls,
    IReadOnlyList<ReportHostAlert> HostAlerts);

public sealed record AttendanceReport(string? ForumId, string? Title, long Seq, IReadOnlyList<SiteAttendanceReport> Sites)
{
    /// <summary>Folds the events (in log order) into one report row per site of the forum.</summary>
    /// <param name="siteNames">Site code → display name; a code without a name shows the code.</param>
    public static AttendanceReport Project(IEnumerable<(ForumEvent Event, EventContext Context)> events,
        IReadOnlyDictionary<string, string>? siteNames = null)
    {
        ForumOpened? forum = null;
        long seq = 0;
        var sites = new SortedDictionary<string, SiteLog>(StringComparer.Ordinal);
        var rollCalls = new List<(RollCallStarted Started, long At)>();
        SiteLog Site(string code) => sites.TryGetValue(code, out var log) ? log : sites[code] = new SiteLog();

        foreach (var (e, context) in events)
        {
            seq = context.Seq;
            var at = context.At;
            switch (e)
            {
                case ForumOpened opened:
                    forum = opened;
                    foreach (var code in opened.Sites) Site(code);
                    break;
                case SiteCheckedIn x:
                    Site(x.Site).Spells.Add(new ReportSpell(at, x.Lead, x.Headcount, null));
                    Site(x.Site).Headcounts.Add(new ReportHeadcount(at, x.Headcount));
                    break;
                case HeadcountUpdated x:
                    Site(x.Site).Headcounts.Add(new ReportHeadcount(at, x.Headcount));
                    break;
                case SiteCheckedOut x when Site(x.Site).Spells.Count > 0:
                    Site(x.Site).Spells[^1] = Site(x.Site).Spells[^1] with { CheckedOutAt = at };
                    break;
                case DelegateJoined x:
                    Site(x.Site).Delegates[x.DelegateId] = new ReportDelegate(x.DelegateId, x.Name, x.Agency, x.Awardee, at, null, null);
                    break;
                case AwardeeConfirmed x when Site(x.Site).Delegates.TryGetValue(x.DelegateId, out var d):
                    Site(x.Site).Delegates[x.DelegateId] = d with { Awardee = true };
                    break;
                case DelegateRemoved x when Site(x.Site).Delegates.TryGetValue(x.DelegateId, out var d):
                    Site(x.Site).Delegates[x.DelegateId] = d with { RemovedAt = at };
                    break;
                case DelegateReadmitted x when Site(x.Site).Delegates.TryGetValue(x.DelegateId, out var d):
                    Site(x.Site).Delegates[x.DelegateId] = d with { ReadmittedAt = at };
                    break;
                case SiteHostLost x:
                    Site(x.Site).HostAlerts.Add(new ReportHostAlert(at, x.LastHeardAt, null));
                    break;
                case SiteHostBack x when Site(x.Site).HostAlerts.Count > 0:
                    Site(x.Site).HostAlerts[^1] = Site(x.Site).HostAlerts[^1] with { BackAt = at };
                    break;
                case RollCallStarted x:
                    rollCalls.Add((x, at));
                    break;
                case RollCallConfirmed x:
                    Site(x.Site).Answers[x.RollCallId] = at;
                    break;
            }
        }

        var rows = sites.Select(pair => new SiteAttendanceReport(
            pair.Key,
            siteNames?.GetValueOrDefault(pair.Key) ?? pair.Key,
            pair.Value.Spells,
            pair.Value.Headcounts,
            pair.Value.Delegates.Values.OrderBy(d => d.JoinedAt).ThenBy(d => d.Id, StringComparer.Ordinal).ToList(),
            rollCalls.Select(r => new ReportRollCall(r.Started.RollCallId, r.At, r.At + r.Started.DeadlineSeconds * 1_000L,
                pair.Value.Answers.TryGetValue(r.Started.RollCallId, out var answered) ? answered : null)).ToList(),
            pair.Value.HostAlerts)).ToList();
        return new AttendanceReport(forum?.ForumId, forum?.Title, seq, rows);
    }

    sealed class SiteLog
    {
        public List<ReportSpell> Spells { get; } = [];
        public List<ReportHeadcount> Headcounts { get; } = [];
        public Dictionary<string, ReportDelegate> Delegates { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> Answers { get; } = new(StringComparer.Ordinal);
        public List<ReportHostAlert> HostAlerts { get; } = [];
    }
}
