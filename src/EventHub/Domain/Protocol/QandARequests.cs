namespace EventHub.Domain.Protocol;

// What the Q&A hub methods take and return (docs/protocol.md, "Live Q&A"). Every request carries a client-generated
// CommandId; AskQuestion uses it as the new question's id, so a resent question can never arrive twice.

public sealed record QandAOptionsRequest(string CommandId, bool Review, bool AllowAnonymous, bool NamesToReviewers,
    IReadOnlyList<string>? Topics, int QuestionsPerTenMinutes) : ICommandRequest;

/// <summary>OpenQandA / CloseQandA: ItemId left out means the whole forum.</summary>
public sealed record QandAItemRequest(string CommandId, string? ItemId) : ICommandRequest;

/// <summary>
/// A question (Kind "question", the default) or a proposal ("proposal"). A site host may leave Site out; ItemId left
/// out means the current agenda item; Speaker: the person it is addressed to, if any.
/// </summary>
public sealed record AskRequest(string CommandId, string? Site, string? Kind, string? Text, string? Topic, string? ItemId,
    string? Speaker, bool Anonymous) : ICommandRequest;

/// <summary>Names one question: withdraw, vote, unvote, publish, highlight (a null QuestionId takes the highlight down).</summary>
public sealed record QuestionRequest(string CommandId, string? QuestionId) : ICommandRequest;

public sealed record EditQuestionRequest(string CommandId, string? QuestionId, string? Text, string? Topic) : ICommandRequest;

public sealed record DismissQuestionRequest(string CommandId, string? QuestionId, string? Reason) : ICommandRequest;

public sealed record MergeQuestionsRequest(string CommandId, string? KeptId, string? DuplicateId) : ICommandRequest;

public sealed record LabelQuestionRequest(string CommandId, string? QuestionId, string? Topic) : ICommandRequest;

/// <summary>RequestId: the speech (speaker-queue request) that answered it, if any.</summary>
public sealed record AnswerQuestionRequest(string CommandId, string? QuestionId, string? RequestId) : ICommandRequest;

/// <summary>One of the caller's own questions, under review or not, as only its author sees it.</summary>
public sealed record OwnQuestion(string QuestionId, string Kind, string Site, string Text, string? Topic, string Status,
    bool Anonymous, int Votes, string? DismissReason, long SubmittedAt);

/// <summary>
/// MyQuestions: what a snapshot (shared by every delegate) leaves out of the caller's own view: their questions and
/// the questions they voted for.
/// </summary>
public sealed record MyQandA(IReadOnlyList<OwnQuestion> Questions, IReadOnlyList<string> Voted);
