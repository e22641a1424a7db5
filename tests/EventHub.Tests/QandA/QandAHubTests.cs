using System.Net;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.QandA;

/// <summary>Live Q&A through the real SignalR client, under JSON and MessagePack: what each role may do and what it sees.</summary>
public sealed class QandAHubTests : HubAppTest
{
    static AskRequest Ask(string text = "Khi nào thủ tục cấp phép được số hóa toàn trình?", bool anonymous = false,
        string? kind = null) => new(CommandId.New(), null, kind, text, null, null, null, anonymous);

    static async Task SeeAllAsync(long seq, params ForumClient[] clients)
    {
        foreach (var client in clients) await client.WaitForSeqAsync(seq).WaitAsync(Timeouts.Call);
    }

    static void Ok(CommandResult result) => Assert.True(result.Ok, result.Error?.ToString());

    async Task<ForumClient> OpenQandAAsync(bool json, bool allowAnonymous = false)
    {
        var moderator = await App.ConnectAsync(await App.LoginModeratorAsync(), json);
        Ok(await moderator.SendAsync(HubMethods.ConfigureQandA,
            new QandAOptionsRequest(CommandId.New(), true, allowAnonymous, false, ["Chuyển đổi số"], 5)));
        Ok(await moderator.SendAsync(HubMethods.OpenQandA, new QandAItemRequest(CommandId.New(), null)));
        return moderator;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task APendingQuestion_IsSeenByItsAuthorHostReviewerAndModerator_AndByEveryoneOncePublished(bool json)
    {
        await using var moderator = await OpenQandAAsync(json);
        await using var reviewer = await App.ConnectAsync(await App.LoginReviewerAsync(), json);
        await using var lan = await App.ConnectAsync(await App.LoginDelegateAsync("HCM", "Nguyễn Thị Lan"), json);
        await using var cuong = await App.ConnectAsync(await App.LoginDelegateAsync("HCM", "Phạm Cường"), json);
        await using var hcm = await App.ConnectAsync(await App.LoginHostAsync("HCM"), json);
        await using var dng = await App.ConnectAsync(await App.LoginHostAsync("DNG"), json);
        await using var display = await App.ConnectAsync(await App.LoginDisplayAsync(), json);
        var everyone = new[] { moderator, reviewer, lan, cuong, hcm, dng, display };

        var ask = Ask();
        var asked = await lan.SendAsync(HubMethods.AskQuestion, ask);
        Ok(asked);
        await SeeAllAsync(asked.LastSeq, everyone);

        foreach (var sees in new[] { moderator, reviewer, lan, hcm })
        {
            var q = sees.Forum.State.QandA.Question(ask.CommandId)!;
            Assert.Equal((QuestionStatus.Pending, "HCM", ask.Text), (q.Status, q.Site, q.Text));
        }
        foreach (var blind in new[] { cuong, dng, display }) Assert.Empty(blind.Forum.State.QandA.Questions);

        var published = await reviewer.SendAsync(HubMethods.PublishQuestion, new QuestionRequest(CommandId.New(), ask.CommandId));
        Ok(published);
        await SeeAllAsync(published.LastSeq, everyone);
        foreach (var client in everyone)
        {
            var q = client.Forum.State.QandA.Question(ask.CommandId)!;
            Assert.Equal((QuestionStatus.Published, "Nguyễn Thị Lan", ask.Text), (q.Status, q.AuthorName, q.Text));
        }
        // The public learns no delegate id.
        Assert.Equal("", display.Forum.State.QandA.Question(ask.CommandId)!.AuthorId);
    }

    [Fact]
    public async Task AnAnonymousQuestion_StaysAnonymousInTheReportBundlesLog_WhileANamedOneKeepsItsName()
    {
        await using var moderator = await OpenQandAAsync(json: false, allowAnonymous: true);
        await using var lan = await App.ConnectAsync(await App.LoginDelegateAsync("HCM", "Nguyễn Thị Lan"));
        await using var binh = await App.ConnectAsync(await App.LoginDelegateAsync("DNG", "Trần Văn Bình"));
        Ok(await lan.SendAsync(HubMethods.AskQuestion, Ask(anonymous: true)));
        Ok(await binh.SendAsync(HubMethods.AskQuestion, Ask("Đề xuất mở lớp kỹ năng số cho cán bộ xã.")));

        using var http = App.Http();
        http.DefaultRequestHeaders.Authorization =
            new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await App.LoginModeratorAsync()).Token);
        using var response = await http.GetAsync("/api/reports/bundle.zip").WaitAsync(Timeouts.Call);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("events.jsonl")!.Open());
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var asked = lines.Where(l => l.Contains("\"type\":\"qa.submitted\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, asked.Count);
        // Her join is the moderator's to see; her anonymous question is not (neither its text's author nor its sender).
        Assert.Contains(lines, l => l.Contains("\"type\":\"delegate.joined\"", StringComparison.Ordinal) && l.Contains("Nguyễn Thị Lan"));
        Assert.DoesNotContain(asked, l => l.Contains("Nguyễn Thị Lan"));
        Assert.Contains(asked, l => l.Contains("Trần Văn Bình"));
    }

    [Fact]
    public async Task AnAnonymousQuestion_StaysAnonymousInEveryFileOfTheBundle_EvenWhereTheStaffMaySeeNames()
    {
        await using var moderator = await App.ConnectAsync(await App.LoginModeratorAsync());
        Ok(await moderator.SendAsync(HubMethods.ConfigureQandA,
            new QandAOptionsRequest(CommandId.New(), true, true, NamesToReviewers: true, ["Chuyển đổi số"], 5)));
        Ok(await moderator.SendAsync(HubMethods.OpenQandA, new QandAItemRequest(CommandId.New(), null)));
        await using var lan = await App.ConnectAsync(await App.LoginDelegateAsync("HCM", "Nguyễn Thị Lan"));
        var ask = Ask("Đề xuất mở lớp kỹ năng số cho cán bộ xã.", anonymous: true, kind: "proposal");
        Ok(await lan.SendAsync(HubMethods.AskQuestion, ask));
        Ok(await moderator.SendAsync(HubMethods.PublishQuestion, new QuestionRequest(CommandId.New(), ask.CommandId)));
        await moderator.WaitForSeqAsync(App.Engine.View.Head).WaitAsync(Timeouts.Call);
        // The staff do see her name (the forum said so); the archive, which leaves the secretariat, does not.
        Assert.Equal("Nguyễn Thị Lan", moderator.Forum.State.QandA.Question(ask.CommandId)!.AuthorName);

        using var http = App.Http();
        http.DefaultRequestHeaders.Authorization =
            new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await App.LoginModeratorAsync()).Token);
        using var response = await http.GetAsync("/api/reports/bundle.zip").WaitAsync(Timeouts.Call);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var files = EventHub.Tests.ForumReport.RecordedForumDay.Unzip(await response.Content.ReadAsByteArrayAsync())
            .ToDictionary(f => f.Name, f => System.Text.Encoding.UTF8.GetString(f.Content));

        Assert.Contains(ask.Text!, files["questions.csv"]);
        Assert.Contains(ask.Text!, files["report.html"]);
        foreach (var file in new[] { "questions.csv", "questions.json", "report.html", "report.en.html" })
            Assert.DoesNotContain("Nguyễn Thị Lan", files[file]);
        var qa = files["events.jsonl"].Split('\n').Where(l => l.Contains("\"type\":\"qa.", StringComparison.Ordinal)).ToList();
        Assert.Contains(qa, l => l.Contains("qa.submitted", StringComparison.Ordinal));
        Assert.DoesNotContain(qa, l => l.Contains("Nguyễn Thị Lan"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnAnonymousQuestion_ShowsItsSite_ButItsAuthorOnlyToTheAuthor_InEveryFormAndSnapshot(bool json)
    {
        await using var moderator = await OpenQandAAsync(json, allowAnonymous: true);
        await using var reviewer = await App.ConnectAsync(await App.LoginReviewerAsync(), json);
        var lanLogin = await App.LoginDelegateAsync("HCM", "Nguyễn Thị Lan");
        await using var lan = await App.ConnectAsync(lanLogin, json);
        await using var hcm = await App.ConnectAsync(await App.LoginHostAsync("HCM"), json);
        await using var display = await App.ConnectAsync(await App.LoginDisplayAsync(), json);
        var envelopes = new List<EventEnvelope>();
        foreach (var c in new[] { moderator, reviewer, hcm, display }) c.EnvelopeArrived += e => { lock (envelopes) envelopes.Add(e); };

        var ask = Ask(anonymous: true);
        var asked = await lan.SendAsync(HubMethods.AskQuestion, ask);
        Ok(asked);
        var published = await reviewer.SendAsync(HubMethods.PublishQuestion, new QuestionRequest(CommandId.New(), ask.CommandId));
        Ok(published);
        await SeeAllAsync(published.LastSeq, moderator, reviewer, lan, hcm, display);

        Assert.Equal("Nguyễn Thị Lan", lan.Forum.State.QandA.Question(ask.CommandId)!.AuthorName);
        foreach (var other in new[] { moderator, reviewer, hcm, display })
        {
            var q = other.Forum.State.QandA.Question(ask.CommandId)!;
            Assert.Equal(("HCM", "", ""), (q.Site, q.AuthorName, q.AuthorId));
        }
        lock (envelopes)
        {
            Assert.NotEmpty(envelopes);
            Assert.DoesNotContain(envelopes, e => e.Data.Contains("Nguyễn Thị Lan") || e.Actor.Name.Contains("Nguyễn Thị Lan"));
        }

        // A snapshot (what a client far behind starts from) leaves the author out too (the moderator and the host still
        // see the delegate's name in attendance, not tied to the question); the author's own come from MyQuestions.
        foreach (var viewer in new[] { moderator, reviewer, hcm, display })
        {
            var fresh = await viewer.InvokeAsync<ResumeResult>(HubMethods.Resume, new ResumeRequest("another-epoch", 0));
            var q = Snapshots.Deserialize(fresh.Snapshot!).QandA.Question(ask.CommandId)!;
            Assert.Equal(("HCM", "", ""), (q.Site, q.AuthorName, q.AuthorId));
        }
        var mine = await lan.InvokeAsync<MyQandA>(HubMethods.MyQuestions);
        Assert.Equal(ask.CommandId, Assert.Single(mine.Questions).QuestionId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Votes_AreOnePerDelegate_ARetryIsCountedOnce_AndNobodyButTheVoterLearnsWhoVoted(bool json)
    {
        await using var moderator = await OpenQandAAsync(json);
        await using var lan = await App.ConnectAsync(await App.LoginDelegateAsync("HCM", "Nguyễn Thị Lan"), json);
        await using var binh = await App.ConnectAsync(await App.LoginDelegateAsync("DNG", "Lê Văn Bình"), json);
        await using var display = await App.ConnectAsync(await App.LoginDisplayAsync(), json);
        var votesSeen = new List<EventEnvelope>();
        display.EnvelopeArrived += e => { if (e.Type is "qa.voted" or VoteTallies.Type) lock (votesSeen) votesSeen.Add(e); };
        var ask = Ask();
        Ok(await lan.SendAsync(HubMethods.AskQuestion, ask));
        Ok(await moderator.SendAsync(HubMethods.PublishQuestion, new QuestionRequest(CommandId.New(), ask.CommandId)));

        var vote = new QuestionRequest(CommandId.New(), ask.CommandId);
        var first = await binh.SendAsync(HubMethods.VoteQuestion, vote);
        var retry = await binh.SendAsync(HubMethods.VoteQuestion, vote);
        var again = await binh.SendAsync(HubMethods.VoteQuestion, new QuestionRequest(CommandId.New(), ask.CommandId));
        var lans = await lan.SendAsync(HubMethods.VoteQuestion, new QuestionRequest(CommandId.New(), ask.CommandId));
        Ok(first);
        Ok(lans);
        Assert.True(retry is { Ok: true, Duplicate: true } && retry.FirstSeq == first.FirstSeq, retry.ToString());
        Assert.True(again is { Ok: true, FirstSeq: 0 }, again.ToString()); // nothing new
        await SeeAllAsync(lans.LastSeq, moderator, lan, binh, display);

        foreach (var client in new[] { moderator, lan, binh, display })
            Assert.Equal(2, client.Forum.State.QandA.Question(ask.CommandId)!.Votes);
        lock (votesSeen)
        {
            // The public gets votes gathered into tallies (VoteTallyTests), never one message per vote.
            Assert.NotEmpty(votesSeen);
            Assert.All(votesSeen, e => Assert.Equal(VoteTallies.Type, e.Type));
            Assert.All(votesSeen, e => Assert.DoesNotContain("d-", e.Data));
            Assert.All(votesSeen, e => Assert.Equal("", e.Actor.Id));
        }
        var mine = await binh.InvokeAsync<MyQandA>(HubMethods.MyQuestions);
        Assert.Equal([ask.CommandId], mine.Voted);

        var unvote = await binh.SendAsync(HubMethods.UnvoteQuestion, new QuestionRequest(CommandId.New(), ask.CommandId));
        Ok(unvote);
        await SeeAllAsync(unvote.LastSeq, display);
        Assert.Equal(1, display.Forum.State.QandA.Question(ask.CommandId)!.Votes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheReviewer_LogsInWithTheirOwnKey_ReviewsQuestions_ButCannotTouchTheQueueOrAttendance(bool json)
    {
        await using var moderator = await OpenQandAAsync(json);
        var wrong = await App.PostTokenRawAsync(new { role = "reviewer", key = App.Credentials.ModeratorKey });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.NotEqual(App.Credentials.ModeratorKey, App.Credentials.ReviewerKey);

        var login = await App.LoginReviewerAsync();
        await using var reviewer = await App.ConnectAsync(login, json);
        Assert.Equal("reviewer", (await reviewer.InvokeAsync<Identity>(HubMethods.WhoAmI)).Role);
        await using var lan = await App.ConnectAsync(await App.LoginDelegateAsync("HCM", "Nguyễn Thị Lan"), json);
        var ask = Ask();
        Ok(await lan.SendAsync(HubMethods.AskQuestion, ask));
        var head = App.Engine.View.Head;

        var callNext = await reviewer.SendAsync(HubMethods.CallNext, new CallNextRequest(CommandId.New(), null, null));
        var checkIn = await reviewer.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), "HCM", "Lan", 10));
        var highlight = await reviewer.SendAsync(HubMethods.HighlightQuestion, new QuestionRequest(CommandId.New(), ask.CommandId));
        var close = await reviewer.SendAsync(HubMethods.CloseQandA, new QandAItemRequest(CommandId.New(), null));
        var askSelf = await reviewer.SendAsync(HubMethods.AskQuestion, Ask() with { Site = "HCM" });
        foreach (var refused in new[] { callNext, checkIn, highlight, close, askSelf })
            Assert.Equal("auth.forbidden", refused.Error?.Code);
        Assert.Equal(head, App.Engine.View.Head);

        Ok(await reviewer.SendAsync(HubMethods.EditQuestion, new EditQuestionRequest(CommandId.New(), ask.CommandId, "Câu hỏi đã sửa.", null)));
        var dismissed = await reviewer.SendAsync(HubMethods.DismissQuestion,
            new DismissQuestionRequest(CommandId.New(), ask.CommandId, "Đã có câu tương tự"));
        Ok(dismissed);
        await SeeAllAsync(dismissed.LastSeq, lan);
        var own = lan.Forum.State.QandA.Question(ask.CommandId)!;
        Assert.Equal((QuestionStatus.Dismissed, "Đã có câu tương tự", ask.Text), (own.Status, own.DismissReason, own.OriginalText));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BadQuestions_GetStructuredErrors_InBothLanguages_AndChangeNothing(bool json)
    {
        await using var moderator = await App.ConnectAsync(await App.LoginModeratorAsync(), json);
        await using var lan = await App.ConnectAsync(await App.LoginDelegateAsync("HCM", "Nguyễn Thị Lan"), json);
        var closed = await lan.SendAsync(HubMethods.AskQuestion, Ask());
        Assert.Equal("qa.closed", closed.Error?.Code);
        Ok(await moderator.SendAsync(HubMethods.OpenQandA, new QandAItemRequest(CommandId.New(), null)));
        var head = App.Engine.View.Head;

        var results = new Dictionary<string, CommandResult>
        {
            ["input.too_long"] = await lan.SendAsync(HubMethods.AskQuestion, Ask(new string('x', QandADecider.TextMax + 1))),
            ["input.control_characters"] = await lan.SendAsync(HubMethods.AskQuestion, Ask("Câu\u0001hỏi")),
            ["qa.unknown_kind"] = await lan.SendAsync(HubMethods.AskQuestion, Ask(kind: "complaint")),
            ["qa.anonymous_not_allowed"] = await lan.SendAsync(HubMethods.AskQuestion, Ask(anonymous: true)),
            ["qa.unknown_question"] = await lan.SendAsync(HubMethods.VoteQuestion, new QuestionRequest(CommandId.New(), "nope")),
            ["auth.other_site"] = await lan.SendAsync(HubMethods.AskQuestion, Ask() with { Site = "DNG" }),
        };
        foreach (var (code, result) in results)
        {
            Assert.Equal(code, result.Error?.Code);
            Assert.False(string.IsNullOrWhiteSpace(result.Error!.Message));
            Assert.False(string.IsNullOrWhiteSpace(result.Error.MessageEn));
        }
        Assert.Equal(head, App.Engine.View.Head);
    }

    [Fact]
    public async Task ARemovedDelegate_LosesTheirPendingQuestionsAndVotes()
    {
        await using var moderator = await OpenQandAAsync(json: false);
        await using var lan = await App.ConnectAsync(await App.LoginDelegateAsync("HCM", "Nguyễn Thị Lan"));
        var binhLogin = await App.LoginDelegateAsync("DNG", "Lê Văn Bình");
        await using var binh = await App.ConnectAsync(binhLogin);
        await using var display = await App.ConnectAsync(await App.LoginDisplayAsync());
        var lans = Ask();
        Ok(await lan.SendAsync(HubMethods.AskQuestion, lans));
        Ok(await moderator.SendAsync(HubMethods.PublishQuestion, new QuestionRequest(CommandId.New(), lans.CommandId)));
        Ok(await binh.SendAsync(HubMethods.VoteQuestion, new QuestionRequest(CommandId.New(), lans.CommandId)));
        var binhs = Ask("Câu hỏi của Bình");
        Ok(await binh.SendAsync(HubMethods.AskQuestion, binhs));

        var removed = await moderator.SendAsync(HubMethods.RemoveDelegate, new DelegateRequest(CommandId.New(), binhLogin.Identity.Id));
        Ok(removed);
        await SeeAllAsync(removed.LastSeq, moderator, display);

        Assert.Equal(0, display.Forum.State.QandA.Question(lans.CommandId)!.Votes);
        Assert.Equal(QuestionStatus.Withdrawn, moderator.Forum.State.QandA.Question(binhs.CommandId)!.Status);
        Assert.Equal(0, moderator.Forum.State.QandA.Question(lans.CommandId)!.Votes);
    }
}
