using System.Text;
using CsCheck;
using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using static EventHub.Domain.Tests.Spec;

namespace EventHub.Domain.Tests.Attendance;

/// <summary>
/// An award recipient is one the organisers listed, or one the moderator or the delegate's own site host confirmed;
/// a joiner's own claim is only a claim, seen by the moderator and that host, never counted in public.
/// </summary>
public sealed class AwardeeTests
{
    static readonly DelegateJoined Claimant = new("d-1", "HCM", "Trần Văn Khoa", null, false) { AwardeeClaimed = true };
    static Actor ClaimantActor => Actor.Delegate("HCM", "Trần Văn Khoa", "d-1");

    [Fact]
    public void GivenOpenForum_WhenAJoinerClaimsAnAwardNotOnTheList_ThenAClaimNotARecipient() =>
        Open().When(new JoinAsDelegate("HCM", "d-1", "Trần Văn Khoa", null, true), ClaimantActor).Then(Claimant);

    [Fact]
    public void GivenOpenForum_WhenARecognisedNameJoins_ThenARecipientWithoutClaiming() =>
        Open().When(new JoinAsDelegate("HCM", "d-1", "Trần Văn Khoa", null, false) { Recognised = true }, ClaimantActor)
            .Then(new DelegateJoined("d-1", "HCM", "Trần Văn Khoa", null, true));

    [Fact]
    public void GivenAClaim_TheRecipientCountIsUnchanged_AndTheClaimIsOnTheRecord()
    {
        var state = Open(Claimant).State.Attendance;
        Assert.Equal(new DelegateTally(1, 0), state.Tally("HCM"));
        Assert.True(state.Delegates["d-1"].AwardeeClaimed);
        Assert.False(state.Delegates["d-1"].Awardee);
    }

    [Fact]
    public void GivenAClaim_WhenTheModeratorConfirms_ThenConfirmed_AndCounted()
    {
        var spec = Open(Claimant);
        spec.When(new ConfirmAwardee("d-1")).Then(new AwardeeConfirmed("d-1", "HCM"));
        var state = Open(Claimant, new AwardeeConfirmed("d-1", "HCM")).State.Attendance;
        Assert.Equal(new DelegateTally(1, 1), state.Tally("HCM"));
        Assert.True(state.Delegates["d-1"].Awardee);
        Assert.False(state.Delegates["d-1"].AwardeeClaimed);
    }

    [Fact]
    public void GivenAClaim_WhenTheSitesOwnHostConfirms_ThenConfirmed() =>
        Open(Claimant).When(new ConfirmAwardee("d-1"), Actor.Host("HCM", "Điểm cầu HCM")).Then(new AwardeeConfirmed("d-1", "HCM"));

    [Fact]
    public void GivenAClaim_WhenAnotherSitesHostConfirms_ThenOtherSite() =>
        Open(Claimant).When(new ConfirmAwardee("d-1"), Actor.Host("DNG", "Điểm cầu DNG")).ThenThrows("auth.other_site");

    [Theory]
    [InlineData(Role.Delegate)]
    [InlineData(Role.Display)]
    public void GivenAClaim_WhenTheDelegateOrADisplayConfirms_ThenForbidden(Role role) =>
        Open(Claimant).When(new ConfirmAwardee("d-1"), new Actor(role, "HCM", "x", "d-1")).ThenThrows("auth.forbidden");

    [Fact]
    public void GivenARecipient_WhenConfirmedAgain_ThenNothing() =>
        Open(Claimant, new AwardeeConfirmed("d-1", "HCM")).When(new ConfirmAwardee("d-1")).ThenNothing();

    [Fact]
    public void GivenARemovedClaimant_WhenConfirmed_ThenDelegateRemoved() =>
        Open(Claimant, new DelegateRemoved("d-1", "HCM")).When(new ConfirmAwardee("d-1")).ThenThrows("delegate.removed");

    [Fact]
    public void TheClaim_IsNotPublic_ButTheConfirmedCountIs()
    {
        var joined = Assert.IsType<DelegateJoined>(Visibility.Public(Claimant));
        Assert.False(joined.AwardeeClaimed);
        Assert.False(joined.Awardee);
        var confirmed = Assert.IsType<AwardeeConfirmed>(Visibility.Public(new AwardeeConfirmed("d-1", "HCM")));
        Assert.Equal("", confirmed.DelegateId);

        // The public folds the redacted events and counts the same recipients as the moderator.
        var state = ForumState.Initial;
        var seq = 0L;
        foreach (var e in new ForumEvent[] { Opened, Claimant, new AwardeeConfirmed("d-1", "HCM") })
            state = ForumState.Evolve(state, Visibility.Public(e), new EventContext(++seq, T0 + seq, Actor.Moderator()));
        Assert.Equal(new DelegateTally(1, 1), state.Attendance.Tally("HCM"));
        Assert.Empty(state.Attendance.Delegates);
    }

    static readonly string[] ListedNames = ["Nguyễn Thị Thúy Hằng", "Đặng Văn Lâm", "Hoàng Thị Hòa"];
    static readonly AwardRecipients Listed = new(ListedNames.Select(n => ("HCM", n)));

    static readonly Gen<string> Spelling = Gen.Select(Gen.Int[0, ListedNames.Length - 1], Gen.Int[0, 3], Gen.Bool, Gen.Int[0, 3],
        (pick, form, upper, spaces) =>
        {
            var name = ListedNames[pick];
            name = form switch { 1 => name.Normalize(NormalizationForm.FormD), 2 => name.Normalize(NormalizationForm.FormKD), _ => name };
            if (upper) name = name.ToUpperInvariant();
            return new string(' ', spaces) + name.Replace(" ", new string(' ', 1 + spaces)) + new string(' ', spaces);
        });

    [Fact]
    public void AListedName_MatchesHoweverItIsTyped_AtItsOwnSiteOnly() =>
        Spelling.Sample(name =>
        {
            Assert.True(Listed.Contains("HCM", name), name);
            Assert.True(Listed.Contains("hcm", name), name);
            Assert.False(Listed.Contains("DNG", name), name);
        }, iter: 500);

    [Theory]
    [InlineData("Hoàng Thị Hoà")]
    [InlineData("Nguyễn Thị Thuý Hằng")]
    [InlineData("HOÀNG THỊ HOÀ")]
    public void TheOldPlacementOfATone_MatchesTheNewOne(string name) => Assert.True(Listed.Contains("HCM", name));

    [Theory]
    [InlineData("Hoàng Thị Hoa")]
    [InlineData("Hoàng Thị Hỏa")]
    [InlineData("Dang Van Lam")]
    [InlineData("Nguyễn Thị Thúy")]
    public void ANameWithAnotherToneOrWithoutItsMarks_DoesNotMatch(string name) => Assert.False(Listed.Contains("HCM", name));
}
