using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;

namespace EventHub.Domain.Tests.Protocol;

public sealed class EventCatalogTests
{
    public static TheoryData<ForumEvent> Samples => new()
    {
        Spec.Opened,
        new SiteCheckedIn("HCM", "Nguyễn Thị Mai", 40),
        new HeadcountUpdated("HCM", 41),
        new SiteCheckedOut("HCM"),
        new DelegateJoined("d-1", "HCM", "Trần Thị Hòa", "Sở Nội vụ", true),
        new QuestionSubmitted("q1", "proposal", "HCM", "d-1", "Trần Thị Hòa", "Đề xuất", "Chuyển đổi số", "opening", null, true, false),
        new QuestionsMerged("q1", "q2", 7),
        new QuestionVoted("q1", "d-1", 3),
        new VoteTallies(42, [new QuestionTally("q1", 3), new QuestionTally("q2", 0)]),
        new DelegateVotesWithdrawn("d-1", [new QuestionTally("q1", 2)]),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void EveryEvent_RoundTripsThroughItsNameVersionAndJson(ForumEvent e)
    {
        var (type, version) = EventCatalog.NameOf(e);
        var back = EventCatalog.Deserialize(type, version, EventCatalog.Serialize(e));
        Assert.Equivalent(e, back, strict: true);
        Assert.Equal(e.GetType(), back.GetType());
    }

    [Fact]
    public void VietnameseText_IsWrittenAsItself_NotEscaped() =>
        Assert.Contains("Nguyễn Thị Mai", EventCatalog.Serialize(new SiteCheckedIn("HCM", "Nguyễn Thị Mai", 1)));

    [Fact]
    public void AnEventFromANewerHub_IsKeptAsUnknown_AndFoldingSkipsIt()
    {
        var unknown = EventCatalog.Deserialize("poll.opened", 1, "{\"x\":1}");
        var newer = EventCatalog.Deserialize("site.checked_in", 99, "{}");
        Assert.Equal(new UnknownEvent("poll.opened", 1), unknown);
        Assert.IsType<UnknownEvent>(newer);
        Assert.Same(ForumState.Initial, ForumState.Evolve(ForumState.Initial, unknown, new EventContext(1, 1, Actor.System)));
    }

    [Fact]
    public void LastSeqOf_IsTheEnvelopesOwnNumber_OrTheLastVoteACoalescedTallyCovers()
    {
        static EventEnvelope Envelope(long seq, ForumEvent e) =>
            new(seq, 1, new ActorInfo("delegate", "HCM", "", ""), EventCatalog.NameOf(e).Type, 1, EventCatalog.Serialize(e));

        Assert.Equal(7, EventCatalog.LastSeqOf(Envelope(7, new QuestionVoted("q1", "d-1", 3))));
        Assert.Equal(42, EventCatalog.LastSeqOf(Envelope(30, new VoteTallies(42, [new QuestionTally("q1", 3), new QuestionTally("q2", 0)]))));
        // The tallies may come before "through" in a message written by another client: it is found wherever it is.
        var reordered = new EventEnvelope(30, 1, new ActorInfo("delegate", null, "", ""), VoteTallies.Type, 1,
            "{\"tallies\":[{\"questionId\":\"q1\",\"votes\":3}],\"through\":55}");
        Assert.Equal(55, EventCatalog.LastSeqOf(reordered));
        Assert.Throws<System.Text.Json.JsonException>(() =>
            EventCatalog.LastSeqOf(reordered with { Data = "{\"tallies\":[]}" }));
    }

    [Fact]
    public void TypeNames_AreUnique() =>
        Assert.Equal(EventCatalog.Names.Count(), EventCatalog.Names.Distinct().Count());
}

public sealed class VisibilityTests
{
    [Fact]
    public void ADelegate_IsOnlyAHeadCountToThePublic()
    {
        var joined = new DelegateJoined("d-1", "HCM", "Trần Thị Hòa", "Sở Nội vụ", true);
        Assert.Equal(joined with { DelegateId = "", Name = "", Agency = null }, Visibility.Public(joined));
        Assert.True(Visibility.IsPrivateTo(joined, out var site));
        Assert.Equal("HCM", site);
        Assert.Equal(new DelegateRemoved("", "HCM") { Awardee = true },
            Visibility.Public(new DelegateRemoved("d-1", "HCM") { Awardee = true }));
    }

    [Fact]
    public void ACheckIn_IsPublicAsItIs()
    {
        var checkIn = new SiteCheckedIn("HCM", "A", 5);
        Assert.Same(checkIn, Visibility.Public(checkIn));
        Assert.False(Visibility.IsPrivateTo(checkIn, out _));
    }

    [Fact]
    public void Snapshots_ShowDelegatesOnlyToTheModeratorAndTheirOwnSitesHost_AndTalliesToEveryone()
    {
        var state = Spec.Open().Given(
            new DelegateJoined("d-1", "HCM", "Trần Thị Hòa", "Sở", false),
            new DelegateJoined("d-2", "DNG", "Lê Văn Bình", "Sở", true)).State;

        Assert.Equal("Trần Thị Hòa", Visibility.StateFor(state, Role.Moderator, null).Attendance.Delegates["d-1"].Name);
        var hcm = Visibility.StateFor(state, Role.SiteHost, "HCM").Attendance;
        Assert.Equal(["d-1"], hcm.Delegates.Keys);
        Assert.Equal("d-1", hcm.FindDelegate("HCM", "trần thị hòa")?.Id);
        Assert.Null(hcm.FindDelegate("DNG", "Lê Văn Bình"));
        var display = Visibility.StateFor(state, Role.Display, null).Attendance;
        Assert.Empty(display.Delegates);
        Assert.Empty(display.NameIndex);
        Assert.Equal(new DelegateTally(1, 1), display.Tally("DNG"));
        Assert.Equal(new DelegateTally(1, 0), display.Tally("HCM"));
    }

    [Fact]
    public void FoldingThePublicEvents_GivesThePublicSnapshot()
    {
        var events = new ForumEvent[]
        {
            Spec.Opened,
            new DelegateJoined("d-1", "HCM", "Trần Thị Hòa", "Sở", true),
            new DelegateJoined("d-2", "HCM", "Lê Văn Bình", null, false),
            new DelegateRemoved("d-1", "HCM") { Awardee = true },
        };
        ForumState full = ForumState.Initial, seen = ForumState.Initial;
        for (var i = 0; i < events.Length; i++)
        {
            var context = new EventContext(i + 1, 1000 + i, Actor.System);
            full = ForumState.Evolve(full, events[i], context);
            seen = ForumState.Evolve(seen, Visibility.Public(events[i]), context);
        }
        Assert.Equal(Snapshots.Serialize(Visibility.StateFor(full, Role.Display, null)), Snapshots.Serialize(seen));
        Assert.Equal(new DelegateTally(1, 0), seen.Attendance.Tally("HCM"));
    }

    [Fact]
    public void ASnapshot_RoundTripsThroughJson()
    {
        var state = Spec.Open().Given(new SiteCheckedIn("HCM", "A", 5), new DelegateJoined("d-1", "HCM", "Hòa", null, true)).State;
        var back = Snapshots.Deserialize(Snapshots.Serialize(state));
        Assert.Equal(state.SiteCodes, back.SiteCodes);
        Assert.Equivalent(state.Attendance.Site("HCM"), back.Attendance.Site("HCM"), strict: true);
        Assert.Equal(state.Attendance.Delegates["d-1"], back.Attendance.Delegates["d-1"]);
        Assert.Equal(state.Title, back.Title);
    }
}
