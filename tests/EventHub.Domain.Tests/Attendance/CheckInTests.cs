using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using static EventHub.Domain.Tests.Spec;

namespace EventHub.Domain.Tests.Attendance;

public sealed class CheckInTests
{
    static Actor Host(string site) => Actor.Host(site, $"Điểm cầu {site}");
    static readonly SiteCheckedIn In = new("HCM", "Nguyễn Thị Mai", 40);

    [Fact]
    public void GivenOpenForum_WhenHostChecksIn_ThenCheckedIn() =>
        Open().When(new CheckIn("HCM", "Nguyễn Thị Mai", 40), Host("HCM")).Then(In);

    [Fact]
    public void GivenOpenForum_WhenHostChecksInAnotherSite_ThenOtherSiteError() =>
        Open().When(new CheckIn("DNG", "Lê Văn Bình", 40), Host("HCM")).ThenThrows("auth.other_site");

    [Fact]
    public void GivenOpenForum_WhenTheModeratorChecksInASite_ThenCheckedIn() =>
        Open().When(new CheckIn("DNG", "Lê Văn Bình", 5)).Then(new SiteCheckedIn("DNG", "Lê Văn Bình", 5));

    [Fact]
    public void GivenOpenForum_WhenCheckingInAnUnknownSite_ThenError() =>
        Open().When(new CheckIn("XYZ", "Lê Văn Bình", 40)).ThenThrows("site.unknown");

    [Fact]
    public void GivenCheckedIn_WhenCheckingInAgain_ThenError() =>
        Open(In).When(new CheckIn("HCM", "Nguyễn Thị Mai", 40), Host("HCM")).ThenThrows("attendance.already_checked_in");

    [Fact]
    public void GivenOpenForum_WhenCheckingOutBeforeCheckIn_ThenError() =>
        Open().When(new CheckOut("HCM"), Host("HCM")).ThenThrows("attendance.not_checked_in");

    [Fact]
    public void GivenCheckedIn_WhenCheckingOut_ThenCheckedOut() =>
        Open(In).When(new CheckOut("HCM"), Host("HCM")).Then(new SiteCheckedOut("HCM"));

    [Fact]
    public void GivenCheckedOut_WhenCheckingInAgain_ThenCheckedIn() =>
        Open(In, new SiteCheckedOut("HCM")).When(new CheckIn("HCM", "Trần Văn Nam", 12), Host("HCM"))
            .Then(new SiteCheckedIn("HCM", "Trần Văn Nam", 12));

    [Fact]
    public void GivenTwoStays_StateShowsBothSpellsWithTheirTimes()
    {
        var spec = Open(In, new SiteCheckedOut("HCM"), new SiteCheckedIn("HCM", "Trần Văn Nam", 12));
        var site = spec.State.Attendance.Site("HCM");
        Assert.True(site.CheckedIn);
        Assert.Equal(
            [new AttendanceSpell(T0 + 1_000, "Nguyễn Thị Mai", T0 + 2_000), new AttendanceSpell(T0 + 3_000, "Trần Văn Nam", null)],
            site.Spells);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(5_001)]
    [InlineData(int.MaxValue)]
    public void GivenOpenForum_WhenCheckingInWithABadHeadcount_ThenOutOfRange(int headcount) =>
        Open().When(new CheckIn("HCM", "Mai", headcount), Host("HCM")).ThenThrows("input.out_of_range");

    [Theory]
    [InlineData("", "input.required")]
    [InlineData("   ", "input.required")]
    [InlineData("Mai\u0000", "input.control_characters")]
    public void GivenOpenForum_WhenCheckingInWithABadLead_ThenError(string lead, string code) =>
        Open().When(new CheckIn("HCM", lead, 10), Host("HCM")).ThenThrows(code);

    [Fact]
    public void GivenOpenForum_WhenLeadTooLong_ThenError() =>
        Open().When(new CheckIn("HCM", new string('x', 121), 10), Host("HCM")).ThenThrows("input.too_long");

    [Theory]
    [InlineData(-5)]
    [InlineData(0)]
    [InlineData(5_001)]
    public void GivenCheckedIn_WhenHeadcountIsNegativeZeroOrAbsurd_ThenOutOfRange(int headcount) =>
        Open(In).When(new UpdateHeadcount("HCM", headcount), Host("HCM")).ThenThrows("input.out_of_range");

    [Fact]
    public void GivenCheckedIn_WhenHeadcountChanges_ThenUpdated() =>
        Open(In).When(new UpdateHeadcount("HCM", 5_000), Host("HCM")).Then(new HeadcountUpdated("HCM", 5_000));

    [Fact]
    public void GivenCheckedIn_WhenSameHeadcountAgain_ThenNothing() =>
        Open(In).When(new UpdateHeadcount("HCM", 40), Host("HCM")).ThenNothing();

    [Fact]
    public void GivenNotCheckedIn_WhenHeadcountUpdated_ThenError() =>
        Open().When(new UpdateHeadcount("HCM", 10), Host("HCM")).ThenThrows("attendance.not_checked_in");

    [Theory]
    [InlineData(Role.Delegate)]
    [InlineData(Role.Display)]
    public void GivenOpenForum_WhenAReadOnlyRoleChecksIn_ThenForbidden(Role role) =>
        Open().When(new CheckIn("HCM", "Mai", 10), new Actor(role, "HCM", "x", "x")).ThenThrows("auth.forbidden");

    [Fact]
    public void GivenForumNotOpen_WhenCheckingIn_ThenNotOpen() =>
        Assert.Equal("forum.not_open", Assert.Throws<ForumRuleException>(() =>
            ForumDecider.Decide(ForumState.Initial, new CheckIn("HCM", "Mai", 10), Host("HCM"), T0)).Error.Code);
}
