using EventHub.Domain.Forum;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.QandA;

/// <summary>One question or proposal as the secretariat exports it. Author is blank when anonymous (unless the forum let reviewers see names).</summary>
public sealed record QuestionRow(string QuestionId, string Kind, string Site, string? Topic, string? ItemId, string? Speaker,
    string Author, bool Anonymous, int Votes, string Status, long SubmittedAt, long? PublishedAt, long? AnsweredAt,
    string? AnsweredBy, string? AnsweringSpeaker, string Text, string? OriginalText, string? MergedInto,
    IReadOnlyList<CoAuthor> CoAuthors, string? DismissReason);

/// <summary>What one bridge point sent (questions and proposals), how many were published, how many answered.</summary>
public sealed record SiteQandA(string Site, int Questions, int Proposals, int Published, int Answered);

/// <summary>
/// The Q&A export: every question and proposal, and a per-site summary, projected from the forum's state (the fold
/// of the whole log) as the staff may see it, so an anonymous author stays anonymous in the file too.
/// </summary>
public sealed record QandAReport(IReadOnlyList<QuestionRow> Questions, IReadOnlyList<SiteQandA> Sites)
{
    public static QandAReport Of(ForumState forum)
    {
        var qa = QandAVisibility.StateFor(forum.QandA, Role.Reviewer, null);
        var rows = qa.Questions.Values.OrderBy(q => q.SubmittedAt).ThenBy(q => q.Id, StringComparer.Ordinal)
            .Select(q => Row(q, forum.SpeakerQueue)).ToList();
        var sites = forum.SiteCodes.Select(site =>
        {
            var own = qa.Questions.Values.Where(q => q.Site == site).ToList();
            return new SiteQandA(site, own.Count(q => q.Kind == "question"), own.Count(q => q.Kind == "proposal"),
                own.Count(q => q.Public), own.Count(q => q.Status == QuestionStatus.Answered));
        }).ToList();
        return new QandAReport(rows, sites);
    }

    /// <summary>
    /// The same report for an archive that leaves the secretariat (the report bundle): an anonymous author is blank
    /// even where the forum let the staff see names. A co-author who asked anonymously is already blank.
    /// </summary>
    public QandAReport WithoutAnonymousNames() =>
        this with { Questions = [.. Questions.Select(q => q.Anonymous ? q with { Author = "" } : q)] };

    static QuestionRow Row(Question q, SpeakerQueueState queue) => new(q.Id, q.Kind, q.Site, q.Topic, q.ItemId, q.Speaker,
        q.AuthorName, q.Anonymous, q.Votes, q.Status.ToString().ToLowerInvariant(), q.SubmittedAt, q.PublishedAt,
        q.AnsweredAt, q.AnsweredBy, q.AnsweredBy is { } by ? queue.Request(by)?.Speaker : null, q.Text, q.OriginalText,
        q.MergedInto, q.CoAuthors, q.DismissReason);
}
