using EventHub.Domain.Forum;
using EventHub.Domain.QandA;
using EventHub.Domain.Tests.SpeakerQueue;

namespace EventHub.Domain.Tests.QandA;

/// <summary>The people and the starting points of the Q&A tests (the harness is the speaker queue's <see cref="Spec"/>).</summary>
public static class QandAGiven
{
    public static readonly Actor Lan = Actor.Delegate("HCM", "Nguyễn Thị Lan", "d-lan");
    public static readonly Actor Binh = Actor.Delegate("DNG", "Lê Văn Bình", "d-binh");
    public static readonly Actor Cuong = Actor.Delegate("HCM", "Phạm Cường", "d-cuong");
    public static readonly Actor Reviewer = Actor.Reviewer();
    public static readonly string[] Topics = ["Chuyển đổi số", "Cải cách hành chính"];

    /// <summary>An open forum with Q&A open, review on, two topics, anonymous questions allowed.</summary>
    public static Spec QandAOpen() => Spec.Agenda().Given(
        new QandAConfigured(true, true, false, Topics, QandAState.DefaultQuestionsPerTenMinutes),
        new QandAOpened(null));

    public static QuestionSubmitted Submitted(string id, Actor author, bool anonymous = false, string text = "Câu hỏi?") =>
        new(id, "question", author.Site!, author.Id, author.Name, text, null, "discussion", null, anonymous, false);

    /// <summary>A question asked by <paramref name="author"/> and published.</summary>
    public static Spec WithPublished(this Spec spec, string id, Actor author, bool anonymous = false)
    {
        spec.GivenBy(author, Submitted(id, author, anonymous));
        var submittedAt = spec.Now - 1_000;
        return spec.GivenBy(Reviewer, new QuestionPublished(id, "question", author.Site!, anonymous ? "" : author.Name,
            "Câu hỏi?", null, "discussion", null, anonymous, submittedAt, 0));
    }

    public static Spec WithVotes(this Spec spec, string id, params Actor[] voters)
    {
        foreach (var voter in voters)
            spec.GivenBy(voter, new QuestionVoted(id, voter.Id, spec.State.QandA.Question(id)!.Voters.Count + 1));
        return spec;
    }

    public static AskQuestion Ask(string id, Actor author, string text = "Câu hỏi?", string? topic = null,
        bool anonymous = false, string kind = "question", string? item = null) =>
        new(id, author.Site!, kind, text, topic, item, null, anonymous);
}
