using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;

namespace EventHub.Hubs;

/// <summary>
/// Live Q&A's hub methods. Each builds one command and hands it to the engine; roles, authorship and every rule are
/// the domain's (Permissions, QandADecider). docs/protocol.md ("Live Q&A") documents them.
/// </summary>
public sealed partial class ForumHub
{
    // ---- moderator ----

    public Task<CommandResult> ConfigureQandA(QandAOptionsRequest request) =>
        Execute(request, r => new ConfigureQandA(r.Review, r.AllowAnonymous, r.NamesToReviewers, r.Topics ?? [],
            r.QuestionsPerTenMinutes));

    public Task<CommandResult> OpenQandA(QandAItemRequest request) => Execute(request, r => new OpenQandA(r.ItemId));

    public Task<CommandResult> CloseQandA(QandAItemRequest request) => Execute(request, r => new CloseQandA(r.ItemId));

    public Task<CommandResult> HighlightQuestion(QuestionRequest request) =>
        Execute(request, r => new HighlightQuestion(r.QuestionId));

    // ---- delegates and site hosts ----

    /// <summary>The new question's id is the command id.</summary>
    public Task<CommandResult> AskQuestion(AskRequest request) =>
        Execute(request, r => new AskQuestion(r.CommandId, SiteOf(r.Site), r.Kind ?? "question", r.Text ?? "", r.Topic,
            r.ItemId, r.Speaker, r.Anonymous));

    public Task<CommandResult> EditQuestion(EditQuestionRequest request) =>
        Execute(request, r => new EditQuestion(Required(r.QuestionId, "questionId"), r.Text ?? "", r.Topic));

    public Task<CommandResult> WithdrawQuestion(QuestionRequest request) =>
        Execute(request, r => new WithdrawQuestion(Required(r.QuestionId, "questionId")));

    public Task<CommandResult> VoteQuestion(QuestionRequest request) =>
        Execute(request, r => new VoteQuestion(Required(r.QuestionId, "questionId")));

    public Task<CommandResult> UnvoteQuestion(QuestionRequest request) =>
        Execute(request, r => new UnvoteQuestion(Required(r.QuestionId, "questionId")));

    // ---- reviewers and the moderator ----

    public Task<CommandResult> PublishQuestion(QuestionRequest request) =>
        Execute(request, r => new PublishQuestion(Required(r.QuestionId, "questionId")));

    public Task<CommandResult> DismissQuestion(DismissQuestionRequest request) =>
        Execute(request, r => new DismissQuestion(Required(r.QuestionId, "questionId"), r.Reason));

    public Task<CommandResult> MergeQuestions(MergeQuestionsRequest request) =>
        Execute(request, r => new MergeQuestions(Required(r.KeptId, "keptId"), Required(r.DuplicateId, "duplicateId")));

    public Task<CommandResult> LabelQuestion(LabelQuestionRequest request) =>
        Execute(request, r => new LabelQuestion(Required(r.QuestionId, "questionId"), r.Topic));

    public Task<CommandResult> MarkAnswered(AnswerQuestionRequest request) =>
        Execute(request, r => new MarkAnswered(Required(r.QuestionId, "questionId"), r.RequestId));

    // ---- the caller's own ----

    /// <summary>The caller's own questions and votes, which the shared snapshot does not carry.</summary>
    public async Task<MyQandA> MyQuestions()
    {
        await engine.CatchUpAsync(Context.ConnectionAborted);
        var id = Caller.Id;
        var questions = engine.View.State.QandA.Questions.Values;
        return new MyQandA(
            [.. questions.Where(q => q.AuthorId == id).Select(q => new OwnQuestion(q.Id, q.Kind, q.Site, q.Text, q.Topic,
                q.Status.ToString().ToLowerInvariant(), q.Anonymous, q.Votes, q.DismissReason, q.SubmittedAt))],
            [.. questions.Where(q => q.Voters.Contains(id)).Select(q => q.Id)]);
    }
}
