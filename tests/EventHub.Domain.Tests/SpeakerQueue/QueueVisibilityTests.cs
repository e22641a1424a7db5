using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Tests.SpeakerQueue;

/// <summary>A waiting request's speaker and topic are for the moderator and the requesting site only.</summary>
public sealed class QueueVisibilityTests
{
    [Fact]
    public void GivenAFloorRequest_WhenMadePublic_ThenTheSiteShowsButNotTheSpeakerOrTopic()
    {
        var e = QueueEvents.Requested("a", "HCM");

        var shown = Assert.IsType<FloorRequested>(Visibility.Public(e));

        Assert.Equal(("a", "discussion", "HCM", "", null, ""), (shown.RequestId, shown.ItemId, shown.Site, shown.Speaker,
            shown.SpeakerTitle, shown.Topic));
        Assert.True(Visibility.IsPrivateTo(e, out var site));
        Assert.Equal("HCM", site);
    }

    [Fact]
    public void GivenADecline_WhenMadePublic_ThenTheReasonIsHidden()
    {
        var e = new RequestDeclined("a", "HCM", "Trùng nội dung");
        Assert.Null(Assert.IsType<RequestDeclined>(Visibility.Public(e)).Reason);
        Assert.True(Visibility.IsPrivateTo(e, out _));
    }

    [Fact]
    public void GivenAnApprovalOrAStart_WhenMadePublic_ThenNothingIsHidden()
    {
        ForumEvent approved = QueueEvents.Approved("a", "HCM"), started = QueueEvents.Started("a", "HCM");
        Assert.Same(approved, Visibility.Public(approved));
        Assert.Same(started, Visibility.Public(started));
    }

    [Fact]
    public void GivenWaitingAndApprovedRequests_WhenTakingSnapshots_ThenEachViewerSeesWhatTheyMay()
    {
        var state = Spec.Agenda().Given(
            QueueEvents.Requested("a", "HCM"), QueueEvents.Requested("b", "DNG"), QueueEvents.Approved("b", "DNG"),
            QueueEvents.Requested("c", "HPG"), new RequestDeclined("c", "HPG", "Hết giờ")).State;

        var moderator = Visibility.StateFor(state, Role.Moderator, null).SpeakerQueue;
        var hcm = Visibility.StateFor(state, Role.SiteHost, "HCM").SpeakerQueue;
        var display = Visibility.StateFor(state, Role.Display, null).SpeakerQueue;

        Assert.Equal("Người nói a", moderator.Request("a")!.Speaker);
        Assert.Equal("Hết giờ", moderator.Request("c")!.DeclineReason);
        Assert.Equal("Người nói a", hcm.Request("a")!.Speaker);
        Assert.Equal("Chủ đề a", hcm.Request("a")!.Topic);
        Assert.Equal("", display.Request("a")!.Speaker);
        Assert.Equal("", display.Request("a")!.Topic);
        Assert.Equal("HCM", display.Request("a")!.Site);
        Assert.Equal("Người nói b", display.Request("b")!.Speaker);
        Assert.Null(hcm.Request("c")!.DeclineReason);
        Assert.Equal("", hcm.Request("c")!.Speaker);
    }
    [Fact]
    public void GivenAQueueMidSpeech_WhenTheSnapshotIsReadBack_ThenItIsTheSameState()
    {
        var state = Spec.Agenda().Given(
            QueueEvents.Requested("a", "HCM"), QueueEvents.Approved("a", "HCM"), QueueEvents.Hall("h", 1), new ListClosed("closing"),
            QueueEvents.Started("a", "HCM"), new SpeechPaused("a"), new SpeechTimeAdded("a", 30)).State;

        var json = Snapshots.Serialize(state);
        var back = Snapshots.Deserialize(json);

        Assert.Equal(json, Snapshots.Serialize(back));
        Assert.Equal(330, back.SpeakerQueue.Floor!.LimitSeconds);
        Assert.True(back.SpeakerQueue.Floor.IsPaused);
        Assert.Equal(["h"], back.SpeakerQueue.CurrentItem!.Queue);
        Assert.DoesNotContain("currentItem\"", json);
    }
}

public sealed class QueueEventCatalogTests
{
    public static TheoryData<ForumEvent> Samples => new()
    {
        new AgendaItemAdded("opening", "Phát biểu khai mạc", 600),
        new AgendaItemRenamed("opening", "Khai mạc"),
        new AgendaItemMoved("opening", 2),
        new CurrentAgendaItemSet("opening"),
        new ListOptionsSet("opening", 300, false),
        new ListClosed("opening"),
        new ListReopened("opening"),
        new ListCleared("opening"),
        QueueEvents.Requested("a", "HCM"),
        new RequestWithdrawn("a", "HCM"),
        QueueEvents.Hall("h", 1),
        QueueEvents.Approved("a", "HCM"),
        new RequestDeclined("a", "HCM", "Trùng nội dung"),
        new RequestMoved("a", 3),
        new RequestRemoved("a"),
        new ListReordered("opening", ["b", "a"]),
        QueueEvents.Started("a", "HCM"),
        new SpeechEnded("a"),
        new SpeechPaused("a"),
        new SpeechResumed("a"),
        new SpeechTimeAdded("a", 60),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void EveryQueueEvent_HasAStableNameAndRoundTripsThroughJson(ForumEvent e)
    {
        var (type, version) = EventCatalog.NameOf(e);
        var back = EventCatalog.Deserialize(type, version, EventCatalog.Serialize(e));
        Assert.Equivalent(e, back, strict: true);
        Assert.Equal(e.GetType(), back.GetType());
        Assert.Matches("^(agenda|queue)\\.[a-z_]+$", type);
        Assert.Equal(1, version);
    }
}
