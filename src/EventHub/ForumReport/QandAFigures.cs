using EventHub.Domain.QandA;
using EventHub.Domain.Seeds;

namespace EventHub.ForumReport;

/// <summary>What one group (a site, a region or a topic) sent and what became of it; Votes is the tally of its questions.</summary>
public sealed record QandATally(string Label, int Questions, int Proposals, int Published, int Answered, int Votes)
{
    public int Sent => Questions + Proposals;
}

/// <summary>A site's line of the Q&amp;A summary: the live export's per-site row, with the site from the seeds.</summary>
public sealed record SiteQandAFigures(BridgeSite Site, SiteQandA Sent);

/// <summary>The proposals on one topic (null: none given), in full, most voted first.</summary>
public sealed record TopicProposals(string? Topic, IReadOnlyList<QuestionRow> Proposals);

/// <summary>
/// Live Q&amp;A's part of the report, arranged from the secretariat's export (<see cref="QandAReport"/>, the code
/// behind /api/export/questions.*): per site, region and topic, the most voted and the proposals in full. Only sums,
/// groupings and orderings here. A question merged into another is counted where it was sent, but its votes went to
/// the kept one, so it adds none.
/// </summary>
public sealed class QandAFigures
{
    /// <summary>How many of the most voted public questions and proposals the report lists.</summary>
    public const int TopCount = 10;

    public QandAFigures(ForumRecord record, IReadOnlyList<SiteFigures> sites)
    {
        var report = record.QandA;
        var rows = report.Questions;
        var bySite = report.Sites.ToDictionary(s => s.Site, StringComparer.Ordinal);

        // The sites in the attendance tables' order (region, then Vietnamese name), only those that sent something.
        Sites = sites.Select(s => new SiteQandAFigures(s.Site, bySite.GetValueOrDefault(s.Site.Code) ?? new SiteQandA(s.Site.Code, 0, 0, 0, 0)))
            .Where(s => s.Sent.Questions + s.Sent.Proposals > 0)
            .ToList();

        var region = record.Seeds.Sites.ToDictionary(s => s.Code, s => s.Region, StringComparer.Ordinal);
        Regions = SiteRegions.All
            .Select(r => Tally(r, rows.Where(q => region.GetValueOrDefault(q.Site) == r)))
            .ToList();

        // Topics in Vietnamese order, the questions without one last.
        Topics = rows.GroupBy(q => q.Topic)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key ?? "", ReportFigures.Vietnamese)
            .Select(g => Tally(g.Key ?? "", g))
            .ToList();

        Top = [.. rows.Where(IsPublic).OrderByDescending(q => q.Votes).ThenBy(q => q.SubmittedAt)
            .ThenBy(q => q.QuestionId, StringComparer.Ordinal).Take(TopCount)];

        ProposalsByTopic = [.. rows.Where(q => q.Kind == "proposal" && IsPublic(q))
            .GroupBy(q => q.Topic)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key ?? "", ReportFigures.Vietnamese)
            .Select(g => new TopicProposals(g.Key, [.. g.OrderByDescending(q => q.Votes).ThenBy(q => q.SubmittedAt)
                .ThenBy(q => q.QuestionId, StringComparer.Ordinal)]))];

        Total = Tally("", rows);
    }

    /// <summary>Published and still standing (published or answered): what the hall saw and may quote.</summary>
    public static bool IsPublic(QuestionRow q) => q.Status is "published" or "answered";

    static QandATally Tally(string label, IEnumerable<QuestionRow> rows)
    {
        var list = rows.ToList();
        return new QandATally(label, list.Count(q => q.Kind == "question"), list.Count(q => q.Kind == "proposal"),
            list.Count(q => q.PublishedAt is not null), list.Count(q => q.Status == "answered"),
            list.Where(q => q.MergedInto is null).Sum(q => q.Votes));
    }

    public IReadOnlyList<SiteQandAFigures> Sites { get; }
    /// <summary>The six regions, in the statistics office's order.</summary>
    public IReadOnlyList<QandATally> Regions { get; }
    /// <summary>Per topic; the last one has an empty label when some questions named no topic.</summary>
    public IReadOnlyList<QandATally> Topics { get; }
    public IReadOnlyList<QuestionRow> Top { get; }
    public IReadOnlyList<TopicProposals> ProposalsByTopic { get; }
    public QandATally Total { get; }
}
