using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using static EventHub.Domain.Tests.Spec;

namespace EventHub.Domain.Tests.Attendance;

public sealed class AttendanceReportTests
{
    static AttendanceReport Project(params (ForumEvent Event, long At)[] events) =>
        AttendanceReport.Project(
            new (ForumEvent, long)[] { (Opened, T0) }.Concat(events)
                .Select((e, i) => (e.Item1, new EventContext(i + 1, e.Item2, Actor.Moderator()))),
            new Dictionary<string, string> { ["HCM"] = "TP. Hồ Chí Minh" });

    [Fact]
    public void GivenOnlyTheOpening_EverySiteHasAnEmptyRow()
    {
        var report = Project();
        Assert.Equal(Opened.ForumId, report.ForumId);
        Assert.Equal(Sites.Order(StringComparer.Ordinal), report.Sites.Select(s => s.Site));
        Assert.Equal("TP. Hồ Chí Minh", report.Sites.Single(s => s.Site == "HCM").Name);
        Assert.Equal("DNG", report.Sites.Single(s => s.Site == "DNG").Name);
        Assert.All(report.Sites, s => Assert.Empty(s.Spells));
    }

    [Fact]
    public void GivenTwoStays_ThenBothSpellsAndTheHeadcountHistory()
    {
        var hcm = Project(
            (new SiteCheckedIn("HCM", "Mai", 40), T0 + 1_000),
            (new HeadcountUpdated("HCM", 55), T0 + 2_000),
            (new SiteCheckedOut("HCM"), T0 + 3_000),
            (new SiteCheckedIn("HCM", "Nam", 12), T0 + 4_000)).Sites.Single(s => s.Site == "HCM");

        Assert.Equal([new ReportSpell(T0 + 1_000, "Mai", 40, T0 + 3_000), new ReportSpell(T0 + 4_000, "Nam", 12, null)], hcm.Spells);
        Assert.Equal([new ReportHeadcount(T0 + 1_000, 40), new ReportHeadcount(T0 + 2_000, 55), new ReportHeadcount(T0 + 4_000, 12)],
            hcm.Headcounts);
    }

    [Fact]
    public void GivenDelegatesRemovedAndReadmitted_ThenTheirHistoryIsKept()
    {
        var hcm = Project(
            (new DelegateJoined("d-1", "HCM", "Võ Thị Sáu", "Sở Y tế", true), T0 + 1_000),
            (new DelegateRemoved("d-1", "HCM"), T0 + 2_000),
            (new DelegateReadmitted("d-1", "HCM"), T0 + 3_000)).Sites.Single(s => s.Site == "HCM");

        Assert.Equal([new ReportDelegate("d-1", "Võ Thị Sáu", "Sở Y tế", true, T0 + 1_000, T0 + 2_000, T0 + 3_000)], hcm.Delegates);
    }

    [Fact]
    public void GivenARollCall_ThenEverySiteShowsWhenItAnsweredOrThatItDidNot()
    {
        var report = Project(
            (new RollCallStarted("rc-1", 60), T0 + 1_000),
            (new RollCallConfirmed("rc-1", "HUE"), T0 + 5_000),
            (new RollCallClosed("rc-1", ["HUE"], ["DNG", "HCM", "HPG"]), T0 + 70_000));

        Assert.Equal(new ReportRollCall("rc-1", T0 + 1_000, T0 + 61_000, T0 + 5_000), report.Sites.Single(s => s.Site == "HUE").RollCalls.Single());
        Assert.Null(report.Sites.Single(s => s.Site == "HCM").RollCalls.Single().AnsweredAt);
    }

    [Fact]
    public void GivenAHostLostAndBack_ThenTheAlertIsInTheReport() =>
        Assert.Equal([new ReportHostAlert(T0 + 61_000, T0 + 1_000, T0 + 90_000)], Project(
            (new SiteCheckedIn("HCM", "Mai", 40), T0 + 500),
            (new SiteHostLost("HCM", T0 + 1_000), T0 + 61_000),
            (new SiteHostBack("HCM"), T0 + 90_000)).Sites.Single(s => s.Site == "HCM").HostAlerts);
}
