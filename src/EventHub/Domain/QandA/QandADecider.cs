using EventHub.Domain.Forum;

namespace EventHub.Domain.QandA;

/// <summary>
/// Decide(state, command) → events for live Q&A. Pure; a refusal throws and decides nothing. Asking for what is
/// already so (a second vote, opening what is open) decides <c>[]</c>, so a double tap or a second console is harmless.
/// It reads the whole forum because a question may name an agenda item and an answer a speech.
/// </summary>
public static class QandADecider
{
    public const int TextMax = 1_000;
    public const int ReasonMax = 300;
    public const int TopicsMax = 50;
    public const int IdMax = 64;
    public const long RateWindowMs = 10 * 60 * 1000;
    public static readonly IReadOnlyList<string> Kinds = ["question", "proposal"];

    public static IReadOnlyList<ForumEvent> Decide(ForumState forum, QandACommand command, Actor actor, long now)
    {
        if (actor.Role == Role.Delegate && forum.Attendance.IsRemoved(actor.Id)) throw Errors.DelegateRemoved();
        var state = forum.QandA;
        return command switch
        {
            ConfigureQandA c => Configure(state, c),
            OpenQandA { ItemId: null } => state.IsOpen ? [] : [new QandAOpened(null)],
            OpenQandA c => state.ClosedItems.Contains(Item(forum, c.ItemId)) ? [new QandAOpened(c.ItemId)] : [],
            CloseQandA { ItemId: null } => state.IsOpen ? [new QandAClosed(null)] : [],
            CloseQandA c => state.ClosedItems.Contains(Item(forum, c.ItemId)) ? [] : [new QandAClosed(c.ItemId)],
            HighlightQuestion c => Highlight(state, c),
            AskQuestion c => Ask(forum, c, actor, now),
            EditQuestion c => Edit(state, c, actor),
            WithdrawQuestion c => Withdraw(state, c, actor),
            VoteQuestion c => Vote(state, c, actor),
            UnvoteQuestion c => Unvote(state, c, actor),
            PublishQuestion c => Publish(state, c),
            DismissQuestion c => Dismiss(state, c),
            MergeQuestions c => Merge(state, c),
            LabelQuestion c => Label(state, c),
            MarkAnswered c => Answer(forum, c),
            _ => throw Errors.Forbidden(),
        };
    }

    /// <summary>What removing a delegate means for Q&A: their questions under review are withdrawn, their votes taken back.</summary>
    public static IReadOnlyList<ForumEvent> OnDelegateRemoved(QandAState state, string delegateId)
    {
        var events = new List<ForumEvent>();
        var tallies = new List<QuestionTally>();
        foreach (var q in state.Questions.Values)
        {
            if (q.AuthorId == delegateId && q.Status == QuestionStatus.Pending) events.Add(new QuestionWithdrawn(q.Id));
            if (q.Voters.Contains(delegateId)) tallies.Add(new QuestionTally(q.Id, q.Votes - 1));
        }
        if (tallies.Count > 0) events.Add(new DelegateVotesWithdrawn(delegateId, tallies));
        return events;
    }

    // ---- moderator ----

    static IReadOnlyList<ForumEvent> Configure(QandAState state, ConfigureQandA c)
    {
        var topics = new List<string>();
        foreach (var topic in c.Topics ?? [])
        {
            var t = Text.Required(topic, "topics", Text.TopicMax);
            if (!topics.Any(seen => Text.Key(seen) == Text.Key(t))) topics.Add(t);
        }
        if (topics.Count > TopicsMax) throw Errors.OutOfRange("topics", 0, TopicsMax);
        var perTenMinutes = Text.InRange(c.QuestionsPerTenMinutes, "questionsPerTenMinutes", 1, 100);
        var same = state.Review == c.Review && state.AllowAnonymous == c.AllowAnonymous &&
                   state.NamesToReviewers == c.NamesToReviewers && state.Topics.SequenceEqual(topics) &&
                   state.QuestionsPerTenMinutes == perTenMinutes;
        return same ? [] : [new QandAConfigured(c.Review, c.AllowAnonymous, c.NamesToReviewers, topics, perTenMinutes)];
    }

