using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;

namespace EventHub.Domain.Tests.Forum;

public sealed class ForumDeciderTests
{
    [Fact]
    public void GivenNothing_WhenTheModeratorOpensTheForum_ThenItIsOpenedWithItsSites() =>
        Spec.Closed().When(new OpenForum("forum-1", " Tọa đàm ", Spec.Sites)).Then(Spec.Opened);

    [Fact]
    public void GivenAnOpenForum_WhenOpenedAgain_ThenItFails() =>
        Spec.Open().When(new OpenForum("forum-1", "Tọa đàm", Spec.Sites)).ThenThrows("forum.already_open");

    [Fact]
    public void GivenNothing_WhenAHostOpensTheForum_ThenItIsForbidden() =>
        Spec.Closed().By(Actor.Host("HCM", "x")).When(new OpenForum("f", "t", Spec.Sites)).ThenThrows("auth.forbidden");

    [Fact]
    public void GivenAClosedForum_WhenASiteChecksIn_ThenTheForumIsNotOpen() =>
        Spec.Closed().When(new CheckIn("HCM", "Lê Văn Bình", 5)).ThenThrows("forum.not_open");

    [Fact]
    public void GivenAnOpenForum_WhenACommandNamesAnUnknownSite_ThenItFails() =>
        Spec.Open().When(new CheckIn("HNI", "Lê Văn Bình", 5)).ThenThrows("site.unknown");

    [Fact]
    public void EventsFoldIntoState_WithCommitTimesFromTheirContext()
    {
        var state = ForumState.Evolve(ForumState.Initial, Spec.Opened, new EventContext(1, 42, Actor.System));
        Assert.True(state.IsOpen);
        Assert.Equal(42, state.OpenedAt);
        Assert.True(state.HasSite("DNG"));
        Assert.False(state.HasSite("HNI"));
    }
}
