using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.Hubs;

/// <summary>
/// The speaker queue's hub methods. Each builds one command and hands it to the engine; roles, sites and every
/// rule are the domain's (Permissions, SpeakerQueueDecider). Ids of new things are the command id, so a retry
/// is idempotent. docs/protocol.md (section 6) documents them.
/// </summary>
public sealed partial class ForumHub
{
    // ---- agenda (moderator) ----

    public Task<CommandResult> AddAgendaItem(NewAgendaItemRequest request) =>
        Execute(request, r => new AddAgendaItem(r.CommandId, r.Title ?? "", r.DefaultSpeakingSeconds));

    public Task<CommandResult> RenameAgendaItem(AgendaTitleRequest request) =>
        Execute(request, r => new RenameAgendaItem(Required(r.ItemId, "itemId"), r.Title ?? ""));

    public Task<CommandResult> MoveAgendaItem(AgendaPositionRequest request) =>
        Execute(request, r => new MoveAgendaItem(Required(r.ItemId, "itemId"), r.Position));

    public Task<CommandResult> SetCurrentAgendaItem(AgendaItemRequest request) =>
        Execute(request, r => new SetCurrentAgendaItem(Required(r.ItemId, "itemId")));

    public Task<CommandResult> SetListOptions(ListOptionsRequest request) =>
        Execute(request, r => new SetListOptions(r.ItemId, r.DefaultSpeakingSeconds, r.OneRequestPerSite));

    public Task<CommandResult> CloseList(AgendaItemRequest request) => Execute(request, r => new CloseList(r.ItemId));

    public Task<CommandResult> ReopenList(AgendaItemRequest request) => Execute(request, r => new ReopenList(r.ItemId));

    public Task<CommandResult> ClearList(AgendaItemRequest request) => Execute(request, r => new ClearList(r.ItemId));

    // ---- requests ----

    /// <summary>Site host (own site) or moderator (names the site). The new request's id is the command id.</summary>
    public Task<CommandResult> RequestFloor(FloorAskRequest request) =>
        Execute(request, r => new RequestFloor(r.CommandId, SiteOf(r.Site), r.ItemId, r.Speaker ?? "", r.SpeakerTitle, r.Topic ?? ""));

    /// <summary>Site host (own site's request) or moderator.</summary>
    public Task<CommandResult> WithdrawRequest(QueueEntryRequest request) =>
        Execute(request, r => new WithdrawRequest(Required(r.RequestId, "requestId")));

    public Task<CommandResult> AddSpeaker(NewSpeakerRequest request) =>
        Execute(request, r => new AddSpeaker(r.CommandId, r.ItemId, r.Site, r.Speaker ?? "", r.SpeakerTitle, r.Topic, r.Position));

    public Task<CommandResult> ApproveRequest(QueueEntryRequest request) =>
        Execute(request, r => new ApproveRequest(Required(r.RequestId, "requestId")));

    public Task<CommandResult> DeclineRequest(DeclineEntryRequest request) =>
        Execute(request, r => new DeclineRequest(Required(r.RequestId, "requestId"), r.Reason));

    public Task<CommandResult> MoveRequest(QueuePositionRequest request) =>
        Execute(request, r => new MoveRequest(Required(r.RequestId, "requestId"), r.Position));

    public Task<CommandResult> MoveToTop(QueueEntryRequest request) =>
        Execute(request, r => new MoveRequest(Required(r.RequestId, "requestId"), 1));

    public Task<CommandResult> RemoveRequest(QueueEntryRequest request) =>
        Execute(request, r => new RemoveRequest(Required(r.RequestId, "requestId")));

    public Task<CommandResult> ApplyOrder(QueueOrderRequest request) =>
        Execute(request, r => new ApplyOrder(r.ItemId, r.RequestIds ?? throw Errors.Required("requestIds")));

    public Task<CommandResult> ReAddLastSpeaker(BareCommandRequest request) =>
        Execute(request, r => new ReAddLastSpeaker(r.CommandId));

    // ---- the floor (moderator) ----

    public Task<CommandResult> CallNext(CallNextRequest request) =>
        Execute(request, r => new CallNext(r.ExpectedCurrent, r.LimitSeconds));

    public Task<CommandResult> GiveFloor(GiveFloorRequest request) =>
        Execute(request, r => new GiveFloor(Required(r.RequestId, "requestId"), r.ExpectedCurrent, r.LimitSeconds));

    public Task<CommandResult> EndSpeech(QueueEntryRequest request) =>
        Execute(request, r => new EndSpeech(Required(r.RequestId, "requestId")));

    public Task<CommandResult> PauseSpeech(QueueEntryRequest request) =>
        Execute(request, r => new PauseSpeech(Required(r.RequestId, "requestId")));

    public Task<CommandResult> ResumeSpeech(QueueEntryRequest request) =>
        Execute(request, r => new ResumeSpeech(Required(r.RequestId, "requestId")));

    public Task<CommandResult> AddTime(AddTimeRequest request) =>
        Execute(request, r => new AddTime(Required(r.RequestId, "requestId"), r.Seconds));

    // ---- moderator views (clients holding the forum state can compute these themselves) ----

    /// <summary>
    /// The fair-order suggestion for a list; apply it with <see cref="ApplyOrder"/>. An array: the MessagePack
    /// protocol writes a result by its runtime type, and cannot write the compiler's read-only list wrappers.
    /// </summary>
    public async Task<string[]> SuggestFairOrder(string? itemId)
    {
        RequireModerator();
        await engine.CatchUpAsync(Context.ConnectionAborted);
        var queue = engine.View.State.SpeakerQueue;
        var item = itemId is null ? queue.CurrentItem ?? throw Errors.NoCurrentAgendaItem()
            : queue.Item(itemId) ?? throw Errors.UnknownAgendaItem(itemId);
        return [.. SpeakerQueueQueries.SuggestFairOrder(queue, item)];
    }

    /// <summary>Speeches, speaking time and waiting time per site and per speaker, so far.</summary>
    public async Task<SpeakingReport> GetSpeakingReport()
    {
        RequireModerator();
        await engine.CatchUpAsync(Context.ConnectionAborted);
        return SpeakingReport.Of(engine.View.State.SpeakerQueue);
    }

    void RequireModerator()
    {
        if (Caller.Role != Role.Moderator) throw Errors.Forbidden();
    }

    static string Required(string? value, string field) => string.IsNullOrWhiteSpace(value) ? throw Errors.Required(field) : value;
}