    static IReadOnlyList<ForumEvent> Highlight(QandAState state, HighlightQuestion c)
    {
        if (c.QuestionId is null) return state.Highlighted is null ? [] : [new QuestionHighlighted(null)];
        var q = Find(state, c.QuestionId);
        if (q.Status != QuestionStatus.Published) throw Errors.QuestionNotPublished();
        return state.Highlighted == q.Id ? [] : [new QuestionHighlighted(q.Id)];
    }

    // ---- delegates and site hosts ----

    static IReadOnlyList<ForumEvent> Ask(ForumState forum, AskQuestion c, Actor actor, long now)
    {
        var state = forum.QandA;
        var id = Id(c.QuestionId, "questionId");
        var kind = Kind(c.Kind);
        var text = Text.Required(c.Text, "text", TextMax);
        var topic = Topic(state, c.Topic);
        var speaker = Text.Optional(c.Speaker, "speaker");
        var item = c.ItemId is null ? forum.SpeakerQueue.CurrentItemId : Item(forum, c.ItemId);
        if (!state.IsOpenFor(item)) throw Errors.QandAClosed();
        if (state.Question(id) is not null) throw Errors.DuplicateQuestion(id);
        var onBehalfOfSite = actor.Role == Role.SiteHost;
        if (c.Anonymous && !onBehalfOfSite && !state.AllowAnonymous) throw Errors.AnonymousNotAllowed();
        var recent = state.Questions.Values.Count(q => q.AuthorId == actor.Id && q.SubmittedAt > now - RateWindowMs);
        if (recent >= state.QuestionsPerTenMinutes) throw Errors.TooManyQuestions(state.QuestionsPerTenMinutes);

        var anonymous = c.Anonymous && !onBehalfOfSite;
        var submitted = new QuestionSubmitted(id, kind, c.Site, actor.Id, onBehalfOfSite ? "" : actor.Name, text, topic, item,
            speaker, anonymous, state.NamesToReviewers);
        return state.Review ? [submitted] : [submitted, Published(submitted, now, 0)];
    }

    static IReadOnlyList<ForumEvent> Edit(QandAState state, EditQuestion c, Actor actor)
    {
        var q = Find(state, c.QuestionId);
        var text = Text.Required(c.Text, "text", TextMax);
        var topic = Topic(state, c.Topic);
        if (IsStaff(actor))
        {
            if (!q.IsLive) throw Errors.QuestionFinished(Name(q.Status));
        }
        else
        {
            if (q.AuthorId != actor.Id) throw Errors.NotAuthor();
            if (q.Status != QuestionStatus.Pending) throw Errors.QuestionNotPending(Name(q.Status));
        }
        if (q.Text == text && q.Topic == topic) return [];
        var original = IsStaff(actor) && q.OriginalText is null && q.Text != text ? q.Text : null;
        return [new QuestionEdited(q.Id, text, topic, original)];
    }

    static IReadOnlyList<ForumEvent> Withdraw(QandAState state, WithdrawQuestion c, Actor actor)
    {
        var q = Find(state, c.QuestionId);
        if (q.AuthorId != actor.Id) throw Errors.NotAuthor();
        if (q.Status == QuestionStatus.Withdrawn) return [];
        if (q.Status != QuestionStatus.Pending) throw Errors.QuestionNotPending(Name(q.Status));
        return [new QuestionWithdrawn(q.Id)];
    }

    static IReadOnlyList<ForumEvent> Vote(QandAState state, VoteQuestion c, Actor actor)
    {
        var q = Votable(state, c.QuestionId);
        return q.Voters.Contains(actor.Id) ? [] : [new QuestionVoted(q.Id, actor.Id, q.Voters.Count + 1)];
    }

    static IReadOnlyList<ForumEvent> Unvote(QandAState state, UnvoteQuestion c, Actor actor)
    {
        var q = Votable(state, c.QuestionId);
        return q.Voters.Contains(actor.Id) ? [new QuestionUnvoted(q.Id, actor.Id, q.Voters.Count - 1)] : [];
    }

    static Question Votable(QandAState state, string? id)
    {
        var q = Find(state, id);
        return q.Status == QuestionStatus.Published ? q : throw Errors.NotVotable(Name(q.Status));
    }

    // ---- reviewers ----

