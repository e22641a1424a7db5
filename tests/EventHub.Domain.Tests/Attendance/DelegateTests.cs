using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using static EventHub.Domain.Tests.Spec;

namespace EventHub.Domain.Tests.Attendance;

public sealed class DelegateTests
{
    static readonly DelegateJoined Mai = new("d-1", "HCM", "Nguyễn Thị Mai", "Sở Nội vụ", true);
    static Actor MaiActor => Actor.Delegate("HCM", Mai.Name, "d-1");

    [Fact]
    public void GivenOpenForum_WhenDelegateJoins_ThenJoinedWithNameAgencyAndAwardee() =>
        Open().When(new JoinAsDelegate("HCM", "d-1", " Nguyễn Thị Mai ", "Sở Nội vụ", true) { Recognised = true }, MaiActor).Then(Mai);

    [Fact]
    public void GivenJoined_WhenSameNameJoinsAgainTypedDifferently_ThenNothing() =>
        Open(Mai).When(new JoinAsDelegate("HCM", "d-2", "NGUYỄN THỊ MAI".Normalize(System.Text.NormalizationForm.FormD), null, false),
            MaiActor).ThenNothing();

    [Fact]
    public void GivenOpenForum_WhenADelegateJoinsAnotherSite_ThenOtherSiteError() =>
        Open().When(new JoinAsDelegate("DNG", "d-1", "x", null, false), Actor.Delegate("HCM", "x", "d-1")).ThenThrows("auth.other_site");

    [Fact]
    public void GivenJoinedAtAnotherSite_WhenSameNameJoinsHere_ThenAnotherDelegate() =>
        Open(Mai).When(new JoinAsDelegate("DNG", "d-2", "Nguyễn Thị Mai", null, false), Actor.Delegate("DNG", "x", "d-2"))
            .Then(new DelegateJoined("d-2", "DNG", "Nguyễn Thị Mai", null, false));

    [Theory]
    [InlineData("", "input.required")]
    [InlineData("Tên\u0001", "input.control_characters")]
    public void GivenOpenForum_WhenJoinWithBadName_ThenError(string name, string code) =>
        Open().When(new JoinAsDelegate("HCM", "d-1", name, null, false), MaiActor).ThenThrows(code);

    [Fact]
    public void GivenOpenForum_WhenAgencyTooLong_ThenError() =>
        Open().When(new JoinAsDelegate("HCM", "d-1", "Mai", new string('x', 301), false), MaiActor).ThenThrows("input.too_long");

    [Fact]
    public void GivenJoined_WhenModeratorRemoves_ThenRemoved() =>
        Open(Mai).When(new RemoveDelegate("d-1")).Then(new DelegateRemoved("d-1", "HCM") { Awardee = true });

    [Fact]
    public void GivenRemoved_WhenRemovedAgain_ThenNothing() =>
        Open(Mai, new DelegateRemoved("d-1", "HCM")).When(new RemoveDelegate("d-1")).ThenNothing();

    [Fact]
    public void GivenOpenForum_WhenRemovingUnknownDelegate_ThenError() =>
        Open().When(new RemoveDelegate("d-404")).ThenThrows("delegate.unknown");

    [Fact]
    public void GivenOpenForum_WhenRemovingWithoutId_ThenError() =>
        Open().When(new RemoveDelegate("")).ThenThrows("input.required");

    [Theory]
    [InlineData(Role.SiteHost)]
    [InlineData(Role.Delegate)]
    [InlineData(Role.Display)]
    public void GivenJoined_WhenSomeoneOtherThanTheModeratorRemoves_ThenForbidden(Role role) =>
        Open(Mai).When(new RemoveDelegate("d-1"), new Actor(role, "HCM", "x", "x")).ThenThrows("auth.forbidden");

    [Fact]
    public void GivenRemoved_WhenSameNameJoinsAgain_ThenDelegateRemovedError() =>
        Open(Mai, new DelegateRemoved("d-1", "HCM"))
            .When(new JoinAsDelegate("HCM", "d-1", "nguyễn thị mai", null, false), MaiActor).ThenThrows("delegate.removed");

    [Fact]
    public void GivenRemoved_WhenModeratorReadmits_ThenReadmitted() =>
        Open(Mai, new DelegateRemoved("d-1", "HCM")).When(new ReadmitDelegate("d-1")).Then(new DelegateReadmitted("d-1", "HCM") { Awardee = true });

    [Fact]
    public void GivenNotRemoved_WhenReadmitted_ThenNothing() =>
        Open(Mai).When(new ReadmitDelegate("d-1")).ThenNothing();

    [Fact]
    public void GivenReadmitted_WhenSameNameJoinsAgain_ThenNothingNewAndNotRemoved()
    {
        var spec = Open(Mai, new DelegateRemoved("d-1", "HCM"), new DelegateReadmitted("d-1", "HCM"));
        spec.When(new JoinAsDelegate("HCM", "d-1", "Nguyễn Thị Mai", null, false), MaiActor).ThenNothing();
        Assert.False(spec.State.Attendance.IsRemoved("d-1"));
    }

    [Fact]
    public void GivenRemoved_StateMarksTheDelegateRemoved() =>
        Assert.True(Open(Mai, new DelegateRemoved("d-1", "HCM")).State.Attendance.IsRemoved("d-1"));
}
