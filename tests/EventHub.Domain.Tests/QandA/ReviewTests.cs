using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.QandA;
using EventHub.Domain.SpeakerQueue;
using EventHub.Domain.Tests.SpeakerQueue;
using static EventHub.Domain.Tests.QandA.QandAGiven;

namespace EventHub.Domain.Tests.QandA;

public sealed class ReviewTests
{
    [Fact]
    public void GivenAPendingQuestion_WhenTheReviewerPublishes_ThenItCarriesTheWholeQuestionForThePublic()
    {
        var spec = QandAOpen().GivenBy(Lan, Submitted("q1", Lan, anonymous: true));
        var submittedAt = spec.Now - 1_000;
        spec.When(new PublishQuestion("q1"), Reviewer)
            .Then(new QuestionPublished("q1", "question", "HCM", "", "Câu hỏi?", null, "discussion", null, true, submittedAt, 0));
        Assert.True(spec.State.QandA.Question("q1")!.Public);
        spec.When(new PublishQuestion("q1"), Spec.Moderator).Then(); // published already: nothing new
    }

    [Fact]
    public void GivenAPendingQuestion_WhenTheAuthorEdits_ThenNoOriginalIsKept_AndAnotherDelegateMayNot()
    {
        var spec = QandAOpen().GivenBy(Lan, Submitted("q1", Lan));
        spec.When(new EditQuestion("q1", "Câu hỏi đã sửa", "Chuyển đổi số"), Lan)
            .Then(new QuestionEdited("q1", "Câu hỏi đã sửa", "Chuyển đổi số", null));
        spec.When(new EditQuestion("q1", "Của tôi", null), Cuong).ThenThrows("qa.not_author");
        Assert.Null(spec.State.QandA.Question("q1")!.OriginalText);
    }

    [Fact]
    public void GivenAPublishedQuestion_WhenTheAuthorEditsOrWithdraws_ThenNotPending()
    {
        var spec = QandAOpen().WithPublished("q1", Lan);
        spec.When(new EditQuestion("q1", "Khác", null), Lan).ThenThrows("qa.not_pending");
        spec.When(new WithdrawQuestion("q1"), Lan).ThenThrows("qa.not_pending");
    }

    [Fact]
    public void GivenAPublishedQuestion_WhenAReviewerFixesATypoTwice_ThenTheAuthorsOriginalIsKept()
    {
        var spec = QandAOpen().WithPublished("q1", Lan);
        spec.When(new EditQuestion("q1", "Câu hỏi.", null), Reviewer).Then(new QuestionEdited("q1", "Câu hỏi.", null, "Câu hỏi?"));
        spec.When(new EditQuestion("q1", "Câu hỏi!", null), Reviewer).Then(new QuestionEdited("q1", "Câu hỏi!", null, null));
        Assert.Equal("Câu hỏi?", spec.State.QandA.Question("q1")!.OriginalText);
        Assert.Equal("Câu hỏi!", spec.State.QandA.Question("q1")!.Text);
    }

    [Fact]
    public void GivenAPendingQuestion_WhenTheAuthorWithdraws_ThenItLeavesTheReviewQueue_AndAgainIsNothing()
    {
        var spec = QandAOpen().GivenBy(Lan, Submitted("q1", Lan));
        spec.When(new WithdrawQuestion("q1"), Binh).ThenThrows("qa.not_author");
        spec.When(new WithdrawQuestion("q1"), Lan).Then(new QuestionWithdrawn("q1"));
        spec.When(new WithdrawQuestion("q1"), Lan).Then();
        spec.When(new PublishQuestion("q1"), Reviewer).ThenThrows("qa.finished");
    }

    [Fact]
    public void GivenAPendingQuestion_WhenDismissedWithAReason_ThenTheReasonIsKept()
    {
        var spec = QandAOpen().GivenBy(Lan, Submitted("q1", Lan));
        spec.When(new DismissQuestion("q1", " Trùng nội dung "), Reviewer).Then(new QuestionDismissed("q1", "Trùng nội dung"));
        Assert.Equal("Trùng nội dung", spec.State.QandA.Question("q1")!.DismissReason);
    }

    [Fact]
    public void GivenTwoPublishedDuplicates_WhenMerged_ThenVotersJoinTheKeptOne_EachCountedOnce_AndAuthorsJoinToo()
    {
        var spec = QandAOpen().WithPublished("q1", Lan).WithPublished("q2", Binh, anonymous: true)
            .WithVotes("q1", Lan, Cuong).WithVotes("q2", Cuong, Binh);

        spec.When(new MergeQuestions("q1", "q2"), Reviewer).Then(new QuestionsMerged("q1", "q2", 3));

        var kept = spec.State.QandA.Question("q1")!;
        Assert.Equal(3, kept.Votes);
        Assert.Equal(["d-binh", "d-cuong", "d-lan"], kept.Voters);
        Assert.Equal([new CoAuthor("DNG", "", true, true)], kept.CoAuthors);
        Assert.Equal(QuestionStatus.Merged, spec.State.QandA.Question("q2")!.Status);
        Assert.Equal("q1", spec.State.QandA.Question("q2")!.MergedInto);
        // Binh voted on the duplicate: he has voted on the kept one too, so a vote now is nothing new.
        spec.When(new VoteQuestion("q1"), Binh).Then();
        spec.When(new MergeQuestions("q1", "q2"), Reviewer).Then();
    }

