using System.Text.Json;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EventHub.Tests.Security;

/// <summary>Token buckets per connection and per caller on hub calls: a limited call changes nothing and keeps the connection.</summary>
public sealed class HubLimitTests
{
    static async Task<HubConnection> RawAsync(HubApp app, LoginResult login)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(app.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(login.Token)).Build();
        await connection.StartAsync().WaitAsync(Timeouts.Call);
        return connection;
    }

    static Task<CommandResult> CheckInAsync(HubConnection connection, string site, string commandId) =>
        connection.InvokeAsync<CommandResult>(HubMethods.CheckIn, new CheckInRequest(commandId, site, "Lê Văn Bình", 12)).WaitAsync(Timeouts.Call);

    [Fact]
    public async Task OneConnection_OverItsBucket_GetsRateLimitedWithARetryTime_NothingChanges_AndTheConnectionStays()
    {
        await using var app = new HubApp(new()
        {
            ["EventHub:RateLimits:ConnectionBurst"] = "3",
            ["EventHub:RateLimits:ConnectionPerSecond"] = "1",
        });
        await using var host = await RawAsync(app, await app.LoginHostAsync("HCM"));
        for (var i = 0; i < 3; i++) await host.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call);
        var head = app.Engine.View.Head;

        var limited = await CheckInAsync(host, "HCM", CommandId.New());

        Assert.Equal("rate.limited", limited.Error?.Code);
        Assert.True(limited.Error!.RetryAfterMs > 0);
        Assert.Equal(head, app.Engine.View.Head);
        Assert.Equal(HubConnectionState.Connected, host.State);
        // A query over the limit: the same error, as the JSON of a hub error.
        var ex = await Assert.ThrowsAsync<HubException>(() => host.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call));
        var error = JsonDocument.Parse(ex.Message[ex.Message.IndexOf('{')..]).RootElement;
        Assert.Equal("rate.limited", error.GetProperty("code").GetString());
        Assert.True(error.GetProperty("retryAfterMs").GetInt64() > 0);

        // After the wait it names, the same command goes through on the same connection.
        await Task.Delay(TimeSpan.FromMilliseconds(error.GetProperty("retryAfterMs").GetInt64() + 100));
        Assert.True((await CheckInAsync(host, "HCM", CommandId.New())).Ok);
    }

    [Fact]
    public async Task OneCaller_OnSeveralConnections_SharesOneBucket_OtherCallersDoNot()
    {
        await using var app = new HubApp(new()
        {
            ["EventHub:RateLimits:CallerBurst"] = "2",
            ["EventHub:RateLimits:CallerPerSecond"] = "1",
        });
        await using var first = await RawAsync(app, await app.LoginHostAsync("HCM"));
        await using var second = await RawAsync(app, await app.LoginHostAsync("HCM"));
        await using var other = await RawAsync(app, await app.LoginHostAsync("DNG"));

        Assert.True((await CheckInAsync(first, "HCM", CommandId.New())).Ok);
        Assert.Equal("attendance.already_checked_in", (await CheckInAsync(second, "HCM", CommandId.New())).Error?.Code);
        Assert.Equal("rate.limited", (await CheckInAsync(first, "HCM", CommandId.New())).Error?.Code);
        Assert.Equal("rate.limited", (await CheckInAsync(second, "HCM", CommandId.New())).Error?.Code);

        Assert.True((await CheckInAsync(other, "DNG", CommandId.New())).Ok);
    }

    /// <summary>The defaults, against what a forum day asks: every site's host logging in and checking in at once,
    /// then a moderator console sending a burst of commands as fast as the hub answers.</summary>
    [Fact]
    public async Task DefaultLimits_A62SiteCheckInStorm_AndAModeratorBurst_NeverMeetThem()
    {
        await using var app = new HubApp();
        var sites = app.Credentials.Sites.Keys.ToList();
        Assert.Equal(62, sites.Count);

        var results = await Task.WhenAll(sites.Select(async site =>
        {
            await using var host = await RawAsync(app, await app.LoginHostAsync(site));
            await host.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call);
            return await CheckInAsync(host, site, CommandId.New());
        }));
        Assert.All(results, r => Assert.True(r.Ok, r.Error?.Code));

        await using var moderator = await RawAsync(app, await app.LoginModeratorAsync());
        for (var i = 0; i < 40; i++)
        {
            var result = await moderator.InvokeAsync<CommandResult>(HubMethods.UpdateHeadcount,
                new HeadcountRequest(CommandId.New(), sites[i % sites.Count], 20 + i)).WaitAsync(Timeouts.Call);
            Assert.True(result.Ok, result.Error?.Code);
        }
    }
    /// <summary>Published questions to vote on, asked by a few sites' hosts with review off (each host within its own buckets).</summary>
    static async Task<List<string>> PublishedQuestionsAsync(HubApp app, int count)
    {
        await using var moderator = await app.ConnectAsync(await app.LoginModeratorAsync());
        Assert.True((await moderator.SendAsync(HubMethods.ConfigureQandA, new QandAOptionsRequest(CommandId.New(), false, false, false, [], 100))).Ok);
        Assert.True((await moderator.SendAsync(HubMethods.OpenQandA, new QandAItemRequest(CommandId.New(), null))).Ok);
        var ids = new List<string>();
        foreach (var site in new[] { "HCM", "DNG", "HUE", "CTO" })
        {
            await using var host = await app.ConnectAsync(await app.LoginHostAsync(site));
            for (var i = 0; i < count / 4 + 1 && ids.Count < count; i++)
            {
                var ask = new AskRequest(CommandId.New(), site, "question", $"Câu hỏi số {ids.Count + 1} của điểm cầu {site}?", null, null, null, false);
                Assert.True((await host.SendAsync(HubMethods.AskQuestion, ask)).Ok);
                ids.Add(ask.CommandId);
            }
        }
        return ids;
    }

    static Task<CommandResult> VoteAsync(HubConnection connection, string questionId, string? commandId = null) =>
        connection.InvokeAsync<CommandResult>(HubMethods.VoteQuestion, new QuestionRequest(commandId ?? CommandId.New(), questionId)).WaitAsync(Timeouts.Call);

    [Fact]
    public async Task OneDelegate_OverTheVoteBucket_GetsRateLimited_TheVoteIsNotCounted_AndTheConnectionStays()
    {
        await using var app = new HubApp(new()
        {
            ["EventHub:RateLimits:VoteBurst"] = "2",
            ["EventHub:RateLimits:VotesPerSecond"] = "1",
        });
        var questions = await PublishedQuestionsAsync(app, 4);
        var lanLogin = await app.LoginDelegateAsync("HCM", "Nguyễn Thị Lan");
        await using var lan = await RawAsync(app, lanLogin);
        await using var lanPhone2 = await RawAsync(app, lanLogin);
        await using var binh = await RawAsync(app, await app.LoginDelegateAsync("DNG", "Lê Văn Bình"));

        Assert.True((await VoteAsync(lan, questions[0])).Ok);
        Assert.True((await VoteAsync(lanPhone2, questions[1])).Ok); // her second phone shares her bucket
        var head = app.Engine.View.Head;
        var limited = await VoteAsync(lan, questions[2]);
        var unvote = await lanPhone2.InvokeAsync<CommandResult>(HubMethods.UnvoteQuestion, new QuestionRequest(CommandId.New(), questions[0])).WaitAsync(Timeouts.Call);

        Assert.Equal("rate.limited", limited.Error?.Code);
        Assert.True(limited.Error!.RetryAfterMs > 0);
        Assert.Equal("rate.limited", unvote.Error?.Code);
        Assert.Equal(head, app.Engine.View.Head);
        Assert.Equal(0, app.Engine.View.State.QandA.Question(questions[2])!.Votes);
        Assert.Equal(1, app.Engine.View.State.QandA.Question(questions[0])!.Votes);
        Assert.Equal(HubConnectionState.Connected, lan.State);
        // Another delegate has a bucket of their own, and other commands of hers are not votes.
        Assert.True((await VoteAsync(binh, questions[2])).Ok);
        Assert.True((await lan.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call)) is not null);

        // After the wait it names, the same vote (same command id) goes through once.
        await Task.Delay(TimeSpan.FromMilliseconds(limited.Error.RetryAfterMs!.Value + 100));
        var retried = await VoteAsync(lan, questions[2]);
        Assert.True(retried.Ok, retried.Error?.Code);
        Assert.Equal(2, app.Engine.View.State.QandA.Question(questions[2])!.Votes);
    }

    /// <summary>The default vote limit, against the most a person does: votes on thirty questions as fast as the hub answers.</summary>
    [Fact]
    public async Task DefaultVoteLimit_ADelegateVotingOnThirtyQuestionsAtOnce_NeverMeetsIt()
    {
        await using var app = new HubApp();
        var questions = await PublishedQuestionsAsync(app, 30);
        await using var lan = await RawAsync(app, await app.LoginDelegateAsync("HCM", "Nguyễn Thị Lan"));

        var results = await Task.WhenAll(questions.Select(q => VoteAsync(lan, q)));

        Assert.All(results, r => Assert.True(r.Ok, r.Error?.Code));
        Assert.All(questions, q => Assert.Equal(1, app.Engine.View.State.QandA.Question(q)!.Votes));
    }
}
