using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using EventHub.Tests.ScaleOut;

namespace EventHub.Tests.QandA;

/// <summary>
/// The fan-out's coalesced votes: a run of vote events reaches each connection as one message covering their
/// sequence numbers, the client counts every number it covers, and its tallies are those of the log.
/// </summary>
public sealed class VoteTallyTests
{
    static EventEnvelope Envelope(long seq, ForumEvent e)
    {
        var (type, v) = EventCatalog.NameOf(e);
        return new EventEnvelope(seq, 1000 + seq, new ActorInfo("moderator", null, "m", "moderator"), type, v, EventCatalog.Serialize(e));
    }

    static EventEnvelope Tallies(long first, long through, int votes) =>
        Envelope(first, new VoteTallies(through, [new QuestionTally("q1", votes)]));

    /// <summary>A copy at seq 3 holding published question q1.</summary>
    static LocalForum WithQuestion()
    {
        var forum = new LocalForum();
        forum.Apply(new ResumeResult("e1", 3, null, 0,
        [
            Envelope(1, new ForumOpened("f", "t", ["HCM"])),
            Envelope(2, new QandAOpened(null)),
            Envelope(3, new QuestionPublished("q1", "question", "HCM", "Lan", "Câu hỏi?", null, null, null, false, 1, 0)),
        ]));
        return forum;
    }

    [Fact]
    public void ATallyMessage_CountsEveryNumberItCovers_AndSetsTheTally()
    {
        var forum = WithQuestion();
        Assert.Single(forum.Receive(Tallies(4, 40, 37), out _));
        Assert.Equal(40, forum.LastSeq);
        Assert.False(forum.HasGap);
        Assert.Equal(37, forum.State.QandA.Question("q1")!.Votes);
        Assert.Empty(forum.Receive(Tallies(4, 40, 37), out var repeat));
        Assert.True(repeat);
    }

    [Fact]
    public void ATallyMessageAheadOfAGap_IsHeld_ThenTakenWhenTheGapFills()
    {
        var forum = WithQuestion();
        Assert.Empty(forum.Receive(Tallies(5, 9, 5), out _));
        Assert.True(forum.HasGap);
        Assert.Equal(2, forum.Receive(Envelope(4, new QuestionVoted("q1", "", 1)), out _).Count);
        Assert.Equal((9L, 5), (forum.LastSeq, forum.State.QandA.Question("q1")!.Votes));
    }

    [Fact]
    public void ATallyMessageOverlappingWhatAResumeGave_StillMovesTheCopyToItsEnd()
    {
        var forum = WithQuestion();
        forum.Apply(new ResumeResult("e1", 5, null, 3,
            [Envelope(4, new QuestionVoted("q1", "", 1)), Envelope(5, new QuestionVoted("q1", "", 2))]));
        Assert.Single(forum.Receive(Tallies(4, 8, 5), out _));
        Assert.Equal((8L, 5), (forum.LastSeq, forum.State.QandA.Question("q1")!.Votes));
    }

    [Fact]
    public async Task ManyVotes_ReachEveryConnectionAsOneTallyMessage_BeforeTheNextEvent()
    {
        // Votes gather until the next event of another kind (no timer and no beacon in this test).
        await using var app = new HubApp(new Dictionary<string, string?>
        {
            ["EventHub:TallyInterval"] = "01:00:00",
            ["EventHub:PositionInterval"] = "01:00:00",
        });
        await using var moderator = await app.ConnectAsync(await app.LoginModeratorAsync());
        Assert.True((await moderator.SendAsync(HubMethods.ConfigureQandA, new QandAOptionsRequest(CommandId.New(), false, false, false, [], 5))).Ok);
        Assert.True((await moderator.SendAsync(HubMethods.OpenQandA, new QandAItemRequest(CommandId.New(), null))).Ok);
        await using var asker = await app.ConnectAsync(await app.LoginDelegateAsync("HCM", "Người Hỏi"));
        var question = CommandId.New();
        Assert.True((await asker.SendAsync(HubMethods.AskQuestion, new AskRequest(question, null, null, "Câu hỏi?", null, null, null, false))).Ok);
        var voters = new List<ForumClient>();
        for (var i = 0; i < 12; i++) voters.Add(await app.ConnectAsync(await app.LoginDelegateAsync("DNG", $"Đại biểu {i}")));
        await using var display = await app.ConnectAsync(await app.LoginDisplayAsync());
        var recorder = new EventRecorder(display);
        var resumes = display.Resumes;
        var arrived = new List<EventEnvelope>();
        display.EnvelopeArrived += e => { lock (arrived) arrived.Add(e); };
        try
        {
            var votes = await Task.WhenAll(voters.Select(v => v.SendAsync(HubMethods.VoteQuestion, new QuestionRequest(CommandId.New(), question))));
            Assert.All(votes, v => Assert.True(v.Ok, v.Error?.ToString()));
            var highlighted = await moderator.SendAsync(HubMethods.HighlightQuestion, new QuestionRequest(CommandId.New(), question));
            Assert.True(highlighted.Ok);

            await display.ReachAsync(highlighted.LastSeq, Timeouts.Call);
            lock (arrived)
            {
                Assert.Equal([VoteTallies.Type, "qa.highlighted"], arrived.Select(e => e.Type));
                Assert.Equal(votes.Min(v => v.FirstSeq), arrived[0].Seq);
            }
            Assert.Equal(12, display.Forum.State.QandA.Question(question)!.Votes);
            Assert.Equal(question, display.Forum.State.QandA.Highlighted);
            Assert.Equal((0, resumes), (display.GapsSeen, display.Resumes));
            Assert.Equal(2, recorder.Seen.Count);
            foreach (var voter in voters) await voter.ReachAsync(highlighted.LastSeq, Timeouts.Call);
        }
        finally
        {
            foreach (var voter in voters) await voter.DisposeAsync();
        }
    }

    [Fact]
    public async Task AVoteWithNothingAfterIt_ReachesTheDisplayWhenItsIntervalIsUp()
    {
        await using var app = new HubApp(new Dictionary<string, string?> { ["EventHub:PositionInterval"] = "01:00:00" });
        await using var moderator = await app.ConnectAsync(await app.LoginModeratorAsync());
        Assert.True((await moderator.SendAsync(HubMethods.ConfigureQandA, new QandAOptionsRequest(CommandId.New(), false, false, false, [], 5))).Ok);
        Assert.True((await moderator.SendAsync(HubMethods.OpenQandA, new QandAItemRequest(CommandId.New(), null))).Ok);
        await using var asker = await app.ConnectAsync(await app.LoginDelegateAsync("HCM", "Người Hỏi"));
        var question = CommandId.New();
        Assert.True((await asker.SendAsync(HubMethods.AskQuestion, new AskRequest(question, null, null, "Câu hỏi?", null, null, null, false))).Ok);
        await using var voter = await app.ConnectAsync(await app.LoginDelegateAsync("DNG", "Đại biểu"));
        await using var display = await app.ConnectAsync(await app.LoginDisplayAsync());

        var vote = await voter.SendAsync(HubMethods.VoteQuestion, new QuestionRequest(CommandId.New(), question));
        Assert.True(vote.Ok);
        await display.ReachAsync(vote.LastSeq, Timeouts.Call);
        Assert.Equal(1, display.Forum.State.QandA.Question(question)!.Votes);
    }
}