    [Fact]
    public void GivenAPendingQuestion_WhenSomethingIsMergedIntoIt_ThenRefused_AndNotIntoItself()
    {
        var spec = QandAOpen().WithPublished("q1", Lan).GivenBy(Binh, Submitted("q2", Binh));
        spec.When(new MergeQuestions("q2", "q1"), Reviewer).ThenThrows("qa.merge_into_pending");
        spec.When(new MergeQuestions("q1", "q1"), Reviewer).ThenThrows("qa.merge_same");
    }

    [Fact]
    public void GivenAQuestion_WhenLabelled_ThenTheTopicComesFromTheList()
    {
        var spec = QandAOpen().WithPublished("q1", Lan);
        spec.When(new LabelQuestion("q1", "cải cách hành chính"), Reviewer).Then(new QuestionLabelled("q1", "Cải cách hành chính"));
        spec.When(new LabelQuestion("q1", "Khác"), Reviewer).ThenThrows("qa.unknown_topic");
    }

    [Fact]
    public void GivenTheHighlightedQuestion_WhenMarkedAnsweredByASpeech_ThenItIsLinked_AndTheProjectorClears()
    {
        var spec = QandAOpen().WithPublished("q1", Lan)
            .Given(QueueEvents.Requested("r1", "HCM"), new QuestionHighlighted("q1"));
        spec.When(new MarkAnswered("q1", "r9"), Reviewer).ThenThrows("queue.unknown_request");
        spec.When(new MarkAnswered("q1", "r1"), Reviewer).Then(new QuestionAnswered("q1", "r1"));

        var q = spec.State.QandA.Question("q1")!;
        Assert.Equal((QuestionStatus.Answered, "r1"), (q.Status, q.AnsweredBy));
        Assert.Null(spec.State.QandA.Highlighted);
        spec.When(new VoteQuestion("q1"), Binh).ThenThrows("qa.not_votable");
    }

    [Fact]
    public void GivenTwoPublishedQuestions_WhenTheModeratorHighlightsOneThenTheOther_ThenOnlyTheSecondIsNowAnswering()
    {
        var spec = QandAOpen().WithPublished("q1", Lan).WithPublished("q2", Binh).GivenBy(Cuong, Submitted("q3", Cuong));
        spec.When(new HighlightQuestion("q1")).Then(new QuestionHighlighted("q1"));
        spec.When(new HighlightQuestion("q2")).Then(new QuestionHighlighted("q2"));
        Assert.Equal("q2", spec.State.QandA.Highlighted);
        spec.When(new HighlightQuestion("q3")).ThenThrows("qa.not_published");
        spec.When(new HighlightQuestion(null)).Then(new QuestionHighlighted(null));
    }

    public static TheoryData<ForumCommand> ModeratorOnly => new()
    {
        new HighlightQuestion("q1"),
        new OpenQandA(null),
        new CloseQandA("discussion"),
        new ConfigureQandA(false, false, false, [], 5),
        new CallNext(null, null),
        new AddAgendaItem("x", "Mục mới", 300),
        new ApproveRequest("r1"),
        new CheckIn("HCM", "Lan", 10),
        new RemoveDelegate("d-lan"),
        new StartRollCall("rc", 60),
    };

    [Theory]
    [MemberData(nameof(ModeratorOnly))]
    public void GivenAReviewer_WhenTouchingTheQueueAttendanceOrQandASettings_ThenForbidden(ForumCommand command) =>
        QandAOpen().WithPublished("q1", Lan).Given(QueueEvents.Requested("r1", "HCM"))
            .When(command, Reviewer).ThenThrows("auth.forbidden");

    [Theory]
    [InlineData("delegate")]
    [InlineData("host")]
    [InlineData("display")]
    public void GivenANonReviewer_WhenPublishing_ThenForbidden(string role) =>
        QandAOpen().GivenBy(Lan, Submitted("q1", Lan)).When(new PublishQuestion("q1"), role switch
        {
            "delegate" => Lan,
            "host" => Spec.Host("HCM"),
            _ => Actor.Display(),
        }).ThenThrows("auth.forbidden");

    [Fact]
    public void GivenQandAOpen_WhenTheModeratorClosesAnItemAndReopensIt_ThenEachIsOneEvent()
    {
        var spec = QandAOpen();
        spec.When(new CloseQandA("discussion")).Then(new QandAClosed("discussion"));
        spec.When(new CloseQandA("discussion")).Then();
        spec.When(new OpenQandA("discussion")).Then(new QandAOpened("discussion"));
        spec.When(new CloseQandA(null)).Then(new QandAClosed(null));
        Assert.False(spec.State.QandA.IsOpenFor("discussion"));
    }
}
