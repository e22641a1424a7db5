using EventHub.Domain.Forum;

namespace EventHub.Domain.QandA;

// Live Q&A's commands. A question's id comes in the command (the hub uses the command id), so a retried
// "ask" can never create a second question. An omitted ItemId means the whole forum (open/close) or the current
// agenda item (ask).

public abstract record QandACommand : ForumCommand;

// ---- moderator ----

/// <summary>Review on: questions wait for a reviewer before the public sees them. Topics: the list a question may name.</summary>
/// <param name="NamesToReviewers">Whether reviewers and the moderator see the names behind anonymous questions.</param>
/// <param name="QuestionsPerTenMinutes">How many questions one author may send in any ten minutes.</param>
public sealed record ConfigureQandA(bool Review, bool AllowAnonymous, bool NamesToReviewers, IReadOnlyList<string> Topics,
    int QuestionsPerTenMinutes) : QandACommand;

/// <summary>Opens Q&A for the whole forum (ItemId null) or reopens one agenda item that was closed.</summary>
public sealed record OpenQandA(string? ItemId) : QandACommand;

/// <summary>Closes Q&A for the whole forum (ItemId null) or for one agenda item.</summary>
public sealed record CloseQandA(string? ItemId) : QandACommand;

/// <summary>Puts one published question "now answering" on the projector; null takes it down.</summary>
public sealed record HighlightQuestion(string? QuestionId) : QandACommand;

// ---- delegates and site hosts ----

/// <summary>
/// A delegate asks (kind "question") or proposes (kind "proposal"); a site host submits on behalf of the site
/// (paper questions from the provincial room). Speaker: the person the question is for, if any.
/// </summary>
public sealed record AskQuestion(string QuestionId, string Site, string Kind, string Text, string? Topic, string? ItemId,
    string? Speaker, bool Anonymous) : QandACommand, ISiteCommand;

/// <summary>The author changes their text or topic while it is under review; a reviewer corrects it (the original is kept).</summary>
public sealed record EditQuestion(string QuestionId, string Text, string? Topic) : QandACommand;

/// <summary>The author takes back a question still under review.</summary>
public sealed record WithdrawQuestion(string QuestionId) : QandACommand;

/// <summary>One vote per delegate per question; a second one is nothing new.</summary>
public sealed record VoteQuestion(string QuestionId) : QandACommand;

public sealed record UnvoteQuestion(string QuestionId) : QandACommand;

// ---- reviewers (and the moderator) ----

public sealed record PublishQuestion(string QuestionId) : QandACommand;

/// <summary>The reason is shown to the author and their site, never to the public.</summary>
public sealed record DismissQuestion(string QuestionId, string? Reason) : QandACommand;

/// <summary>The duplicate's voters and author join the kept question; a voter of both is counted once.</summary>
public sealed record MergeQuestions(string KeptId, string DuplicateId) : QandACommand;

/// <summary>Sets (or clears, with null) a question's topic from the forum's list.</summary>
public sealed record LabelQuestion(string QuestionId, string? Topic) : QandACommand;

/// <summary>RequestId: the speech in the speaker queue that answered it, if any.</summary>
public sealed record MarkAnswered(string QuestionId, string? RequestId) : QandACommand;
