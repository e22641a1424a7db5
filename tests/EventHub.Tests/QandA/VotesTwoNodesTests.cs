using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using EventHub.Tests.ScaleOut;

namespace EventHub.Tests.QandA;

/// <summary>Votes on two hub nodes sharing one real Redis: each delegate's vote counts once, whichever node and however often it is sent.</summary>
public sealed class VotesTwoNodesTests : IAsyncLifetime
{
    const int DelegatesPerNode = 15;
    readonly RedisCluster _cluster = new();
    HubApp _a = null!;
    HubApp _b = null!;

    public Task InitializeAsync()
    {
        _a = _cluster.StartNode();
        _b = _cluster.StartNode();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ConcurrentVotesOnBothNodes_WithResendsAndDoubleTaps_AreCountedExactlyOnceEverywhere()
    {
        await using var moderator = await _a.ConnectAsync(await _a.LoginModeratorAsync());
        Assert.True((await moderator.SendAsync(HubMethods.ConfigureQandA, new QandAOptionsRequest(CommandId.New(), false, false, false, [], 5))).Ok);
        Assert.True((await moderator.SendAsync(HubMethods.OpenQandA, new QandAItemRequest(CommandId.New(), null))).Ok);
        await using var asker = await _b.ConnectAsync(await _b.LoginDelegateAsync("HCM", "Người Hỏi"));
        var questions = new[] { CommandId.New(), CommandId.New() };
        foreach (var id in questions)
            Assert.True((await asker.SendAsync(HubMethods.AskQuestion, new AskRequest(id, null, null, $"Câu hỏi {id}", null, null, null, false))).Ok);

        var voters = new List<ForumClient>();
        for (var i = 0; i < DelegatesPerNode; i++)
        {
            voters.Add(await _a.ConnectAsync(await _a.LoginDelegateAsync("HCM", $"Đại biểu A{i}")));
            voters.Add(await _b.ConnectAsync(await _b.LoginDelegateAsync("DNG", $"Đại biểu B{i}")));
        }
        await using var displayA = await _a.ConnectAsync(await _a.LoginDisplayAsync());
        await using var displayB = await _b.ConnectAsync(await _b.LoginDisplayAsync());
        try
        {
            // Every delegate votes on both questions at once; each vote is sent twice with its id (a resend after a
            // lost answer) and once more with a new id (a double tap).
            var sends = voters.SelectMany(voter => questions.SelectMany(question =>
            {
                var vote = new QuestionRequest(CommandId.New(), question);
                return new[]
                {
                    voter.SendAsync(HubMethods.VoteQuestion, vote),
                    voter.SendAsync(HubMethods.VoteQuestion, vote),
                    voter.SendAsync(HubMethods.VoteQuestion, vote with { CommandId = CommandId.New() }),
                };
            })).ToList();
            var results = await Task.WhenAll(sends).WaitAsync(Timeouts.Heal);

            Assert.All(results, r => Assert.True(r.Ok, r.Error?.ToString()));
            var expected = voters.Count;
            var log = await RedisCluster.ReadLogAsync(_a);
            foreach (var question in questions)
            {
                var votes = log.Where(e => e.Type == "qa.voted" && e.Data.Contains(question)).ToList();
                Assert.Equal(expected, votes.Count);
                Assert.Equal(expected, votes.Select(e => e.Actor.Id).Distinct().Count());
            }

            var head = log.Count;
            foreach (var client in new[] { displayA, displayB, moderator, asker }.Concat(voters))
                await client.ReachAsync(head, Timeouts.Heal);
            foreach (var node in new[] { _a, _b })
            {
                await node.Engine.CatchUpAsync(default);
                foreach (var question in questions)
                    Assert.Equal((expected, expected), (node.Engine.View.State.QandA.Question(question)!.Votes,
                        node.Engine.View.State.QandA.Question(question)!.Voters.Count));
            }
            foreach (var client in new[] { displayA, displayB, moderator, asker, voters[0], voters[^1] })
                foreach (var question in questions)
                    Assert.Equal(expected, client.Forum.State.QandA.Question(question)!.Votes);
        }
        finally
        {
            foreach (var voter in voters) await voter.DisposeAsync();
        }
    }
}
