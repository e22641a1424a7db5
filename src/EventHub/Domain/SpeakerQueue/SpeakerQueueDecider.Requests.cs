using EventHub.Domain.Forum;

namespace EventHub.Domain.SpeakerQueue;

/// <summary>Requests to speak: asked by sites, added by the moderator, approved, declined, moved, removed.</summary>
public static partial class SpeakerQueueDecider
{
    static IReadOnlyList<ForumEvent> Request(SpeakerQueueState state, RequestFloor c)
    {
        var id = Id(c.RequestId, "requestId");
        var speaker = Text.Required(c.Speaker, "speaker");
        var title = Text.Optional(c.SpeakerTitle, "speakerTitle", Text.TopicMax);
        var topic = Text.Required(c.Topic, "topic", Text.TopicMax);
        var item = ItemOrCurrent(state, c.ItemId);
        if (state.Request(id) is not null) throw Errors.DuplicateRequest(id);
        if (item.IsClosed) throw Errors.ListClosed(item.Title);
        if (item.OneRequestPerSite && state.QueueOf(item).Any(r => r.Site == c.Site)) throw Errors.SiteAlreadyQueued(c.Site);
        return [new FloorRequested(id, item.Id, c.Site, speaker, title, topic)];
    }

    static IReadOnlyList<ForumEvent> Withdraw(SpeakerQueueState state, WithdrawRequest c, Actor actor)
    {
        var request = Find(state, c.RequestId);
        // A host acts for their own site only; the request id alone must not let them touch another's.
        if (actor.Role != Role.Moderator && request.Site != actor.Site) throw Errors.OtherSite();
        if (request.Site is null) throw Errors.HallSpeaker();
        InStatus(state, c.RequestId, "rút", "withdraw", RequestStatus.Waiting, RequestStatus.Approved);
        return [new RequestWithdrawn(request.Id, request.Site!)];
    }

    static IReadOnlyList<ForumEvent> Add(ForumState forum, AddSpeaker c)
    {
        var state = forum.SpeakerQueue;
        var id = Id(c.RequestId, "requestId");
        var site = Text.Optional(c.Site, "site", 8)?.ToUpperInvariant();
        var speaker = Text.Required(c.Speaker, "speaker");
        var title = Text.Optional(c.SpeakerTitle, "speakerTitle", Text.TopicMax);
        var topic = Text.Optional(c.Topic, "topic", Text.TopicMax);
        if (site is not null && !forum.HasSite(site)) throw Errors.UnknownSite(site);
        var item = ItemOrCurrent(state, c.ItemId);
        if (state.Request(id) is not null) throw Errors.DuplicateRequest(id);
        // The moderator's own additions ignore "closed" and "one per site": closing stops requests, not the chair.
        var position = c.Position ?? item.Queue.Count + 1;
        if (position < 1 || position > item.Queue.Count + 1) throw Errors.NoSuchQueuePosition(position, item.Queue.Count + 1);
        return [new SpeakerAdded(id, item.Id, site, speaker, title, topic, position)];
    }

    static IReadOnlyList<ForumEvent> Approve(SpeakerQueueState state, ApproveRequest c)
    {
        var r = InStatus(state, c.RequestId, "duyệt", "approve", RequestStatus.Waiting);
        return [new RequestApproved(r.Id, r.Site!, r.Speaker, r.SpeakerTitle, r.Topic ?? "")];
    }

    static IReadOnlyList<ForumEvent> Decline(SpeakerQueueState state, DeclineRequest c)
    {
        var reason = Text.Optional(c.Reason, "reason", Text.TopicMax);
        var r = InStatus(state, c.RequestId, "từ chối", "decline", RequestStatus.Waiting, RequestStatus.Approved);
        if (r.Site is null) throw Errors.HallSpeaker();
        return [new RequestDeclined(r.Id, r.Site, reason)];
    }

    static IReadOnlyList<ForumEvent> Move(SpeakerQueueState state, MoveRequest c)
    {
        var r = InStatus(state, c.RequestId, "di chuyển", "move", RequestStatus.Waiting, RequestStatus.Approved);
        var queue = state.Item(r.ItemId)!.Queue;
        if (c.Position < 1 || c.Position > queue.Count) throw Errors.NoSuchQueuePosition(c.Position, queue.Count);
        return queue.IndexOf(r.Id) == c.Position - 1 ? [] : [new RequestMoved(r.Id, c.Position)];
    }

    static IReadOnlyList<ForumEvent> Remove(SpeakerQueueState state, RemoveRequest c)
    {
        var r = InStatus(state, c.RequestId, "xóa", "remove", RequestStatus.Waiting, RequestStatus.Approved);
        return [new RequestRemoved(r.Id)];
    }

    static IReadOnlyList<ForumEvent> Reorder(SpeakerQueueState state, ApplyOrder c)
    {
        var item = ItemOrCurrent(state, c.ItemId);
        var order = c.RequestIds ?? throw Errors.Required("requestIds");
        // Exactly the queued requests, each once: anything else means the caller's list is stale.
        if (order.Count != item.Queue.Count || order.Distinct().Count() != order.Count || !order.All(item.Queue.Contains))
            throw Errors.OrderMismatch();
        return order.SequenceEqual(item.Queue) ? [] : [new ListReordered(item.Id, [.. order])];
    }

    static IReadOnlyList<ForumEvent> ReAdd(SpeakerQueueState state, ReAddLastSpeaker c)
    {
        var id = Id(c.RequestId, "requestId");
        var last = state.LastSpeakerId is { } lastId ? state.Requests[lastId] : throw Errors.NoLastSpeaker();
        var item = state.CurrentItem ?? throw Errors.NoCurrentAgendaItem();
        if (state.Request(id) is not null) throw Errors.DuplicateRequest(id);
        return [new SpeakerAdded(id, item.Id, last.Site, last.Speaker, last.SpeakerTitle, last.Topic, 1)];
    }
}
