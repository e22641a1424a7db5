using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Tests.SpeakerQueue;

public sealed class AgendaTests
{
    [Fact]
    public void GivenUnopenedForum_WhenAddingAnItem_ThenForumNotOpen() =>
        Spec.Closed().When(new AddAgendaItem("opening", "Khai mạc", 600)).ThenThrows("forum.not_open");

    [Fact]
    public void GivenOpenForum_WhenAddingItems_ThenTheFirstBecomesCurrentAndOrderIsKept()
    {
        var spec = Spec.Agenda();
        spec.When(new AddAgendaItem("extra", "  Hỏi đáp  ", 180)).Then(new AgendaItemAdded("extra", "Hỏi đáp", 180));

        Assert.Equal(["discussion", "closing", "extra"], spec.Queue.Agenda.Select(i => i.Id));
        Assert.Equal("discussion", spec.Queue.CurrentItemId);
        Assert.True(spec.Queue.Item("extra")!.OneRequestPerSite);
        Assert.False(spec.Queue.Item("extra")!.IsClosed);
    }

    [Fact]
    public void GivenAnItem_WhenAddingTheSameIdAgain_ThenDuplicate() =>
        Spec.Agenda().When(new AddAgendaItem("closing", "Khác", 60)).ThenThrows("agenda.duplicate_item");

    [Theory]
    [InlineData("", 60, "input.required")]
    [InlineData("   ", 60, "input.required")]
    [InlineData("Bế\u0007mạc", 60, "input.control_characters")]
    [InlineData("Mục", 0, "input.out_of_range")]
    [InlineData("Mục", -5, "input.out_of_range")]
    [InlineData("Mục", 3601, "input.out_of_range")]
    public void GivenOpenForum_WhenAddingABadItem_ThenClearError(string title, int seconds, string code) =>
        Spec.Agenda().When(new AddAgendaItem("x", title, seconds)).ThenThrows(code);

    [Fact]
    public void GivenOpenForum_WhenTitleIsTooLong_ThenTooLong() =>
        Spec.Agenda().When(new AddAgendaItem("x", new string('a', 301), 60)).ThenThrows("input.too_long");

    [Fact]
    public void GivenOpenForum_WhenItemIdIsEmpty_ThenRequired() =>
        Spec.Agenda().When(new AddAgendaItem("", "Mục", 60)).ThenThrows("input.required");

    [Fact]
    public void GivenAnItem_WhenRenamed_ThenTitleChanges_AndTheSameTitleAgainDecidesNothing()
    {
        var spec = Spec.Agenda();
        spec.When(new RenameAgendaItem("closing", "Bế mạc tọa đàm")).Then(new AgendaItemRenamed("closing", "Bế mạc tọa đàm"));
        spec.When(new RenameAgendaItem("closing", "Bế mạc tọa đàm")).Then();
        Assert.Equal("Bế mạc tọa đàm", spec.Queue.Item("closing")!.Title);
    }

    [Fact]
    public void GivenNoSuchItem_WhenRenamed_ThenUnknownItem() =>
        Spec.Agenda().When(new RenameAgendaItem("nope", "X")).ThenThrows("agenda.unknown_item");

    [Fact]
    public void GivenTwoItems_WhenMovingTheSecondToTheTop_ThenOrderChanges()
    {
        var spec = Spec.Agenda();
        spec.When(new MoveAgendaItem("closing", 1)).Then(new AgendaItemMoved("closing", 1));
        Assert.Equal(["closing", "discussion"], spec.Queue.Agenda.Select(i => i.Id));
        spec.When(new MoveAgendaItem("closing", 1)).Then();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3)]
    public void GivenTwoItems_WhenMovingToAPositionThatDoesNotExist_ThenNoSuchPosition(int position) =>
        Spec.Agenda().When(new MoveAgendaItem("closing", position)).ThenThrows("agenda.no_such_position");

    [Fact]
    public void GivenTwoItems_WhenSettingTheCurrentItem_ThenItChanges_AndAgainDecidesNothing()
    {
        var spec = Spec.Agenda();
        spec.When(new SetCurrentAgendaItem("closing")).Then(new CurrentAgendaItemSet("closing"));
        Assert.Equal("closing", spec.Queue.CurrentItemId);
        spec.When(new SetCurrentAgendaItem("closing")).Then();
        spec.When(new SetCurrentAgendaItem("nope")).ThenThrows("agenda.unknown_item");
    }

    [Fact]
    public void GivenAnItem_WhenSettingListOptions_ThenTheyApply()
    {
        var spec = Spec.Agenda();
        spec.When(new SetListOptions(null, 240, false)).Then(new ListOptionsSet("discussion", 240, false));
        Assert.Equal(240, spec.Queue.Item("discussion")!.DefaultSpeakingSeconds);
        Assert.False(spec.Queue.Item("discussion")!.OneRequestPerSite);
        spec.When(new SetListOptions("discussion", 240, false)).Then();
        spec.When(new SetListOptions("discussion", 0, false)).ThenThrows("input.out_of_range");
    }

    [Fact]
    public void GivenNoAgenda_WhenClosingTheCurrentList_ThenNoCurrentItem() =>
        Spec.Closed().Given(new Domain.Forum.ForumOpened("f", "T", Spec.Sites)).When(new CloseList(null))
            .ThenThrows("agenda.no_current_item");

    [Fact]
    public void GivenAnOpenList_WhenClosedTwiceThenReopenedTwice_ThenOneEventEach()
    {
        var spec = Spec.Agenda();
        spec.When(new CloseList(null)).Then(new ListClosed("discussion"));
        spec.When(new CloseList("discussion")).Then();
        Assert.True(spec.Queue.CurrentItem!.IsClosed);
        spec.When(new ReopenList(null)).Then(new ListReopened("discussion"));
        spec.When(new ReopenList(null)).Then();
        Assert.False(spec.Queue.CurrentItem!.IsClosed);
    }

    [Fact]
    public void GivenQueuedAndFinishedRequests_WhenClearingTheList_ThenQueuedOnesAreRemovedAndHistoryStays()
    {
        var spec = Spec.Agenda().Given(
            QueueEvents.Requested("a", "HCM"), QueueEvents.Approved("a", "HCM"), QueueEvents.Started("a", "HCM"), new SpeechEnded("a"),
            QueueEvents.Requested("b", "DNG"), QueueEvents.Requested("c", "HPG"), QueueEvents.Approved("c", "HPG"));

        spec.When(new ClearList(null)).Then(new ListCleared("discussion"));

        Assert.Empty(spec.Queue.CurrentItem!.Queue);
        Assert.Equal(RequestStatus.Done, spec.Queue.Request("a")!.Status);
        Assert.Equal(RequestStatus.Removed, spec.Queue.Request("b")!.Status);
        Assert.Equal(RequestStatus.Removed, spec.Queue.Request("c")!.Status);
        spec.When(new ClearList(null)).Then();
    }
}
