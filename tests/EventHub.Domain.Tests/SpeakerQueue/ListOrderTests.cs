using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Tests.SpeakerQueue;

/// <summary>Moving, removing and reordering queued requests, and the fair-order suggestion.</summary>
public sealed class ListOrderTests
{
    static Spec ThreeQueued() => Spec.Agenda().Given(
        QueueEvents.Requested("a", "HCM"), QueueEvents.Requested("b", "DNG"), QueueEvents.Approved("b", "DNG"), QueueEvents.Requested("c", "HPG"));

    [Fact]
    public void GivenThreeQueued_WhenMovingTheLastToTheMiddle_ThenPositionsStayContiguous()
    {
        var spec = ThreeQueued();
        spec.When(new MoveRequest("c", 2)).Then(new RequestMoved("c", 2));
        Assert.Equal(["a", "c", "b"], spec.Queue.CurrentItem!.Queue);
        Assert.Equal([1, 2, 3], SpeakerQueueQueries.Positions(spec.Queue).Select(p => p.Position));
    }

    [Fact]
    public void GivenThreeQueued_WhenMovingToTheTop_ThenFirst()
    {
        var spec = ThreeQueued();
        spec.When(new MoveRequest("b", 1)).Then(new RequestMoved("b", 1));
        Assert.Equal(["b", "a", "c"], spec.Queue.CurrentItem!.Queue);
    }

    [Fact]
    public void GivenThreeQueued_WhenMovingToWhereItAlreadyIs_ThenNothing() =>
        ThreeQueued().When(new MoveRequest("b", 2)).Then();

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(4)]
    [InlineData(int.MaxValue)]
    public void GivenThreeQueued_WhenMovingToAPositionThatDoesNotExist_ThenNoSuchPosition(int position)
    {
        var error = ThreeQueued().When(new MoveRequest("a", position)).ThenThrows("queue.no_such_position");
        Assert.Contains("1–3", error.MessageEn);
    }

    [Fact]
    public void GivenAWithdrawnRequest_WhenMoved_ThenRequestFinished() =>
        ThreeQueued().Given(new RequestWithdrawn("a", "HCM")).When(new MoveRequest("a", 1)).ThenThrows("queue.request_finished");

    [Fact]
    public void GivenASpeakingRequest_WhenMoved_ThenInvalidTransition() =>
        ThreeQueued().Given(QueueEvents.Started("b", "DNG")).When(new MoveRequest("b", 1)).ThenThrows("queue.invalid_transition");

    [Fact]
    public void GivenThreeQueued_WhenAHostMovesTheirOwnRequest_ThenForbidden() =>
        ThreeQueued().When(new MoveRequest("a", 3), Spec.Host("HCM")).ThenThrows("auth.forbidden");

    [Fact]
    public void GivenThreeQueued_WhenRemovingOne_ThenItIsRemovedAndOthersCloseUp()
    {
        var spec = ThreeQueued();
        spec.When(new RemoveRequest("b")).Then(new RequestRemoved("b"));
        Assert.Equal(["a", "c"], spec.Queue.CurrentItem!.Queue);
        Assert.Equal(RequestStatus.Removed, spec.Queue.Request("b")!.Status);
        spec.When(new RemoveRequest("b")).ThenThrows("queue.request_finished");
    }

    [Fact]
    public void GivenASpeakingRequest_WhenRemoved_ThenInvalidTransition() =>
        ThreeQueued().Given(QueueEvents.Started("b", "DNG")).When(new RemoveRequest("b")).ThenThrows("queue.invalid_transition");

    [Fact]
    public void GivenThreeQueued_WhenApplyingAPermutation_ThenThatIsTheOrder()
    {
        var spec = ThreeQueued();
        spec.When(new ApplyOrder(null, ["c", "a", "b"])).Then(new ListReordered("discussion", ["c", "a", "b"]));
        Assert.Equal(["c", "a", "b"], spec.Queue.CurrentItem!.Queue);
        spec.When(new ApplyOrder("discussion", ["c", "a", "b"])).Then();
    }

    public static TheoryData<string[]> StaleOrders => new()
    {
        new[] { "a", "b" },
        new[] { "a", "b", "c", "d" },
        new[] { "a", "a", "b" },
        new[] { "a", "b", "x" },
        Array.Empty<string>(),
    };

    [Theory]
    [MemberData(nameof(StaleOrders))]
    public void GivenThreeQueued_WhenApplyingAnOrderThatIsNotAPermutation_ThenOrderMismatch(string[] order) =>
        ThreeQueued().When(new ApplyOrder(null, order)).ThenThrows("queue.order_mismatch");

    [Fact]
    public void GivenSomeSitesHaveSpoken_WhenSuggestingAFairOrder_ThenSitesThatHaveNotSpokenComeFirstStably()
    {
        var spec = Spec.Agenda().Given(
            new ListOptionsSet("discussion", 300, false),
            QueueEvents.Requested("old", "HCM"), QueueEvents.Started("old", "HCM"), new SpeechEnded("old"),
            QueueEvents.Requested("h1", "HCM"), QueueEvents.Requested("d1", "DNG"), QueueEvents.Hall("hall", 3),
            QueueEvents.Requested("p1", "HPG"), QueueEvents.Requested("d2", "DNG"));

        var suggested = SpeakerQueueQueries.SuggestFairOrder(spec.Queue, spec.Queue.CurrentItem!);

        // DNG and HPG have not spoken: their first entries move up; HCM, the hall and DNG's second entry keep their order.
        Assert.Equal(["d1", "p1", "h1", "hall", "d2"], suggested);
        spec.When(new ApplyOrder(null, suggested)).Then(new ListReordered("discussion", suggested));
    }

    [Fact]
    public void GivenEverySiteSpoke_WhenSuggestingAFairOrder_ThenTheOrderIsUnchanged()
    {
        var spec = ThreeQueued().Given(
            QueueEvents.Requested("x", "HCM", "closing"), QueueEvents.Started("x", "HCM"), new SpeechEnded("x"),
            QueueEvents.Requested("y", "DNG", "closing"), QueueEvents.Started("y", "DNG"), new SpeechEnded("y"),
            QueueEvents.Requested("z", "HPG", "closing"), QueueEvents.Started("z", "HPG"), new SpeechEnded("z"));
        Assert.Equal(["a", "b", "c"], SpeakerQueueQueries.SuggestFairOrder(spec.Queue, spec.Queue.CurrentItem!));
    }

    [Fact]
    public void GivenApprovedAndWaitingEntries_WhenAskingOnDeck_ThenTheNextTwoApprovedWithPositions()
    {
        var spec = ThreeQueued().Given(QueueEvents.Approved("c", "HPG"), QueueEvents.Requested("d", "CTO"), QueueEvents.Approved("d", "CTO"));

        var onDeck = SpeakerQueueQueries.OnDeck(spec.Queue);

        Assert.Equal([("b", "DNG", 2), ("c", "HPG", 3)], onDeck.Select(p => (p.RequestId, p.Site!, p.Position)));
        Assert.Equal(1, SpeakerQueueQueries.PositionsOf(spec.Queue, "HCM").Single().Position);
        Assert.Empty(SpeakerQueueQueries.PositionsOf(spec.Queue, "HUE"));
    }
}
