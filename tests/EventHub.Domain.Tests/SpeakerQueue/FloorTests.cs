using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Tests.SpeakerQueue;

/// <summary>Calling speakers, giving the floor, the countdown and its controls.</summary>
public sealed class FloorTests
{
    static Spec TwoApproved() => Spec.Agenda().Given(
        QueueEvents.Requested("w", "CTO"),
        QueueEvents.Requested("a", "HCM"), QueueEvents.Approved("a", "HCM"),
        QueueEvents.Requested("b", "DNG"), QueueEvents.Approved("b", "DNG"));

    [Fact]
    public void GivenNobodySpeaking_WhenCallingNext_ThenTheFirstApprovedGetsTheItemsDefaultTime()
    {
        var spec = TwoApproved();
        spec.When(new CallNext(null, null)).Then(QueueEvents.Started("a", "HCM", 300));

        Assert.Equal("a", spec.Queue.Floor!.RequestId);
        Assert.Equal(RequestStatus.Speaking, spec.Queue.Request("a")!.Status);
        Assert.Equal(["w", "b"], spec.Queue.CurrentItem!.Queue);
    }

    [Fact]
    public void GivenSomeoneSpeaking_WhenCallingNext_ThenTheirSpeechEndsAndTheNextStarts()
    {
        var spec = TwoApproved().Given(QueueEvents.Started("a", "HCM"));
        spec.When(new CallNext("a", 120)).Then(new SpeechEnded("a"), QueueEvents.Started("b", "DNG", 120));
        Assert.Equal(RequestStatus.Done, spec.Queue.Request("a")!.Status);
        Assert.Equal("b", spec.Queue.Floor!.RequestId);
        Assert.Single(spec.Queue.Requests.Values, r => r.Status == RequestStatus.Speaking);
    }

    [Fact]
    public void GivenTwoConsolesSawTheSameSpeaker_WhenBothCallNext_ThenOnlyTheFirstWins()
    {
        var spec = TwoApproved().Given(QueueEvents.Started("a", "HCM"));
        spec.When(new CallNext("a", null)).Then(new SpeechEnded("a"), QueueEvents.Started("b", "DNG"));
        spec.When(new CallNext("a", null)).ThenThrows("queue.floor_changed");
    }

    [Fact]
    public void GivenSomeoneSpeaking_WhenCallingNextExpectingNobody_ThenFloorChanged() =>
        TwoApproved().Given(QueueEvents.Started("a", "HCM")).When(new CallNext(null, null)).ThenThrows("queue.floor_changed");

    [Fact]
    public void GivenOnlyWaitingRequests_WhenCallingNext_ThenNoNextSpeaker() =>
        Spec.Agenda().Given(QueueEvents.Requested("w", "CTO")).When(new CallNext(null, null)).ThenThrows("queue.no_next_speaker");

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    [InlineData(3601)]
    public void GivenApprovedSpeakers_WhenCallingNextWithABadLimit_ThenOutOfRange(int limit) =>
        TwoApproved().When(new CallNext(null, limit)).ThenThrows("input.out_of_range");

    [Fact]
    public void GivenAWaitingRequestOnAnotherItem_WhenGivenTheFloorDirectly_ThenItSpeaksWithThatItemsTime()
    {
        var spec = TwoApproved().Given(QueueEvents.Requested("x", "HUE", "closing"), QueueEvents.Started("a", "HCM"));
        spec.When(new GiveFloor("x", "a", null)).Then(new SpeechEnded("a"), QueueEvents.Started("x", "HUE", 120));
        Assert.True(spec.Queue.Request("x")!.Disclosed);
        Assert.Empty(spec.Queue.Item("closing")!.Queue);
    }

    [Fact]
    public void GivenADoneSpeech_WhenGivenTheFloorAgain_ThenRequestFinished() =>
        TwoApproved().Given(QueueEvents.Started("a", "HCM"), new SpeechEnded("a"))
            .When(new GiveFloor("a", null, null)).ThenThrows("queue.request_finished");

    [Fact]
    public void GivenTheSpeakerSpeaking_WhenGivenTheFloorAgain_ThenInvalidTransition() =>
        TwoApproved().Given(QueueEvents.Started("a", "HCM")).When(new GiveFloor("a", "a", null)).ThenThrows("queue.invalid_transition");

