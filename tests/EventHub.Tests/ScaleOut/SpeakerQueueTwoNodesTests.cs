using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.ScaleOut;

/// <summary>The speaker queue across two nodes on one Redis: two moderator consoles on different nodes, one list.</summary>
public sealed class SpeakerQueueTwoNodesTests : TwoNodeTest
{
    [Fact]
    public async Task TwoConsolesOnTwoNodes_PressNextAtOnce_OneSpeakerIsCalled_AndBothSeeTheSameFloor()
    {
        await using var consoleA = await A.ConnectAsync(await A.LoginModeratorAsync());
        await using var consoleB = await B.ConnectAsync(await B.LoginModeratorAsync());

        var results = await Task.WhenAll(
            consoleA.SendAsync(HubMethods.CallNext, new CallNextRequest(CommandId.New(), null, null)),
            consoleB.SendAsync(HubMethods.CallNext, new CallNextRequest(CommandId.New(), null, null))).WaitAsync(Timeouts.Call);

        var winner = Assert.Single(results, r => r.Ok);
        Assert.Single(results, r => !r.Ok && r.Error?.Code == "queue.floor_changed");
        await consoleA.ReachAsync(winner.LastSeq, Timeouts.Heal);
        await consoleB.ReachAsync(winner.LastSeq, Timeouts.Heal);
        Assert.Equal("seed-opening-1", consoleA.Forum.State.SpeakerQueue.Floor?.RequestId);
        Assert.Equal(consoleA.Forum.State.SpeakerQueue.Floor, consoleB.Forum.State.SpeakerQueue.Floor);
    }

    [Fact]
    public async Task ARequestAskedOnOneNode_IsApprovedFromTheOther_AndTheSiteSeesItOnItsNode()
    {
        await using var host = await A.ConnectAsync(await A.LoginHostAsync("HGG"));
        await using var moderator = await B.ConnectAsync(await B.LoginModeratorAsync());
        var ask = new FloorAskRequest(CommandId.New(), null, null, "Nguyễn Văn Hà", "Bí thư Tỉnh đoàn", "Chuyển đổi số");

        var asked = await host.SendAsync(HubMethods.RequestFloor, ask);
        await moderator.ReachAsync(asked.LastSeq, Timeouts.Heal);
        var approved = await moderator.SendAsync(HubMethods.ApproveRequest, new QueueEntryRequest(CommandId.New(), ask.CommandId));
        await host.ReachAsync(approved.LastSeq, Timeouts.Heal);

        Assert.True(asked.Ok && approved.Ok, asked.Error?.Code ?? approved.Error?.Code);
        Assert.Equal("Nguyễn Văn Hà", moderator.Forum.State.SpeakerQueue.Request(ask.CommandId)?.Speaker);
        Assert.Equal(Domain.SpeakerQueue.RequestStatus.Approved, host.Forum.State.SpeakerQueue.Request(ask.CommandId)?.Status);
    }
}
