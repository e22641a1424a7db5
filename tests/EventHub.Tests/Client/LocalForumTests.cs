using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;

namespace EventHub.Tests.Client;

/// <summary>The client's copy: strict sequence order, repeats ignored, early arrivals held until the gap fills.</summary>
public sealed class LocalForumTests
{
    static readonly string[] Sites = ["HCM", "DNG", "HPG", "CTO", "HUE", "QNH"];

    static EventEnvelope Envelope(long seq, ForumEvent e)
    {
        var (type, v) = EventCatalog.NameOf(e);
        return new EventEnvelope(seq, 1000 + seq, new ActorInfo("moderator", null, "m", "moderator"), type, v, EventCatalog.Serialize(e));
    }

    static EventEnvelope Event(long seq) => seq == 1
        ? Envelope(1, new ForumOpened("f", "t", Sites))
        : Envelope(seq, new SiteCheckedIn(Sites[(seq - 2) % Sites.Length], "Lead", (int)seq));

    static LocalForum Opened()
    {
        var forum = new LocalForum();
        forum.Apply(new ResumeResult("e1", 1, null, 0, [Event(1)]));
        return forum;
    }

    [Fact]
    public void EventsInOrder_AreAppliedOneEach()
    {
        var forum = Opened();
        Assert.Single(forum.Receive(Event(2), out var repeat));
        Assert.False(repeat);
        Assert.Equal(2, forum.LastSeq);
        Assert.True(forum.State.Attendance.Site("HCM").CheckedIn);
    }

    [Fact]
    public void ARepeat_IsIgnored()
    {
        var forum = Opened();
        forum.Receive(Event(2), out _);
        Assert.Empty(forum.Receive(Event(2), out var repeat));
        Assert.True(repeat);
        Assert.Equal(2, forum.LastSeq);
    }

    [Fact]
    public void AnEarlyArrival_IsHeldUntilTheMissingOneComes_ThenBothApplyInOrder()
    {
        var forum = Opened();
        Assert.Empty(forum.Receive(Event(3), out _));
        Assert.Empty(forum.Receive(Event(4), out _));
        Assert.True(forum.HasGap);
        Assert.Equal(1, forum.LastSeq);

        var applied = forum.Receive(Event(2), out _);

        Assert.Equal([2L, 3L, 4L], applied.Select(a => a.Envelope.Seq));
        Assert.False(forum.HasGap);
        Assert.Equal(4, forum.LastSeq);
    }

    [Fact]
    public void AResume_FillsTheGap_AndReleasesWhatWasHeld()
    {
        var forum = Opened();
        forum.Receive(Event(4), out _);
        forum.Receive(Event(5), out _);

        var applied = forum.Apply(new ResumeResult("e1", 5, null, 1, [Event(2), Event(3)]));

        Assert.Equal([2L, 3L, 4L, 5L], applied.Select(a => a.Envelope.Seq));
        Assert.True(applied.Take(2).All(a => a.FromResume));
        Assert.False(forum.HasGap);
    }

    [Fact]
    public void AResumeThatSkipsANumber_IsRefusedRatherThanApplied()
    {
        var forum = Opened();
        Assert.Throws<InvalidOperationException>(() => forum.Apply(new ResumeResult("e1", 3, null, 1, [Event(3)])));
        Assert.Equal(1, forum.LastSeq);
    }

    [Fact]
    public void ASnapshot_ReplacesTheCopy_AndHeldEventsOfTheOldEpochAreDropped()
    {
        var forum = Opened();
        forum.Receive(Event(9), out _);
        var state = ForumState.Evolve(ForumState.Initial, new ForumOpened("f", "t", Sites), new EventContext(1, 1, Actor.System));

        forum.Apply(new ResumeResult("e2", 40, Snapshots.Serialize(state), 40, []));

        Assert.Equal("e2", forum.Epoch);
        Assert.Equal(40, forum.LastSeq);
        Assert.False(forum.HasGap);
        Assert.True(forum.IsBehind(new LogPosition("e2", 41)));
        Assert.False(forum.IsBehind(new LogPosition("e2", 40)));
        Assert.True(forum.IsBehind(new LogPosition("e1", 40)));
    }

    [Fact]
    public void ACopyWithoutState_StillTakesEveryNumberOnceInOrder_AndDecodesOnlyWhenAsked()
    {
        var forum = new LocalForum(keepState: false);
        forum.Apply(new ResumeResult("e1", 1, null, 0, [Event(1)]));
        Assert.Empty(forum.Receive(Event(3), out _));
        var applied = forum.Receive(Event(2), out _);
        Assert.Empty(forum.Receive(Event(2), out var repeat));

        Assert.True(repeat);
        Assert.Equal([2L, 3L], applied.Select(a => a.Envelope.Seq));
        Assert.Equal(3, forum.LastSeq);
        Assert.Same(ForumState.Initial, forum.State);
        Assert.Equal("HCM", Assert.IsType<SiteCheckedIn>(applied[0].Event).Site);
    }
}
