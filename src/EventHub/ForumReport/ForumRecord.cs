using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.QandA;
using EventHub.Domain.Seeds;
using EventHub.Domain.SpeakerQueue;
using EventHub.Forum;
using EventHub.Storage;

namespace EventHub.ForumReport;

/// <summary>
/// The whole forum as its log recorded it, read once up to one head: the events, their fold (the state every live
/// view shows) and the two reports the live exports serve. Every file of the bundle is made from this one record,
/// so the report, the CSVs and the log inside one archive always agree.
/// </summary>
public sealed record ForumRecord(
    string Epoch,
    IReadOnlyList<StoredEvent> Events,
    ForumState State,
    AttendanceReport Attendance,
    SpeakingReport Speaking,
    IReadOnlyList<PresencePoint> Presence,
    SeedData Seeds)
{
    const int ReadPage = 1_000;

    public long Head => Events.Count == 0 ? 0 : Events[^1].Seq;

    /// <summary>Live Q&amp;A as the secretariat's export gives it, projected from the same fold; no anonymous author named.</summary>
    public QandAReport QandA { get; } = QandAReport.Of(State).WithoutAnonymousNames();

    /// <summary>The commit time of the last event, or null for an empty log.</summary>
    public long? LastAt => Events.Count == 0 ? null : Events[^1].At;

    /// <summary>Reads the durable log from the start (not the node's recent window), up to its head at the time of the call.</summary>
    public static async Task<ForumRecord> ReadAsync(IEventLog log, string forumId, SeedData seeds, CancellationToken ct)
    {
        var head = await log.GetHeadAsync(forumId, ct);
        var stored = new List<StoredEvent>();
        while (stored.Count < head.Head)
        {
            var page = await log.ReadAsync(forumId, stored.Count == 0 ? 0 : stored[^1].Seq, ReadPage, ct);
            if (page.Count == 0) break;
            stored.AddRange(page.TakeWhile(e => e.Seq <= head.Head));
        }
        return Fold(head.Epoch, stored, seeds);
    }

    /// <summary>Folds with the same <see cref="ForumState.Evolve"/> and projections the live views use.</summary>
    public static ForumRecord Fold(string epoch, IReadOnlyList<StoredEvent> stored, SeedData seeds)
    {
        var decoded = stored.Select(CommittedEvent.Decode).Select(c => (c.Event, c.Context)).ToList();
        var state = ForumState.Initial;
        var presence = new List<PresencePoint>();
        foreach (var (e, context) in decoded)
        {
            state = ForumState.Evolve(state, e, context);
            if (e is SiteCheckedIn or SiteCheckedOut or HeadcountUpdated)
                presence.Add(PresencePoint.Of(context.At, state.Attendance));
        }
        var attendance = AttendanceReport.Project(decoded, seeds.Sites.ToDictionary(s => s.Code, s => s.Name));
        return new ForumRecord(epoch, stored, state, attendance, SpeakingReport.Of(state.SpeakerQueue), presence, seeds);
    }
}

/// <summary>The hall's board at one moment: how many sites were checked in and the people they reported (Unix ms).</summary>
public sealed record PresencePoint(long At, int SitesPresent, int Headcount)
{
    public static PresencePoint Of(long at, AttendanceState attendance)
    {
        var present = attendance.Sites.Values.Where(s => s.CheckedIn).ToList();
        return new PresencePoint(at, present.Count, present.Sum(s => s.Headcount));
    }
}
