using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Tests.SpeakerQueue;

public sealed class CountdownTests
{
    const long T0 = 1_000_000;

    [Fact]
    public void GivenASpeechOf60s_WhenTenSecondsPass_Then50sRemain() =>
        Assert.Equal(50_000, new Speech("a", T0, 60, null, 0).RemainingMs(T0 + 10_000));

    [Fact]
    public void GivenAPausedSpeech_WhenTimePasses_ThenTheCountdownIsFrozen()
    {
        var speech = new Speech("a", T0, 60, T0 + 20_000, 0);
        Assert.Equal(40_000, speech.RemainingMs(T0 + 20_000));
        Assert.Equal(40_000, speech.RemainingMs(T0 + 500_000));
    }

    [Fact]
    public void GivenPausesAndAddedTime_WhenComputingRemaining_ThenBothCount()
    {
        // 60 s + 30 s added, 15 s of earlier pauses, 100 s on the wall clock: 90 − (100 − 15) = 5 s left.
        var speech = new Speech("a", T0, 90, null, 15_000);
        Assert.Equal(5_000, speech.RemainingMs(T0 + 100_000));
    }

    [Fact]
    public void GivenTheStateDuringASpeech_WhenAskingRemaining_ThenItGoesNegativeInOvertime()
    {
        var spec = Spec.Agenda().Given(QueueEvents.Requested("a", "HCM"), QueueEvents.Started("a", "HCM", 60));
        var started = spec.Queue.Floor!.StartedAt;
        Assert.Equal(-5_000, spec.Queue.Remaining(started + 65_000));
        Assert.Null(Spec.Agenda().Queue.Remaining(started));
    }

    [Theory]
    [InlineData(120_000, CountdownPhase.Running)]
    [InlineData(30_000, CountdownPhase.Running)]
    [InlineData(29_999, CountdownPhase.Warning)]
    [InlineData(0, CountdownPhase.Warning)]
    [InlineData(-1, CountdownPhase.Overtime)]
    [InlineData(-600_000, CountdownPhase.Overtime)]
    public void GivenRemainingTime_WhenAskingThePhase_ThenWarningInTheLast30sAndOvertimeAfterZero(long remaining,
        CountdownPhase phase) => Assert.Equal(phase, Countdown.Phase(remaining));
}