    static IReadOnlyList<ForumEvent> Publish(QandAState state, PublishQuestion c)
    {
        var q = Find(state, c.QuestionId);
        if (q.Status == QuestionStatus.Published) return [];
        if (q.Status != QuestionStatus.Pending) throw Errors.QuestionFinished(Name(q.Status));
        return [new QuestionPublished(q.Id, q.Kind, q.Site, q.Anonymous ? "" : q.AuthorName, q.Text, q.Topic, q.ItemId,
            q.Speaker, q.Anonymous, q.SubmittedAt, q.Voters.Count)];
    }

    static QuestionPublished Published(QuestionSubmitted s, long now, int votes) =>
        new(s.QuestionId, s.Kind, s.Site, s.Anonymous ? "" : s.AuthorName, s.Text, s.Topic, s.ItemId, s.Speaker, s.Anonymous,
            now, votes);

    static IReadOnlyList<ForumEvent> Dismiss(QandAState state, DismissQuestion c)
    {
        var q = Find(state, c.QuestionId);
        var reason = Text.Optional(c.Reason, "reason", ReasonMax);
        if (q.Status == QuestionStatus.Dismissed) return [];
        if (!q.IsLive) throw Errors.QuestionFinished(Name(q.Status));
        return [new QuestionDismissed(q.Id, reason)];
    }

    static IReadOnlyList<ForumEvent> Merge(QandAState state, MergeQuestions c)
    {
        var kept = Find(state, c.KeptId);
        var duplicate = Find(state, c.DuplicateId);
        if (kept.Id == duplicate.Id) throw Errors.MergeSame();
        if (duplicate.Status == QuestionStatus.Merged && duplicate.MergedInto == kept.Id) return [];
        if (!kept.IsLive) throw Errors.QuestionFinished(Name(kept.Status));
        if (!duplicate.IsLive) throw Errors.QuestionFinished(Name(duplicate.Status));
        // The kept question is the one everyone sees, so everyone can follow the merge (and the tally) in one event.
        if (kept.Status != QuestionStatus.Published) throw Errors.MergeIntoPending();
        return [new QuestionsMerged(kept.Id, duplicate.Id, kept.Voters.Union(duplicate.Voters).Count)];
    }

    static IReadOnlyList<ForumEvent> Label(QandAState state, LabelQuestion c)
    {
        var q = Find(state, c.QuestionId);
        var topic = Topic(state, c.Topic);
        return q.Topic == topic ? [] : [new QuestionLabelled(q.Id, topic)];
    }

    static IReadOnlyList<ForumEvent> Answer(ForumState forum, MarkAnswered c)
    {
        var q = Find(forum.QandA, c.QuestionId);
        var request = Text.Optional(c.RequestId, "requestId", IdMax);
        if (request is not null && forum.SpeakerQueue.Request(request) is null) throw Errors.UnknownRequest(request);
        if (q.Status == QuestionStatus.Answered && q.AnsweredBy == request) return [];
        if (q.Status is not (QuestionStatus.Published or QuestionStatus.Answered)) throw Errors.QuestionNotPublished();
        return [new QuestionAnswered(q.Id, request)];
    }

    // ---- shared checks ----

    static bool IsStaff(Actor actor) => actor.Role is Role.Moderator or Role.Reviewer;

    static string Id(string? value, string field) => Text.Required(value, field, IdMax);

    static string Kind(string? kind)
    {
        var k = Text.Required(kind, "kind", 16).ToLowerInvariant();
        return Kinds.Contains(k) ? k : throw Errors.UnknownKind(k);
    }

    /// <summary>A topic from the forum's list, spelled as the list spells it; null for none.</summary>
    static string? Topic(QandAState state, string? topic)
    {
        var t = Text.Optional(topic, "topic", Text.TopicMax);
        if (t is null) return null;
        return state.Topics.FirstOrDefault(known => Text.Key(known) == Text.Key(t)) ?? throw Errors.UnknownTopic(t);
    }

    static string Item(ForumState forum, string? id) =>
        forum.SpeakerQueue.Item(id ?? "")?.Id ?? throw Errors.UnknownAgendaItem(id ?? "");

    static Question Find(QandAState state, string? id) =>
        state.Question(id ?? "") ?? throw Errors.UnknownQuestion(id ?? "");

    static string Name(QuestionStatus status) => status.ToString().ToLowerInvariant();
}
