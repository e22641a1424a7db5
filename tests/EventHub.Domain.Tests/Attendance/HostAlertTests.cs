using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using static EventHub.Domain.Tests.Spec;

namespace EventHub.Domain.Tests.Attendance;

public sealed class HostAlertTests
{
    static readonly SiteCheckedIn In = new("HCM", "Nguyễn Thị Mai", 40);

    [Fact]
    public void GivenCheckedIn_WhenSystemReportsHostLost_ThenAlertEvent() =>
        Open(In).When(new ReportHostLost("HCM", T0 + 500), Actor.System).Then(new SiteHostLost("HCM", T0 + 500));

    [Fact]
    public void GivenHostLost_WhenReportedAgain_ThenNothing() =>
        Open(In, new SiteHostLost("HCM", T0)).When(new ReportHostLost("HCM", T0), Actor.System).ThenNothing();

    [Fact]
    public void GivenNotCheckedIn_WhenHostLost_ThenNothing() =>
        Open().When(new ReportHostLost("HCM", T0), Actor.System).ThenNothing();

    [Fact]
    public void GivenHostLost_WhenHostBack_ThenBackEvent() =>
        Open(In, new SiteHostLost("HCM", T0)).When(new ReportHostBack("HCM"), Actor.System).Then(new SiteHostBack("HCM"));

    [Fact]
    public void GivenHostNotLost_WhenHostBack_ThenNothing() =>
        Open(In).When(new ReportHostBack("HCM"), Actor.System).ThenNothing();

    [Fact]
    public void GivenHostLost_WhenSiteChecksOut_ThenNoLongerLost() =>
        Assert.False(Open(In, new SiteHostLost("HCM", T0), new SiteCheckedOut("HCM")).State.Attendance.Site("HCM").HostLost);

    [Fact]
    public void GivenCheckedIn_WhenAHostReportsItsOwnSiteLost_ThenForbidden() =>
        Open(In).When(new ReportHostLost("HCM", T0), Actor.Host("HCM", "x")).ThenThrows("auth.forbidden");
}
