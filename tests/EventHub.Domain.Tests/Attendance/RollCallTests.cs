using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using static EventHub.Domain.Tests.Spec;

namespace EventHub.Domain.Tests.Attendance;

public sealed class RollCallTests
{
    static Actor Host(string site) => Actor.Host(site, $"Điểm cầu {site}");
    static readonly SiteCheckedIn HcmIn = new("HCM", "Mai", 40);
    static readonly SiteCheckedIn DngIn = new("DNG", "Bình", 20);
    static readonly RollCallStarted Started = new("rc-1", 60);

    /// <summary>Both sites in, roll call rc-1 started at <see cref="StartedAt"/> with a 60 s deadline.</summary>
    static Spec Running(params ForumEvent[] more) => Open([HcmIn, DngIn, Started, .. more]);
    const long StartedAt = T0 + 3_000;
    const long Deadline = StartedAt + 60_000;

    [Fact]
    public void GivenOpenForum_WhenModeratorStartsRollCall_ThenStarted() =>
        Open().When(new StartRollCall("rc-1", 60)).Then(Started);

    [Theory]
    [InlineData(9)]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(3_601)]
    public void GivenOpenForum_WhenDeadlineOutOfRange_ThenError(int seconds) =>
        Open().When(new StartRollCall("rc-1", seconds)).ThenThrows("input.out_of_range");

    [Fact]
    public void GivenOpenForum_WhenRollCallIdMissing_ThenError() =>
        Open().When(new StartRollCall(" ", 60)).ThenThrows("input.required");

    [Fact]
    public void GivenOpenForum_WhenAHostStartsRollCall_ThenForbidden() =>
        Open().When(new StartRollCall("rc-1", 60), Host("HCM")).ThenThrows("auth.forbidden");

    [Fact]
    public void GivenRunning_WhenStartingAnotherBeforeTheDeadline_ThenStillOpenError() =>
        Running().When(new StartRollCall("rc-2", 60), now: Deadline).ThenThrows("rollcall.still_open");

    [Fact]
    public void GivenRunningPastItsDeadline_WhenStartingAnother_ThenTheLastIsClosedFirst() =>
        Running(new RollCallConfirmed("rc-1", "HCM")).When(new StartRollCall("rc-2", 30), now: Deadline + 1)
            .Then(new RollCallClosed("rc-1", ["HCM"], ["CTO", "DNG", "HPG", "HUE"]), new RollCallStarted("rc-2", 30));

    [Fact]
    public void GivenAnEarlierRollCall_WhenStartingWithTheSameId_ThenDuplicateError() =>
        Running(new RollCallClosed("rc-1", [], Sites)).When(new StartRollCall("rc-1", 60)).ThenThrows("rollcall.duplicate");

    [Fact]
    public void GivenRunning_WhenHostConfirmsInTime_ThenConfirmed() =>
        Running().When(new ConfirmRollCall("HCM", "rc-1"), Host("HCM"), now: Deadline).Then(new RollCallConfirmed("rc-1", "HCM"));

    [Fact]
    public void GivenRunning_WhenHostConfirmsAfterTheDeadline_ThenClosedError() =>
        Running().When(new ConfirmRollCall("HCM", "rc-1"), Host("HCM"), now: Deadline + 1).ThenThrows("rollcall.closed");

    [Fact]
    public void GivenClosed_WhenHostConfirms_ThenClosedError() =>
        Running(new RollCallClosed("rc-1", [], Sites)).When(new ConfirmRollCall("HCM", "rc-1"), Host("HCM"), now: StartedAt + 1)
            .ThenThrows("rollcall.closed");

    [Fact]
    public void GivenConfirmed_WhenHostConfirmsAgain_ThenNothing() =>
        Running(new RollCallConfirmed("rc-1", "HCM")).When(new ConfirmRollCall("HCM", "rc-1"), Host("HCM")).ThenNothing();

    [Fact]
    public void GivenRunning_WhenHostConfirmsForAnotherSite_ThenOtherSiteError() =>
        Running().When(new ConfirmRollCall("DNG", "rc-1"), Host("HCM")).ThenThrows("auth.other_site");

    [Fact]
    public void GivenRunning_WhenANotCheckedInSiteConfirms_ThenNotCheckedInError() =>
        Running().When(new ConfirmRollCall("HUE", "rc-1"), Host("HUE")).ThenThrows("attendance.not_checked_in");

    [Theory]
    [InlineData(Role.Moderator)]
    [InlineData(Role.Delegate)]
    [InlineData(Role.Display)]
    public void GivenRunning_WhenNotAHostConfirms_ThenForbidden(Role role) =>
        Running().When(new ConfirmRollCall("HCM", "rc-1"), new Actor(role, "HCM", "x", "x")).ThenThrows("auth.forbidden");

    [Fact]
    public void GivenRunning_WhenConfirmingAnUnknownRollCall_ThenUnknownError() =>
        Running().When(new ConfirmRollCall("HCM", "rc-9"), Host("HCM")).ThenThrows("rollcall.unknown");

    [Fact]
    public void GivenTwoAnswers_WhenModeratorCloses_ThenClosedWithAnsweredInOrderAndEveryOtherSiteMissing() =>
        Running(new RollCallConfirmed("rc-1", "HCM"), new RollCallConfirmed("rc-1", "DNG")).When(new CloseRollCall("rc-1"))
            .Then(new RollCallClosed("rc-1", ["HCM", "DNG"], ["CTO", "HPG", "HUE"]));

    [Fact]
    public void GivenClosed_WhenClosedAgain_ThenNothing() =>
        Running(new RollCallClosed("rc-1", [], Sites)).When(new CloseRollCall("rc-1")).ThenNothing();

    [Fact]
    public void GivenNoRollCall_WhenClosing_ThenUnknownError() =>
        Open().When(new CloseRollCall("rc-1")).ThenThrows("rollcall.unknown");

    [Fact]
    public void GivenAHostCloses_ThenForbidden() =>
        Running().When(new CloseRollCall("rc-1"), Host("HCM")).ThenThrows("auth.forbidden");

    [Fact]
    public void GivenConfirmations_StateKeepsWhoAnsweredWhenAndTheDeadline()
    {
        var state = Running(new RollCallConfirmed("rc-1", "DNG")).State.Attendance;
        var rollCall = Assert.Single(state.RollCalls);
        Assert.Equal(StartedAt, rollCall.StartedAt);
        Assert.Equal(Deadline, rollCall.DeadlineAt);
        Assert.Equal(StartedAt + 1_000, rollCall.Confirmed["DNG"]);
        Assert.Same(rollCall, state.UnclosedRollCall);
    }
}
