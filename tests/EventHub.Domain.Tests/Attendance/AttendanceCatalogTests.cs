using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;

namespace EventHub.Domain.Tests.Attendance;

/// <summary>Every attendance event added by issue 5 has a catalog name and survives its JSON round trip.</summary>
public sealed class AttendanceCatalogTests
{
    public static TheoryData<ForumEvent> Samples => new()
    {
        new DelegateRemoved("d-1", "HCM"),
        new DelegateReadmitted("d-1", "HCM"),
        new SiteHostLost("HCM", 1_724_115_600_000),
        new SiteHostBack("HCM"),
        new RollCallStarted("rc-1", 60),
        new RollCallConfirmed("rc-1", "HCM"),
        new RollCallClosed("rc-1", ["HCM"], ["DNG", "HUE"]),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void EveryAttendanceEvent_RoundTripsThroughItsNameVersionAndJson(ForumEvent e)
    {
        var (type, version) = EventCatalog.NameOf(e);
        var back = EventCatalog.Deserialize(type, version, EventCatalog.Serialize(e));
        Assert.Equivalent(e, back, strict: true);
        Assert.Equal(e.GetType(), back.GetType());
    }
}
