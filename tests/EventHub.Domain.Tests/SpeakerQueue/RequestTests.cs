using EventHub.Domain.Forum;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Tests.SpeakerQueue;

public sealed class RequestTests
{
    static RequestFloor Ask(string id, string site, string speaker = "Trần Văn An", string topic = "Chuyển đổi số",
        string? item = null) => new(id, site, item, speaker, "Sở Nội vụ", topic);

    // ---- request the floor ----

    [Fact]
    public void GivenAnOpenList_WhenAHostRequestsForTheirSite_ThenTheRequestWaitsAtTheEnd()
    {
        var spec = Spec.Agenda().Given(QueueEvents.Requested("a", "DNG"));

        spec.When(Ask("b", "HCM", " Trần  Văn An "), Spec.Host("HCM"))
            .Then(new FloorRequested("b", "discussion", "HCM", "Trần  Văn An", "Sở Nội vụ", "Chuyển đổi số"));

        Assert.Equal(["a", "b"], spec.Queue.CurrentItem!.Queue);
        Assert.Equal(RequestStatus.Waiting, spec.Queue.Request("b")!.Status);
        Assert.Equal(spec.Now - 1_000, spec.Queue.Request("b")!.RequestedAt);
    }

    [Fact]
    public void GivenAnItem_WhenRequestingForANamedItem_ThenItGoesOnThatItemsList()
    {
        var spec = Spec.Agenda();
        spec.When(Ask("b", "HCM", item: "closing"), Spec.Host("HCM"))
            .Then(new FloorRequested("b", "closing", "HCM", "Trần Văn An", "Sở Nội vụ", "Chuyển đổi số"));
        Assert.Equal(["b"], spec.Queue.Item("closing")!.Queue);
    }

    [Fact]
    public void GivenAHost_WhenRequestingForAnotherSite_ThenOtherSite() =>
        Spec.Agenda().When(Ask("b", "DNG"), Spec.Host("HCM")).ThenThrows("auth.other_site");

    [Theory]
    [InlineData("delegate")]
    [InlineData("display")]
    public void GivenAnOpenList_WhenADelegateOrDisplayRequests_ThenForbidden(string role) =>
        Spec.Agenda().When(Ask("b", "HCM"), role == "delegate" ? Actor.Delegate("HCM", "Lan", "d1") : Actor.Display())
            .ThenThrows("auth.forbidden");

    [Fact]
    public void GivenAnOpenList_WhenRequestingForAnUnknownSite_ThenUnknownSite() =>
        Spec.Agenda().When(Ask("b", "XYZ")).ThenThrows("site.unknown");

    [Fact]
    public void GivenAClosedList_WhenAHostRequests_ThenListClosedWithAClearMessage()
    {
        var error = Spec.Agenda().Given(new ListClosed("discussion")).When(Ask("b", "HCM"), Spec.Host("HCM"))
            .ThenThrows("queue.list_closed");
        Assert.Contains("Thảo luận", error.Message);
        Assert.Contains("closed", error.MessageEn);
    }

    [Fact]
    public void GivenOnePerSite_WhenASiteAsksTwice_ThenAlreadyQueued() =>
        Spec.Agenda().Given(QueueEvents.Requested("a", "HCM")).When(Ask("b", "HCM"), Spec.Host("HCM"))
            .ThenThrows("queue.site_already_queued");

    [Fact]
    public void GivenSeveralPerSite_WhenASiteAsksTwice_ThenBothWait()
    {
        var spec = Spec.Agenda().Given(new ListOptionsSet("discussion", 300, false), QueueEvents.Requested("a", "HCM"));
        spec.When(Ask("b", "HCM"), Spec.Host("HCM"))
            .Then(new FloorRequested("b", "discussion", "HCM", "Trần Văn An", "Sở Nội vụ", "Chuyển đổi số"));
    }

    [Fact]
    public void GivenASitesRequestFinished_WhenItAsksAgain_ThenItIsAccepted() =>
        Spec.Agenda().Given(QueueEvents.Requested("a", "HCM"), new RequestWithdrawn("a", "HCM"))
            .When(Ask("b", "HCM"), Spec.Host("HCM"))
            .Then(new FloorRequested("b", "discussion", "HCM", "Trần Văn An", "Sở Nội vụ", "Chuyển đổi số"));

    [Fact]
    public void GivenARequest_WhenTheSameRequestIdComesAgain_ThenDuplicateRequest() =>
        Spec.Agenda().Given(new ListOptionsSet("discussion", 300, false), QueueEvents.Requested("a", "HCM"))
            .When(Ask("a", "HCM"), Spec.Host("HCM")).ThenThrows("queue.duplicate_request");

