using EventHub.Domain.Protocol;
using EventHub.Domain.SpeakerQueue;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.SpeakerQueue;

/// <summary>The speaker queue through the real SignalR client, for each role: what it may do and what it sees.</summary>
public sealed class SpeakerQueueHubTests : HubAppTest
{
    static FloorAskRequest Ask(string? site = null) =>
        new(CommandId.New(), site, null, "Trần Thị Thu", "Sở Nội vụ", "Văn hóa công vụ trên môi trường số");

    static async Task SeeAllAsync(long seq, params ForumClient[] clients)
    {
        foreach (var client in clients) await client.WaitForSeqAsync(seq).WaitAsync(Timeouts.Call);
    }

    [Fact]
    public async Task Startup_PutsTheSeededProgrammeOnTheAgenda_WithItsSpeakersApproved()
    {
        await using var display = await App.ConnectAsync(await App.LoginDisplayAsync());

        var queue = display.Forum.State.SpeakerQueue;

        Assert.Equal(["opening", "deputy-minister-speech", "discussion", "closing"], queue.Agenda.Select(i => i.Id));
        Assert.Equal("opening", queue.CurrentItemId);
        var speaker = queue.Request(Assert.Single(queue.CurrentItem!.Queue))!;
        Assert.Equal(("Ngô Văn Cương", RequestStatus.Approved, null), (speaker.Speaker, speaker.Status, speaker.Site));
        Assert.Equal(600, queue.Item("opening")!.DefaultSpeakingSeconds);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HostRequest_IsPrivateUntilApproved_ThenEveryoneSeesTheSpeaker(bool json)
    {
        await using var moderator = await App.ConnectAsync(await App.LoginModeratorAsync(), json);
        await using var hcm = await App.ConnectAsync(await App.LoginHostAsync("HCM"), json);
        await using var dng = await App.ConnectAsync(await App.LoginHostAsync("DNG"), json);
        await using var display = await App.ConnectAsync(await App.LoginDisplayAsync(), json);

        var ask = Ask();
        var asked = await hcm.SendAsync(HubMethods.RequestFloor, ask);
        Assert.True(asked.Ok, asked.Error?.ToString());
        await SeeAllAsync(asked.LastSeq, moderator, hcm, dng, display);

        Assert.Equal("Trần Thị Thu", moderator.Forum.State.SpeakerQueue.Request(ask.CommandId)!.Speaker);
        Assert.Equal("Trần Thị Thu", hcm.Forum.State.SpeakerQueue.Request(ask.CommandId)!.Speaker);
        foreach (var other in new[] { dng, display })
        {
            var seen = other.Forum.State.SpeakerQueue.Request(ask.CommandId)!;
            Assert.Equal(("HCM", RequestStatus.Waiting, "", ""), (seen.Site, seen.Status, seen.Speaker, seen.Topic));
        }

        var approved = await moderator.SendAsync(HubMethods.ApproveRequest, new QueueEntryRequest(CommandId.New(), ask.CommandId));
        Assert.True(approved.Ok, approved.Error?.ToString());
        await SeeAllAsync(approved.LastSeq, moderator, hcm, dng, display);
        foreach (var client in new[] { moderator, hcm, dng, display })
            Assert.Equal("Văn hóa công vụ trên môi trường số", client.Forum.State.SpeakerQueue.Request(ask.CommandId)!.Topic);
    }

    [Fact]
    public async Task HostRequestingForAnotherSite_AndDisplayRequesting_AreRefusedWithNoEvent()
    {
        await using var hcm = await App.ConnectAsync(await App.LoginHostAsync("HCM"));
        await using var display = await App.ConnectAsync(await App.LoginDisplayAsync());
        var head = App.Engine.View.Head;

        var other = await hcm.SendAsync(HubMethods.RequestFloor, Ask("DNG"));
        var shown = await display.SendAsync(HubMethods.RequestFloor, Ask("HCM"));
        var approve = await hcm.SendAsync(HubMethods.ApproveRequest, new QueueEntryRequest(CommandId.New(), "seed-opening-1"));

        Assert.Equal("auth.other_site", other.Error?.Code);
        Assert.Equal("auth.forbidden", shown.Error?.Code);
        Assert.Equal("auth.forbidden", approve.Error?.Code);
        Assert.Equal(head, App.Engine.View.Head);
    }

    [Fact]
    public async Task RetriedRequest_WithTheSameCommandId_MakesOneRequest()
    {
        await using var hcm = await App.ConnectAsync(await App.LoginHostAsync("HCM"));
        var ask = Ask();

        var first = await hcm.SendAsync(HubMethods.RequestFloor, ask);
        var again = await hcm.SendAsync(HubMethods.RequestFloor, ask);

        Assert.True(first.Ok);
        Assert.True(again.Duplicate);
        Assert.Equal(first.FirstSeq, again.FirstSeq);
        Assert.Single(App.Engine.View.State.SpeakerQueue.Requests.Values, r => r.Site == "HCM");
    }

    [Fact]
    public async Task ClosedList_RefusesARequestWithAClearMessage()
    {
        await using var moderator = await App.ConnectAsync(await App.LoginModeratorAsync());
        await using var hcm = await App.ConnectAsync(await App.LoginHostAsync("HCM"));

        Assert.True((await moderator.SendAsync(HubMethods.CloseList, new AgendaItemRequest(CommandId.New(), null))).Ok);
        var refused = await hcm.SendAsync(HubMethods.RequestFloor, Ask());

        Assert.Equal("queue.list_closed", refused.Error?.Code);
        Assert.Contains("Phát biểu khai mạc", refused.Error!.Message);
    }

    [Fact]
    public async Task TwoModeratorConsoles_PressingNextAtOnce_GiveOneWinner()
    {
        await using var one = await App.ConnectAsync(await App.LoginModeratorAsync());
        await using var two = await App.ConnectAsync(await App.LoginModeratorAsync());
        var added = await one.SendAsync(HubMethods.AddSpeaker,
            new NewSpeakerRequest(CommandId.New(), null, "HUE", "Lê Văn Hùng", null, "Đề xuất", null));
        Assert.True(added.Ok, added.Error?.ToString());

        // Both consoles see nobody speaking and press "next".
        var results = await Task.WhenAll(
            one.SendAsync(HubMethods.CallNext, new CallNextRequest(CommandId.New(), null, null)),
            two.SendAsync(HubMethods.CallNext, new CallNextRequest(CommandId.New(), null, null)));

        Assert.Single(results, r => r.Ok);
        Assert.Single(results, r => r.Error?.Code == "queue.floor_changed");
        Assert.Equal("seed-opening-1", App.Engine.View.State.SpeakerQueue.Floor!.RequestId);
    }

    [Fact]
    public async Task SpeechCycle_CountdownFieldsReachTheDisplay_AndTheReportCountsTheSpeech()
    {
        await using var moderator = await App.ConnectAsync(await App.LoginModeratorAsync());
        await using var display = await App.ConnectAsync(await App.LoginDisplayAsync());

        var next = await moderator.SendAsync(HubMethods.CallNext, new CallNextRequest(CommandId.New(), null, 90));
        var more = await moderator.SendAsync(HubMethods.AddTime, new AddTimeRequest(CommandId.New(), "seed-opening-1", 30));
        await SeeAllAsync(more.LastSeq, display);
        var floor = display.Forum.State.SpeakerQueue.Floor!;
        Assert.Equal(("seed-opening-1", 120), (floor.RequestId, floor.LimitSeconds));
        Assert.InRange(floor.RemainingMs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), 100_000, 120_000);

        var ended = await moderator.SendAsync(HubMethods.EndSpeech, new QueueEntryRequest(CommandId.New(), "seed-opening-1"));
        Assert.True(next.Ok && ended.Ok, ended.Error?.ToString());
        var report = await moderator.InvokeAsync<SpeakingReport>(HubMethods.GetSpeakingReport).WaitAsync(Timeouts.Call);
        Assert.Equal(1, Assert.Single(report.Speakers).Speeches);
    }
}
