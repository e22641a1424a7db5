using EventHub.Domain.Forum;

namespace EventHub.Domain.QandA;

/// <summary>Marks Q&A's events so <see cref="ForumState.Evolve"/> hands them to <see cref="QandAState"/>.</summary>
public interface IQandAEvent;

/// <summary>An event about one question: who may see which form of it depends on that question (QandAVisibility).</summary>
public interface IQuestionEvent : IQandAEvent
{
    string QuestionId { get; }
}

public sealed record QandAConfigured(bool Review, bool AllowAnonymous, bool NamesToReviewers, IReadOnlyList<string> Topics,
    int QuestionsPerTenMinutes) : ForumEvent, IQandAEvent;

public sealed record QandAOpened(string? ItemId) : ForumEvent, IQandAEvent;

public sealed record QandAClosed(string? ItemId) : ForumEvent, IQandAEvent;

/// <summary>
/// A question or proposal came in, under review. AuthorId is the delegate's id (or "host:SITE" when the site host
/// submitted it for the site, with an empty AuthorName). NamesToReviewers is the forum's setting when it was asked,
/// kept with the question so that changing the setting later does not reveal an earlier anonymous author.
/// </summary>
public sealed record QuestionSubmitted(string QuestionId, string Kind, string Site, string AuthorId, string AuthorName,
    string Text, string? Topic, string? ItemId, string? Speaker, bool Anonymous, bool NamesToReviewers)
    : ForumEvent, IQuestionEvent, ISiteEvent;

/// <summary>
/// The public sees the question from here on, so this carries all of it (clients that saw the submission redacted
/// learn it here). Votes: its tally, which a merge before publishing may have started above zero.
/// </summary>
public sealed record QuestionPublished(string QuestionId, string Kind, string Site, string AuthorName, string Text,
    string? Topic, string? ItemId, string? Speaker, bool Anonymous, long SubmittedAt, int Votes)
    : ForumEvent, IQuestionEvent, ISiteEvent;

/// <summary>New text (and topic). Original: the author's text, on a reviewer's first correction (staff and author only).</summary>
public sealed record QuestionEdited(string QuestionId, string Text, string? Topic, string? Original) : ForumEvent, IQuestionEvent;

public sealed record QuestionWithdrawn(string QuestionId) : ForumEvent, IQuestionEvent;

public sealed record QuestionDismissed(string QuestionId, string? Reason) : ForumEvent, IQuestionEvent;

/// <summary>Votes is the kept question's tally after the merge (each voter of either counted once).</summary>
public sealed record QuestionsMerged(string KeptId, string DuplicateId, int Votes) : ForumEvent, IQuestionEvent
{
    string IQuestionEvent.QuestionId => KeptId;
}

public sealed record QuestionLabelled(string QuestionId, string? Topic) : ForumEvent, IQuestionEvent;

public sealed record QuestionHighlighted(string? QuestionId) : ForumEvent, IQandAEvent;

public sealed record QuestionAnswered(string QuestionId, string? RequestId) : ForumEvent, IQuestionEvent;

/// <summary>
/// One delegate's vote. Votes is the question's tally after it, so a client that sees only some of the votes (the
/// public's coalesced form) still holds the exact count. DelegateId is blank in every form but the voter's own.
/// </summary>
public sealed record QuestionVoted(string QuestionId, string DelegateId, int Votes) : ForumEvent, IQuestionEvent;

public sealed record QuestionUnvoted(string QuestionId, string DelegateId, int Votes) : ForumEvent, IQuestionEvent;

/// <summary>
/// Never in the log: what a node's fan-out sends in place of a run of vote events (its own sequence number to
/// <c>Through</c>), with each question's tally after the last of them. Folding it gives what folding each vote would;
/// a client counts every number up to Through as taken. docs/design.md, "Live Q&amp;A votes", says why.
/// </summary>
public sealed record VoteTallies(long Through, IReadOnlyList<QuestionTally> Tallies) : ForumEvent, IQandAEvent
{
    public const string Type = "qa.tallies";
}

/// <summary>A question's tally (after a removed delegate's vote was taken back, or after a run of votes).</summary>
public sealed record QuestionTally(string QuestionId, int Votes);

/// <summary>The moderator removed a delegate: their votes are taken back (their pending questions are withdrawn apart).</summary>
public sealed record DelegateVotesWithdrawn(string DelegateId, IReadOnlyList<QuestionTally> Tallies) : ForumEvent, IQandAEvent;