    [Theory]
    [InlineData("", "Chủ đề", "input.required")]
    [InlineData("An", "", "input.required")]
    [InlineData("An", "  ", "input.required")]
    [InlineData("An\nB", "Chủ đề", "input.control_characters")]
    [InlineData("An", "Chủ\u0000đề", "input.control_characters")]
    [InlineData("Lê Văn \u202Eníhn", "Chủ đề", "input.control_characters")]
    [InlineData("An\u200B", "Chủ đề", "input.control_characters")]
    [InlineData("An", "Chủ\u2028đề", "input.control_characters")]
    [InlineData("An", "\uFEFFChủ đề", "input.control_characters")]
    public void GivenAnOpenList_WhenSpeakerOrTopicIsBad_ThenClearError(string speaker, string topic, string code) =>
        Spec.Agenda().When(Ask("b", "HCM", speaker, topic), Spec.Host("HCM")).ThenThrows(code);

    [Fact]
    public void GivenAnOpenList_WhenSpeakerNameIsTooLong_ThenTooLong() =>
        Spec.Agenda().When(Ask("b", "HCM", new string('á', 121)), Spec.Host("HCM")).ThenThrows("input.too_long");

    [Fact]
    public void GivenAnOpenList_WhenTopicIsTooLong_ThenTooLong() =>
        Spec.Agenda().When(Ask("b", "HCM", topic: new string('x', 301)), Spec.Host("HCM")).ThenThrows("input.too_long");

    [Fact]
    public void GivenAnOpenList_WhenTheNameIsDecomposed_ThenItIsStoredAsNfc()
    {
        var spec = Spec.Agenda();
        spec.When(Ask("b", "HCM", "Hòa".Normalize(System.Text.NormalizationForm.FormD)), Spec.Host("HCM"))
            .Then(new FloorRequested("b", "discussion", "HCM", "Hòa".Normalize(), "Sở Nội vụ", "Chuyển đổi số"));
    }

    [Fact]
    public void GivenNoSuchItem_WhenRequesting_ThenUnknownItem() =>
        Spec.Agenda().When(Ask("b", "HCM", item: "nope"), Spec.Host("HCM")).ThenThrows("agenda.unknown_item");

    // ---- withdraw ----

    [Fact]
    public void GivenAWaitingRequest_WhenItsHostWithdraws_ThenItLeavesTheList()
    {
        var spec = Spec.Agenda().Given(QueueEvents.Requested("a", "HCM"), QueueEvents.Requested("b", "DNG"));
        spec.When(new WithdrawRequest("a"), Spec.Host("HCM")).Then(new RequestWithdrawn("a", "HCM"));
        Assert.Equal(["b"], spec.Queue.CurrentItem!.Queue);
        Assert.Equal(RequestStatus.Withdrawn, spec.Queue.Request("a")!.Status);
    }

    [Fact]
    public void GivenAnApprovedRequest_WhenItsHostWithdraws_ThenWithdrawn() =>
        Spec.Agenda().Given(QueueEvents.Requested("a", "HCM"), QueueEvents.Approved("a", "HCM"))
            .When(new WithdrawRequest("a"), Spec.Host("HCM")).Then(new RequestWithdrawn("a", "HCM"));

    [Fact]
    public void GivenAnotherSitesRequest_WhenAHostWithdrawsIt_ThenOtherSite() =>
        Spec.Agenda().Given(QueueEvents.Requested("a", "DNG")).When(new WithdrawRequest("a"), Spec.Host("HCM"))
            .ThenThrows("auth.other_site");

    [Fact]
    public void GivenAWithdrawnRequest_WhenWithdrawnAgain_ThenRequestFinished() =>
        Spec.Agenda().Given(QueueEvents.Requested("a", "HCM"), new RequestWithdrawn("a", "HCM"))
            .When(new WithdrawRequest("a"), Spec.Host("HCM")).ThenThrows("queue.request_finished");

    [Fact]
    public void GivenASpeakingRequest_WhenItsHostWithdraws_ThenInvalidTransition() =>
        Spec.Agenda().Given(QueueEvents.Requested("a", "HCM"), QueueEvents.Started("a", "HCM"))
            .When(new WithdrawRequest("a"), Spec.Host("HCM")).ThenThrows("queue.invalid_transition");

    [Fact]
    public void GivenAHallSpeaker_WhenTheModeratorWithdrawsIt_ThenHallSpeaker() =>
        Spec.Agenda().Given(QueueEvents.Hall("h", 1)).When(new WithdrawRequest("h")).ThenThrows("queue.hall_speaker");

    [Fact]
    public void GivenNoSuchRequest_WhenWithdrawing_ThenUnknownRequest() =>
        Spec.Agenda().When(new WithdrawRequest("nope"), Spec.Host("HCM")).ThenThrows("queue.unknown_request");

    // ---- moderator adds ----

