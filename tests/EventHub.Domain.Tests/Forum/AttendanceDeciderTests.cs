using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;

namespace EventHub.Domain.Tests.Forum;

/// <summary>The foundation's attendance rules: check-in, headcount, check-out, delegates joining.</summary>
public sealed class AttendanceDeciderTests
{
    static readonly Actor HcmHost = Actor.Host("HCM", "Điểm cầu HCM");

    [Fact]
    public void GivenAnOpenForum_WhenAHostChecksInTheirSite_ThenTheSiteIsCheckedIn() =>
        Spec.Open().By(HcmHost).When(new CheckIn("HCM", "  Nguyễn Thị Mai ", 40)).Then(new SiteCheckedIn("HCM", "Nguyễn Thị Mai", 40));

    [Fact]
    public void GivenAnOpenForum_WhenAHostChecksInAnotherSite_ThenItIsRefused() =>
        Spec.Open().By(HcmHost).When(new CheckIn("DNG", "Lê Văn Bình", 5)).ThenFails("auth.other_site");

    [Fact]
    public void GivenAnOpenForum_WhenTheModeratorChecksInASite_ThenItIsAllowed() =>
        Spec.Open().When(new CheckIn("DNG", "Lê Văn Bình", 5)).Then(new SiteCheckedIn("DNG", "Lê Văn Bình", 5));

    [Theory]
    [InlineData(Role.Delegate)]
    [InlineData(Role.Display)]
    public void GivenAnOpenForum_WhenAReadOnlyRoleChecksIn_ThenItIsForbidden(Role role) =>
        Spec.Open().By(new Actor(role, "HCM", "x", "x")).When(new CheckIn("HCM", "x", 5)).ThenFails("auth.forbidden");

    [Fact]
    public void GivenACheckedInSite_WhenItChecksInAgain_ThenItFails() =>
        Spec.Open().Given(new SiteCheckedIn("HCM", "A", 5)).When(new CheckIn("HCM", "A", 5)).ThenFails("attendance.already_checked_in");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(5_001)]
    public void GivenAnOpenForum_WhenTheHeadcountIsZeroNegativeOrAbsurd_ThenItFails(int headcount) =>
        Spec.Open().When(new CheckIn("HCM", "A", headcount)).ThenFails("input.out_of_range");

    [Theory]
    [InlineData("", "input.required")]
    [InlineData(" \t ", "input.required")]
    [InlineData("Tên\u001bthoát", "input.control_characters")]
    public void GivenAnOpenForum_WhenTheLeadNameIsBad_ThenItFails(string lead, string code) =>
        Spec.Open().When(new CheckIn("HCM", lead, 5)).ThenFails(code);

    [Fact]
    public void GivenAnOpenForum_WhenTheLeadNameIsOverLong_ThenItFails() =>
        Spec.Open().When(new CheckIn("HCM", new string('ă', Text.NameMax + 1), 5)).ThenFails("input.too_long");

    [Fact]
    public void GivenACheckedInSite_WhenTheHeadcountChanges_ThenItIsRecorded() =>
        Spec.Open().Given(new SiteCheckedIn("HCM", "A", 5)).When(new UpdateHeadcount("HCM", 12)).Then(new HeadcountUpdated("HCM", 12));

    [Fact]
    public void GivenACheckedInSite_WhenTheSameHeadcountIsSent_ThenNothingHappens() =>
        Spec.Open().Given(new SiteCheckedIn("HCM", "A", 5)).When(new UpdateHeadcount("HCM", 5)).ThenNothing();

    [Fact]
    public void GivenACheckedInSite_WhenTheHeadcountDropsToZero_ThenItFails() =>
        Spec.Open().Given(new SiteCheckedIn("HCM", "A", 5)).When(new UpdateHeadcount("HCM", 0)).ThenFails("input.out_of_range");

    [Fact]
    public void GivenASiteNotCheckedIn_WhenTheHeadcountIsUpdated_ThenItFails() =>
        Spec.Open().When(new UpdateHeadcount("HCM", 5)).ThenFails("attendance.not_checked_in");

    [Fact]
    public void GivenASiteNotCheckedIn_WhenItChecksOut_ThenItFails() =>
        Spec.Open().When(new CheckOut("HCM")).ThenFails("attendance.not_checked_in");

    [Fact]
    public void GivenACheckedInSite_WhenItChecksOut_ThenItIsCheckedOut() =>
        Spec.Open().Given(new SiteCheckedIn("HCM", "A", 5)).When(new CheckOut("HCM")).Then(new SiteCheckedOut("HCM"));

    [Fact]
    public void GivenACheckOut_WhenTheSiteChecksInAgain_ThenTheHistoryHoldsBothSpells()
    {
        var spec = Spec.Open().Given(new SiteCheckedIn("HCM", "A", 5), new SiteCheckedOut("HCM"));
        spec.When(new CheckIn("HCM", "B", 7)).Then(new SiteCheckedIn("HCM", "B", 7));

        var state = spec.Given(new SiteCheckedIn("HCM", "B", 7)).State();
        var site = state.Attendance.Site("HCM");
        Assert.Equal(["A", "B"], site.Spells.Select(s => s.Lead));
        Assert.NotNull(site.Spells[0].CheckedOutAt);
        Assert.Null(site.Spells[1].CheckedOutAt);
        Assert.Equal(7, site.Headcount);
    }

    [Fact]
    public void GivenAnOpenForum_WhenADelegateJoins_ThenTheJoinIsRecordedWithNormalisedText()
    {
        var decomposed = "Trần Thị Hòa".Normalize(System.Text.NormalizationForm.FormD);
        Spec.Open().By(Actor.Delegate("HCM", decomposed, "d-1"))
            .When(new JoinAsDelegate("HCM", "d-1", decomposed, " Sở Nội vụ ", true) { Recognised = true })
            .Then(new DelegateJoined("d-1", "HCM", "Trần Thị Hòa", "Sở Nội vụ", true));
    }

    [Fact]
    public void GivenAJoinedDelegate_WhenTheSameNameJoinsInAnotherCaseOrForm_ThenNothingNewHappens() =>
        Spec.Open().Given(new DelegateJoined("d-1", "HCM", "Trần Thị Hòa", null, false))
            .By(Actor.Delegate("HCM", "x", "d-2"))
            .When(new JoinAsDelegate("HCM", "d-2", "TRẦN THỊ HÒA".Normalize(System.Text.NormalizationForm.FormD), null, false))
            .ThenNothing();

    [Fact]
    public void GivenAnOpenForum_WhenADelegateJoinsAnotherSite_ThenItIsRefused() =>
        Spec.Open().By(Actor.Delegate("HCM", "x", "d-1")).When(new JoinAsDelegate("DNG", "d-1", "x", null, false)).ThenFails("auth.other_site");
}
