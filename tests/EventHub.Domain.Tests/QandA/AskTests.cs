using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.QandA;
using EventHub.Domain.SpeakerQueue;
using EventHub.Domain.Tests.SpeakerQueue;
using static EventHub.Domain.Tests.QandA.QandAGiven;

namespace EventHub.Domain.Tests.QandA;

public sealed class AskTests
{
    [Fact]
    public void GivenReviewOn_WhenADelegateAsks_ThenTheQuestionWaitsForReview_TrimmedAndNfc()
    {
        var spec = QandAOpen();
        // "Hỏi" typed with a combining hook above (decomposed) arrives composed.
        spec.When(Ask("q1", Lan, "  Ho\u0309i về thủ tục  ", topic: "chuyển đổi số"), Lan)
            .Then(new QuestionSubmitted("q1", "question", "HCM", "d-lan", "Nguyễn Thị Lan", "Hỏi về thủ tục", "Chuyển đổi số",
                "discussion", null, false, false));

        var q = spec.State.QandA.Question("q1")!;
        Assert.Equal(QuestionStatus.Pending, q.Status);
        Assert.False(q.Public);
    }

    [Fact]
    public void GivenReviewOff_WhenADelegateProposes_ThenItIsPublishedInTheSameCommand()
    {
        var spec = QandAOpen().Given(new QandAConfigured(false, false, false, [], 5));
        var at = spec.Now;
        spec.When(Ask("p1", Binh, "Đề xuất mở rộng dịch vụ công", kind: "proposal"), Binh)
            .Then(new QuestionSubmitted("p1", "proposal", "DNG", "d-binh", "Lê Văn Bình", "Đề xuất mở rộng dịch vụ công", null,
                    "discussion", null, false, false),
                new QuestionPublished("p1", "proposal", "DNG", "Lê Văn Bình", "Đề xuất mở rộng dịch vụ công", null, "discussion",
                    null, false, at, 0));
        Assert.Equal(QuestionStatus.Published, spec.State.QandA.Question("p1")!.Status);
    }

    [Fact]
    public void GivenAHost_WhenTheySubmitForTheirSite_ThenTheQuestionIsFromTheSite_NotAPerson() =>
        QandAOpen().When(Ask("q1", Spec.Host("HCM"), "Câu hỏi viết tay tại điểm cầu", anonymous: true), Spec.Host("HCM"))
            .Then(new QuestionSubmitted("q1", "question", "HCM", "host:HCM", "", "Câu hỏi viết tay tại điểm cầu", null,
                "discussion", null, false, false));

    [Fact]
    public void GivenAHost_WhenSubmittingForAnotherSite_ThenOtherSite() =>
        QandAOpen().When(Ask("q1", Lan) with { Site = "DNG" }, Spec.Host("HCM")).ThenThrows("auth.other_site");

    [Theory]
    [InlineData("reviewer")]
    [InlineData("display")]
    [InlineData("moderator")]
    public void GivenStaffOrDisplay_WhenAsking_ThenForbidden(string role) =>
        QandAOpen().When(Ask("q1", Lan), role switch
        {
            "reviewer" => Reviewer,
            "display" => Actor.Display(),
            _ => Spec.Moderator,
        }).ThenThrows("auth.forbidden");

    [Fact]
    public void GivenQandANotOpened_WhenAsking_ThenClosed() =>
        Spec.Agenda().When(Ask("q1", Lan), Lan).ThenThrows("qa.closed");

    [Fact]
    public void GivenTheItemsQandAClosed_WhenAskingAboutIt_ThenClosed_ButAnotherItemStillTakesQuestions()
    {
        var spec = QandAOpen().Given(new QandAClosed("discussion"));
        spec.When(Ask("q1", Lan), Lan).ThenThrows("qa.closed");
        spec.When(Ask("q2", Lan, item: "closing"), Lan).Then(Submitted("q2", Lan) with { ItemId = "closing" });
    }

    [Fact]
    public void GivenOpenQandA_WhenTheTextIsTooLong_ThenTooLong_AndNothingIsDecided()
    {
        var error = QandAOpen().When(Ask("q1", Lan, new string('a', QandADecider.TextMax + 1)), Lan).ThenThrows("input.too_long");
        Assert.Contains("1000", error.MessageEn);
    }

    [Theory]
    [InlineData("Câu hỏi\u0007")]
    [InlineData("Câu\u0000hỏi")]
    public void GivenOpenQandA_WhenTheTextHasControlCharacters_ThenRefused(string text) =>
        QandAOpen().When(Ask("q1", Lan, text), Lan).ThenThrows("input.control_characters");

    [Fact]
    public void GivenOpenQandA_WhenTheTextIsBlank_ThenRequired() =>
        QandAOpen().When(Ask("q1", Lan, "   "), Lan).ThenThrows("input.required");

    [Fact]
    public void GivenATopicList_WhenAskingUnderAnotherTopic_ThenUnknownTopic() =>
        QandAOpen().When(Ask("q1", Lan, topic: "Thời tiết"), Lan).ThenThrows("qa.unknown_topic");

    [Fact]
    public void GivenOpenQandA_WhenTheKindIsNeitherQuestionNorProposal_ThenUnknownKind() =>
        QandAOpen().When(Ask("q1", Lan, kind: "complaint"), Lan).ThenThrows("qa.unknown_kind");

    [Fact]
    public void GivenAnonymityNotAllowed_WhenAskingAnonymously_ThenRefused() =>
        QandAOpen().Given(new QandAConfigured(true, false, false, [], 5))
            .When(Ask("q1", Lan, anonymous: true), Lan).ThenThrows("qa.anonymous_not_allowed");

    [Fact]
    public void GivenAQuestionId_WhenItIsUsedAgain_ThenDuplicate() =>
        QandAOpen().GivenBy(Lan, Submitted("q1", Lan)).When(Ask("q1", Binh), Binh).ThenThrows("qa.duplicate_question");

    [Fact]
    public void GivenFiveQuestionsInTenMinutes_WhenASixthComes_ThenTooMany_AndTenMinutesLaterItIsTaken()
    {
        var spec = QandAOpen();
        for (var i = 1; i <= 5; i++) spec.GivenBy(Lan, Submitted($"q{i}", Lan));
        spec.When(Ask("q6", Lan), Lan).ThenThrows("qa.too_many_questions");
        spec.When(Ask("q6", Binh), Binh).Then(Submitted("q6", Binh)); // someone else is not limited by Lan
        spec.After(QandADecider.RateWindowMs).When(Ask("q7", Lan), Lan).Then(Submitted("q7", Lan));
    }

    [Fact]
    public void GivenARemovedDelegate_WhenTheyAsk_ThenRemoved() =>
        QandAOpen().Given(new DelegateJoined("d-lan", "HCM", "Nguyễn Thị Lan", null, false), new DelegateRemoved("d-lan", "HCM"))
            .When(Ask("q1", Lan), Lan).ThenThrows("delegate.removed");

    [Fact]
    public void GivenAnUnknownAgendaItem_WhenAskingAboutIt_ThenUnknownItem() =>
        QandAOpen().When(Ask("q1", Lan, item: "nope"), Lan).ThenThrows("agenda.unknown_item");

    [Fact]
    public void GivenNoCurrentItem_WhenAsking_ThenTheQuestionIsForTheWholeForum() =>
        Spec.Closed().Given(new ForumOpened("f", "Tọa đàm", Spec.Sites), new QandAOpened(null))
            .When(Ask("q1", Lan), Lan).Then(Submitted("q1", Lan) with { ItemId = null });
}
