using EventHub.Domain.Attendance;
using EventHub.Domain.Protocol;
using static EventHub.Domain.Tests.Spec;

namespace EventHub.Domain.Tests.Attendance;

/// <summary>A client too far behind gets a snapshot: the attendance state must survive the JSON round trip.</summary>
public sealed class AttendanceSnapshotTests
{
    [Fact]
    public void GivenRollCallsRemovalsAndAlerts_SnapshotRoundTripKeepsThem()
    {
        var state = Open(
            new SiteCheckedIn("HCM", "Mai", 40),
            new SiteHostLost("HCM", T0),
            new DelegateJoined("d-1", "HCM", "Võ Thị Sáu", null, true),
            new DelegateRemoved("d-1", "HCM"),
            new RollCallStarted("rc-1", 60),
            new RollCallConfirmed("rc-1", "HCM"),
            new RollCallClosed("rc-1", ["HCM"], ["DNG", "HPG", "HUE"])).State;

        var copy = Snapshots.Deserialize(Snapshots.Serialize(state)).Attendance;

        Assert.True(copy.Site("HCM").HostLost);
        Assert.True(copy.IsRemoved("d-1"));
        var rollCall = Assert.Single(copy.RollCalls);
        Assert.Equal(state.Attendance.RollCalls[0].Confirmed["HCM"], rollCall.Confirmed["HCM"]);
        Assert.Equal(state.Attendance.RollCalls[0].ClosedAt, rollCall.ClosedAt);
        Assert.Equal(state.Attendance.RollCalls[0].DeadlineAt, rollCall.DeadlineAt);
    }

    [Fact]
    public void SnapshotRoundTrip_KeepsOrdinalOrderOfSitesAndDelegates()
    {
        // Ordinal puts "Z" before "a"; a culture's comparer would put "a" first and disagree with a replayed fold.
        var state = Open(
            new DelegateJoined("a-1", "HCM", "An", null, false),
            new DelegateJoined("Z-1", "DNG", "Đức", null, false),
            new SiteCheckedIn("HUE", "Lan", 10),
            new SiteCheckedIn("DNG", "Hà", 12)).State;

        var copy = Snapshots.Deserialize(Snapshots.Serialize(state));

        Assert.Equal(["Z-1", "a-1"], copy.Attendance.Delegates.Keys);
        Assert.Same(StringComparer.Ordinal, copy.Attendance.Delegates.KeyComparer);
        Assert.Same(StringComparer.Ordinal, copy.Attendance.Sites.KeyComparer);
        Assert.Same(StringComparer.Ordinal, copy.Attendance.Tallies.KeyComparer);
        Assert.Same(StringComparer.Ordinal, copy.SpeakerQueue.Requests.KeyComparer);
        Assert.Same(StringComparer.Ordinal, copy.SiteCodes.KeyComparer);
        Assert.Equal(state.SiteCodes, copy.SiteCodes);
        Assert.Equal(Snapshots.Serialize(state), Snapshots.Serialize(copy));
    }
}