    [Fact]
    public void GivenASpeech_WhenEnded_ThenSpokenTimeExcludesPauses()
    {
        var spec = TwoApproved().Given(QueueEvents.Started("a", "HCM")).After(9_000)   // speaks 10 s
            .Given(new SpeechPaused("a")).After(59_000)                         // paused 60 s
            .Given(new SpeechResumed("a")).After(4_000);                        // speaks 5 s
        spec.When(new EndSpeech("a")).Then(new SpeechEnded("a"));

        Assert.Null(spec.Queue.Floor);
        Assert.Equal(15_000, spec.Queue.Request("a")!.SpokenMs);
        Assert.Equal("a", spec.Queue.LastSpeakerId);
    }

    [Fact]
    public void GivenNobodySpeaking_WhenEndingASpeech_ThenNotSpeaking() =>
        TwoApproved().When(new EndSpeech("a")).ThenThrows("queue.not_speaking");

    [Fact]
    public void GivenAnEndedSpeech_WhenEndedAgain_ThenRequestFinished() =>
        TwoApproved().Given(QueueEvents.Started("a", "HCM"), new SpeechEnded("a")).When(new EndSpeech("a"))
            .ThenThrows("queue.request_finished");

    [Fact]
    public void GivenASpeech_WhenPausedTwice_ThenAlreadyPaused_AndResumedTwice_ThenNotPaused()
    {
        var spec = TwoApproved().Given(QueueEvents.Started("a", "HCM"));
        spec.When(new PauseSpeech("a")).Then(new SpeechPaused("a"));
        spec.When(new PauseSpeech("a")).ThenThrows("queue.already_paused");
        spec.When(new ResumeSpeech("a")).Then(new SpeechResumed("a"));
        spec.When(new ResumeSpeech("a")).ThenThrows("queue.not_paused");
    }

    [Fact]
    public void GivenASpeech_WhenPausingAnotherRequest_ThenNotSpeaking() =>
        TwoApproved().Given(QueueEvents.Started("a", "HCM")).When(new PauseSpeech("b")).ThenThrows("queue.not_speaking");

    [Fact]
    public void GivenASpeech_WhenAHostPausesIt_ThenForbidden() =>
        TwoApproved().Given(QueueEvents.Started("a", "HCM")).When(new PauseSpeech("a"), Spec.Host("HCM")).ThenThrows("auth.forbidden");

    [Fact]
    public void GivenASpeech_WhenAddingTime_ThenTheLimitGrows()
    {
        var spec = TwoApproved().Given(QueueEvents.Started("a", "HCM"));
        spec.When(new AddTime("a", 60)).Then(new SpeechTimeAdded("a", 60));
        Assert.Equal(360, spec.Queue.Floor!.LimitSeconds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3601)]
    public void GivenASpeech_WhenAddingABadAmountOfTime_ThenOutOfRange(int seconds) =>
        TwoApproved().Given(QueueEvents.Started("a", "HCM")).When(new AddTime("a", seconds)).ThenThrows("input.out_of_range");

    [Fact]
    public void GivenASpeechAtTheMaximumLength_WhenAddingMore_ThenOutOfRange() =>
        TwoApproved().Given(QueueEvents.Started("a", "HCM", 3600), new SpeechTimeAdded("a", 3600), new SpeechTimeAdded("a", 3600))
            .When(new AddTime("a", 1)).ThenThrows("input.out_of_range");

    [Fact]
    public void GivenAFinishedSpeech_WhenReAddingTheLastSpeaker_ThenACopyIsApprovedAtTheTopOfTheCurrentList()
    {
        var spec = TwoApproved().Given(QueueEvents.Started("a", "HCM"), new SpeechEnded("a"));
        spec.When(new ReAddLastSpeaker("a2"))
            .Then(new SpeakerAdded("a2", "discussion", "HCM", "Người nói a", "Chuyên viên", "Chủ đề a", 1));
        Assert.Equal(["a2", "w", "b"], spec.Queue.CurrentItem!.Queue);
        spec.When(new ReAddLastSpeaker("a2")).ThenThrows("queue.duplicate_request");
    }

    [Fact]
    public void GivenNobodySpokeYet_WhenReAddingTheLastSpeaker_ThenNoLastSpeaker() =>
        TwoApproved().When(new ReAddLastSpeaker("x")).ThenThrows("queue.no_last_speaker");
}
