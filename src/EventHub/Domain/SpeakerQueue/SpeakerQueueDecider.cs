using EventHub.Domain.Forum;

namespace EventHub.Domain.SpeakerQueue;

/// <summary>
/// Decide(state, command) → events for the agenda and the speaker lists. Pure; refusals throw and decide nothing.
/// Setting something to the value it already has decides <c>[]</c>, so a second console's identical click is harmless.
/// It reads the whole forum state because a speaker's site must be one of the forum's bridge points.
/// </summary>
public static partial class SpeakerQueueDecider
{
    public const int MaxSpeakingSeconds = 3600;
    /// <summary>A speech may be extended, but not past this: more is a slip of the finger.</summary>
    public const int MaxTotalSpeakingSeconds = 3 * 3600;
    public const int IdMax = 64;

    public static IReadOnlyList<ForumEvent> Decide(ForumState forum, SpeakerQueueCommand command, Actor actor, long now)
    {
        var state = forum.SpeakerQueue;
        return command switch
        {
            AddAgendaItem c => AddItem(state, c),
            RenameAgendaItem c => Rename(state, c),
            MoveAgendaItem c => MoveItem(state, c),
            SetCurrentAgendaItem c => Item(state, c.ItemId).Id == state.CurrentItemId ? [] : [new CurrentAgendaItemSet(c.ItemId)],
            SetListOptions c => SetOptions(state, c),
            CloseList c => ItemOrCurrent(state, c.ItemId) is { IsClosed: false } item ? [new ListClosed(item.Id)] : [],
            ReopenList c => ItemOrCurrent(state, c.ItemId) is { IsClosed: true } item ? [new ListReopened(item.Id)] : [],
            ClearList c => ItemOrCurrent(state, c.ItemId) is { Queue.Count: > 0 } item ? [new ListCleared(item.Id)] : [],
            RequestFloor c => Request(state, c),
            WithdrawRequest c => Withdraw(state, c, actor),
            AddSpeaker c => Add(forum, c),
            ApproveRequest c => Approve(state, c),
            DeclineRequest c => Decline(state, c),
            MoveRequest c => Move(state, c),
            RemoveRequest c => Remove(state, c),
            ApplyOrder c => Reorder(state, c),
            ReAddLastSpeaker c => ReAdd(state, c),
            CallNext c => CallNext(state, c),
            GiveFloor c => GiveFloor(state, c),
            EndSpeech c => [new SpeechEnded(Speaking(state, c.RequestId).RequestId)],
            PauseSpeech c => Pause(state, c),
            ResumeSpeech c => Resume(state, c),
            AddTime c => AddTime(state, c),
            _ => throw Errors.Forbidden(),
        };
    }

    // ---- agenda ----

    static IReadOnlyList<ForumEvent> AddItem(SpeakerQueueState state, AddAgendaItem c)
    {
        var id = Id(c.ItemId, "itemId");
        var title = Text.Required(c.Title, "title", Text.TopicMax);
        var seconds = Limit(c.DefaultSpeakingSeconds, "defaultSpeakingSeconds");
        if (state.Item(id) is not null) throw Errors.DuplicateAgendaItem(id);
        return [new AgendaItemAdded(id, title, seconds)];
    }

    static IReadOnlyList<ForumEvent> Rename(SpeakerQueueState state, RenameAgendaItem c)
    {
        var title = Text.Required(c.Title, "title", Text.TopicMax);
        return Item(state, c.ItemId).Title == title ? [] : [new AgendaItemRenamed(c.ItemId, title)];
    }

    static IReadOnlyList<ForumEvent> MoveItem(SpeakerQueueState state, MoveAgendaItem c)
    {
        var item = Item(state, c.ItemId);
        if (c.Position < 1 || c.Position > state.Agenda.Count) throw Errors.NoSuchAgendaPosition(c.Position, state.Agenda.Count);
        return state.Agenda.IndexOf(item) == c.Position - 1 ? [] : [new AgendaItemMoved(item.Id, c.Position)];
    }

    static IReadOnlyList<ForumEvent> SetOptions(SpeakerQueueState state, SetListOptions c)
    {
        var seconds = Limit(c.DefaultSpeakingSeconds, "defaultSpeakingSeconds");
        var item = ItemOrCurrent(state, c.ItemId);
        return item.DefaultSpeakingSeconds == seconds && item.OneRequestPerSite == c.OneRequestPerSite
            ? []
            : [new ListOptionsSet(item.Id, seconds, c.OneRequestPerSite)];
    }

    // ---- shared checks ----

    static string Id(string? value, string field) => Text.Required(value, field, IdMax);

    static int Limit(int seconds, string field) => Text.InRange(seconds, field, 1, MaxSpeakingSeconds);

    static AgendaItem Item(SpeakerQueueState state, string? id) =>
        state.Item(id ?? "") ?? throw Errors.UnknownAgendaItem(id ?? "");

    static AgendaItem ItemOrCurrent(SpeakerQueueState state, string? id) =>
        id is null ? state.CurrentItem ?? throw Errors.NoCurrentAgendaItem() : Item(state, id);

    static SpeakerRequest Find(SpeakerQueueState state, string? id) =>
        state.Request(id ?? "") ?? throw Errors.UnknownRequest(id ?? "");

    /// <summary>The request, if it is in one of <paramref name="allowed"/>; otherwise the error that explains why not.</summary>
    static SpeakerRequest InStatus(SpeakerQueueState state, string? id, string actionVi, string actionEn,
        params RequestStatus[] allowed)
    {
        var request = Find(state, id);
        if (allowed.Contains(request.Status)) return request;
        var status = Name(request.Status);
        throw request.IsFinished ? Errors.RequestFinished(status) : Errors.InvalidTransition(status, actionVi, actionEn);
    }

    static string Name(RequestStatus status) => status.ToString().ToLowerInvariant();
}
