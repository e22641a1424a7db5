using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.QandA;
using EventHub.Domain.Tests.SpeakerQueue;
using static EventHub.Domain.Tests.QandA.QandAGiven;

namespace EventHub.Domain.Tests.QandA;

public sealed class VoteTests
{
    [Fact]
    public void GivenAPublishedQuestion_WhenADelegateVotesTwice_ThenOneVoteIsCounted()
    {
        var spec = QandAOpen().WithPublished("q1", Lan);
        spec.When(new VoteQuestion("q1"), Binh).Then(new QuestionVoted("q1", "d-binh", 1));
        spec.When(new VoteQuestion("q1"), Binh).Then();
        spec.When(new VoteQuestion("q1"), Cuong).Then(new QuestionVoted("q1", "d-cuong", 2));
        Assert.Equal(2, spec.State.QandA.Question("q1")!.Votes);
    }

    [Fact]
    public void GivenAVote_WhenTakenBack_ThenTheTallyDrops_AndTakingItBackAgainIsNothing()
    {
        var spec = QandAOpen().WithPublished("q1", Lan).WithVotes("q1", Binh, Cuong);
        spec.When(new UnvoteQuestion("q1"), Binh).Then(new QuestionUnvoted("q1", "d-binh", 1));
        spec.When(new UnvoteQuestion("q1"), Binh).Then();
        Assert.Equal(["d-cuong"], spec.State.QandA.Question("q1")!.Voters);
    }

    [Fact]
    public void GivenAPendingQuestion_WhenVotedOn_ThenNotVotable() =>
        QandAOpen().GivenBy(Lan, Submitted("q1", Lan)).When(new VoteQuestion("q1"), Binh).ThenThrows("qa.not_votable");

    [Theory]
    [InlineData("host")]
    [InlineData("reviewer")]
    [InlineData("moderator")]
    [InlineData("display")]
    public void GivenAPublishedQuestion_WhenSomeoneNotADelegateVotes_ThenForbidden(string role) =>
        QandAOpen().WithPublished("q1", Lan).When(new VoteQuestion("q1"), role switch
        {
            "host" => Spec.Host("HCM"),
            "reviewer" => Reviewer,
            "moderator" => Spec.Moderator,
            _ => Actor.Display(),
        }).ThenThrows("auth.forbidden");

    [Fact]
    public void GivenAnUnknownQuestion_WhenVotedOn_ThenUnknownQuestion() =>
        QandAOpen().When(new VoteQuestion("nope"), Binh).ThenThrows("qa.unknown_question");

    [Fact]
    public void GivenADelegateWithAPendingQuestionAndVotes_WhenRemoved_ThenTheQuestionLeavesReview_AndTheVotesAreWithdrawn()
    {
        var spec = QandAOpen()
            .Given(new DelegateJoined("d-cuong", "HCM", "Phạm Cường", null, false))
            .WithPublished("q1", Lan).WithPublished("q2", Binh)
            .WithVotes("q1", Cuong, Binh).WithVotes("q2", Cuong)
            .GivenBy(Cuong, Submitted("q3", Cuong));

        spec.When(new RemoveDelegate("d-cuong")).Then(
            new DelegateRemoved("d-cuong", "HCM"),
            new QuestionWithdrawn("q3"),
            new DelegateVotesWithdrawn("d-cuong", [new QuestionTally("q1", 1), new QuestionTally("q2", 0)]));

        var qa = spec.State.QandA;
        Assert.Equal((1, 0), (qa.Question("q1")!.Votes, qa.Question("q2")!.Votes));
        Assert.Equal(QuestionStatus.Withdrawn, qa.Question("q3")!.Status);
        Assert.DoesNotContain(qa.Questions.Values, q => q.Voters.Contains("d-cuong"));
    }
}