    [Fact]
    public void GivenAClosedList_WhenTheModeratorAddsAHallSpeakerAtTheTop_ThenItIsApprovedAndFirst()
    {
        var spec = Spec.Agenda().Given(QueueEvents.Requested("a", "HCM"), new ListClosed("discussion"));
        spec.When(new AddSpeaker("h", null, null, "Ngô Văn Cương", "Bí thư", null, 1))
            .Then(new SpeakerAdded("h", "discussion", null, "Ngô Văn Cương", "Bí thư", null, 1));
        Assert.Equal(["h", "a"], spec.Queue.CurrentItem!.Queue);
        Assert.Equal(RequestStatus.Approved, spec.Queue.Request("h")!.Status);
        Assert.True(spec.Queue.Request("h")!.Disclosed);
    }

    [Fact]
    public void GivenAList_WhenTheModeratorInvitesASite_ThenItIsAppendedWithTheSiteCodeUppercased() =>
        Spec.Agenda().Given(QueueEvents.Requested("a", "HCM"))
            .When(new AddSpeaker("s", null, "dng", "Lê Thị Hoa", null, "Kinh nghiệm", null))
            .Then(new SpeakerAdded("s", "discussion", "DNG", "Lê Thị Hoa", null, "Kinh nghiệm", 2));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void GivenOneQueued_WhenTheModeratorAddsAtAPositionThatDoesNotExist_ThenNoSuchPosition(int position) =>
        Spec.Agenda().Given(QueueEvents.Requested("a", "HCM"))
            .When(new AddSpeaker("s", null, null, "An", null, null, position)).ThenThrows("queue.no_such_position");

    [Fact]
    public void GivenAnOpenList_WhenTheModeratorAddsForAnUnknownSite_ThenUnknownSite() =>
        Spec.Agenda().When(new AddSpeaker("s", null, "XYZ", "An", null, null, null)).ThenThrows("site.unknown");

    [Fact]
    public void GivenAnOpenList_WhenAHostAddsASpeakerDirectly_ThenForbidden() =>
        Spec.Agenda().When(new AddSpeaker("s", null, "HCM", "An", null, null, null), Spec.Host("HCM"))
            .ThenThrows("auth.forbidden");

    // ---- approve / decline ----

    [Fact]
    public void GivenAWaitingRequest_WhenApproved_ThenTheEventCarriesTheDetails()
    {
        var spec = Spec.Agenda().Given(QueueEvents.Requested("a", "HCM"));
        spec.When(new ApproveRequest("a")).Then(QueueEvents.Approved("a", "HCM"));
        Assert.Equal(RequestStatus.Approved, spec.Queue.Request("a")!.Status);
        spec.When(new ApproveRequest("a")).ThenThrows("queue.invalid_transition");
    }

    [Fact]
    public void GivenAWaitingRequest_WhenItsHostApprovesIt_ThenForbidden() =>
        Spec.Agenda().Given(QueueEvents.Requested("a", "HCM")).When(new ApproveRequest("a"), Spec.Host("HCM"))
            .ThenThrows("auth.forbidden");

    [Fact]
    public void GivenADeclinedRequest_WhenApproved_ThenRequestFinished() =>
        Spec.Agenda().Given(QueueEvents.Requested("a", "HCM"), new RequestDeclined("a", "HCM", null))
            .When(new ApproveRequest("a")).ThenThrows("queue.request_finished");

    [Fact]
    public void GivenAWaitingRequest_WhenDeclinedWithAReason_ThenItLeavesTheListWithTheReason()
    {
        var spec = Spec.Agenda().Given(QueueEvents.Requested("a", "HCM"));
        spec.When(new DeclineRequest("a", " Hết thời gian ")).Then(new RequestDeclined("a", "HCM", "Hết thời gian"));
        Assert.Empty(spec.Queue.CurrentItem!.Queue);
        Assert.Equal("Hết thời gian", spec.Queue.Request("a")!.DeclineReason);
    }

    [Fact]
    public void GivenAWaitingRequest_WhenTheReasonHasControlCharacters_ThenError() =>
        Spec.Agenda().Given(QueueEvents.Requested("a", "HCM")).When(new DeclineRequest("a", "a\u001bb"))
            .ThenThrows("input.control_characters");

    [Fact]
    public void GivenAHallSpeaker_WhenDeclined_ThenHallSpeaker() =>
        Spec.Agenda().Given(QueueEvents.Hall("h", 1)).When(new DeclineRequest("h", null)).ThenThrows("queue.hall_speaker");

    [Fact]
    public void GivenADoneSpeech_WhenDeclined_ThenRequestFinished() =>
        Spec.Agenda().Given(QueueEvents.Requested("a", "HCM"), QueueEvents.Started("a", "HCM"), new SpeechEnded("a"))
            .When(new DeclineRequest("a", null)).ThenThrows("queue.request_finished");
}
