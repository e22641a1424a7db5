using System.Globalization;
using EventHub.Domain.Attendance;
using EventHub.Domain.Seeds;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.ForumReport;

/// <summary>One bridge point's day: attendance from the live state and report, speaking from the live statistics.</summary>
public sealed record SiteFigures(BridgeSite Site, long? FirstCheckIn, int Headcount, int PeakHeadcount, int Delegates,
    int Awardees, int RollCallsAnswered, int Speeches, long SpokenMs, long WaitedMs)
{
    public bool CheckedIn => FirstCheckIn is not null;
}

public sealed record RegionFigures(string Region, int Sites, int SitesCheckedIn, int Delegates, int Awardees, int Speeches,
    long SpokenMs, long WaitedMs);

public sealed record RollCallFigures(string Id, long StartedAt, long DeadlineAt, IReadOnlyList<BridgeSite> Answered,
    IReadOnlyList<BridgeSite> Missing);

public sealed record AwardeePresent(string Name, string? Agency, BridgeSite Site);

/// <summary>A site that asked the floor and never had it, with how its requests ended (status → count).</summary>
public sealed record UnheardSite(BridgeSite Site, IReadOnlyDictionary<RequestStatus, int> Requests);

/// <summary>
/// The report's tables, arranged from the record's live state and reports: sums and groupings only, no event is
/// read twice. Sorted lists of names use Vietnamese collation ("Đà Nẵng" after "Cà Mau", before "Gia Lai").
/// </summary>
public sealed class ReportFigures
{
    /// <summary>Vietnamese order for names and text (ICU; the hub runs with globalization on).</summary>
    public static readonly StringComparer Vietnamese = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: false);

    /// <summary>
    /// People the way Vietnamese lists order them: by given name (the last word), then by the whole name, so
    /// "Trần Văn An" comes before "Lê Thị Bình".
    /// </summary>
    public static readonly IComparer<string> People = Comparer<string>.Create((a, b) =>
        Vietnamese.Compare(GivenName(a), GivenName(b)) is var byGiven and not 0 ? byGiven : Vietnamese.Compare(a, b));

    static string GivenName(string name) => name.Trim().Split(' ')[^1];

    public ReportFigures(ForumRecord record)
    {
        var seeds = record.Seeds;
        var attendance = record.State.Attendance;
        var bySite = record.Attendance.Sites.ToDictionary(s => s.Site, StringComparer.Ordinal);
        var speaking = record.Speaking.Sites.Where(s => s.Site is not null).ToDictionary(s => s.Site!, StringComparer.Ordinal);

        Sites = seeds.Sites
            .Select(site =>
            {
                var report = bySite.GetValueOrDefault(site.Code);
                var tally = attendance.Tally(site.Code);
                var spoke = speaking.GetValueOrDefault(site.Code);
                return new SiteFigures(site,
                    report?.Spells.Count > 0 ? report.Spells[0].CheckedInAt : null,
                    attendance.Site(site.Code).Headcount,
                    report?.Headcounts.Select(h => h.Headcount).DefaultIfEmpty().Max() ?? 0,
                    tally.Delegates, tally.Awardees,
                    report?.RollCalls.Count(r => r.AnsweredAt is not null) ?? 0,
                    spoke?.Speeches ?? 0, spoke?.SpokenMs ?? 0, spoke?.WaitedMs ?? 0);
            })
            .OrderBy(s => SiteRegions.All.ToList().IndexOf(s.Site.Region)).ThenBy(s => s.Site.Name, Vietnamese)
            .ToList();

        Regions = SiteRegions.All
            .Select(region => Sites.Where(s => s.Site.Region == region).ToList())
            .Select(rows => new RegionFigures(rows[0].Site.Region, rows.Count, rows.Count(r => r.CheckedIn),
                rows.Sum(r => r.Delegates), rows.Sum(r => r.Awardees), rows.Sum(r => r.Speeches),
                rows.Sum(r => r.SpokenMs), rows.Sum(r => r.WaitedMs)))
            .ToList();

        var hall = record.Speaking.Sites.FirstOrDefault(s => s.Site is null);
        Hall = new RegionFigures("", 0, 0, 0, 0, hall?.Speeches ?? 0, hall?.SpokenMs ?? 0, hall?.WaitedMs ?? 0);

        RollCalls = attendance.RollCalls
            .Select(r => new RollCallFigures(r.Id, r.StartedAt, r.DeadlineAt,
                seeds.Sites.Where(s => r.Confirmed.ContainsKey(s.Code)).OrderBy(s => s.Name, Vietnamese).ToList(),
                seeds.Sites.Where(s => !r.Confirmed.ContainsKey(s.Code)).OrderBy(s => s.Name, Vietnamese).ToList()))
            .ToList();

        Awardees = attendance.Delegates.Values
            .Where(d => d.Awardee && !d.Removed && seeds.FindSite(d.Site) is not null)
            .Select(d => new AwardeePresent(d.Name, d.Agency, seeds.FindSite(d.Site)!))
            .OrderBy(a => a.Name, People).ThenBy(a => a.Site.Name, Vietnamese)
            .ToList();

        var queue = record.State.SpeakerQueue;
        var spokeSites = SpeakerQueueQueries.SitesThatSpoke(queue);
        Unheard = queue.Requests.Values
            .Where(r => r.Site is not null && !spokeSites.Contains(r.Site) && seeds.FindSite(r.Site) is not null)
            .GroupBy(r => r.Site!)
            .Select(g => new UnheardSite(seeds.FindSite(g.Key)!,
                g.GroupBy(r => r.Status).OrderBy(s => s.Key).ToDictionary(s => s.Key, s => s.Count())))
            .OrderBy(u => u.Site.Name, Vietnamese)
            .ToList();

        Speakers = record.Speaking.Speakers
            .OrderByDescending(s => s.SpokenMs).ThenBy(s => s.Speaker, Vietnamese)
            .ToList();

        QandA = new QandAFigures(record, Sites);
    }

    /// <summary>Every bridge point, by region then name.</summary>
    public IReadOnlyList<SiteFigures> Sites { get; }
    /// <summary>The six regions, in the statistics office's order.</summary>
    public IReadOnlyList<RegionFigures> Regions { get; }
    /// <summary>Speeches from the hall (no site).</summary>
    public RegionFigures Hall { get; }
    public IReadOnlyList<RollCallFigures> RollCalls { get; }
    public IReadOnlyList<AwardeePresent> Awardees { get; }
    public IReadOnlyList<UnheardSite> Unheard { get; }
    /// <summary>Everyone who spoke, longest speaking time first.</summary>
    public IReadOnlyList<SpeakerStatistics> Speakers { get; }
    /// <summary>Live Q&amp;A per site, region and topic, the most voted, and the proposals in full.</summary>
    public QandAFigures QandA { get; }

    public int SitesCheckedIn => Sites.Count(s => s.CheckedIn);
    public int Delegates => Sites.Sum(s => s.Delegates);
    public int AwardeeCount => Sites.Sum(s => s.Awardees);
    public int Speeches => Sites.Sum(s => s.Speeches) + Hall.Speeches;
    public long SpokenMs => Sites.Sum(s => s.SpokenMs) + Hall.SpokenMs;
    public int SitesThatSpoke => Sites.Count(s => s.Speeches > 0);
}
