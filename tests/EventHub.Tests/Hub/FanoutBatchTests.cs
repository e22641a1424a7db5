using System.Collections.Concurrent;
using System.Text.Json;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace EventHub.Tests.Hub;

/// <summary>
/// The fan-out writes what is waiting for a connection as one <c>Events</c> message, in log order and in the forms its
/// viewer may see, and a lone event as an <c>Event</c>, as raw SignalR clients receive them.
/// </summary>
public sealed class FanoutBatchTests
{
    const string AnonymousName = "Người Hỏi Ẩn Danh";

    /// <summary>Every message a raw JSON connection receives, in arrival order: its method and the envelopes it carries.</summary>
    sealed class Watcher : IAsyncDisposable
    {
        public required HubConnection Connection { get; init; }
        public ConcurrentQueue<(string Method, JsonElement[] Envelopes)> Messages { get; } = new();

        public static async Task<Watcher> ConnectAsync(HubApp app, LoginResult login)
        {
            var watcher = new Watcher
            {
                Connection = new HubConnectionBuilder()
                    .WithUrl(app.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(login.Token))
                    .Build(),
            };
            watcher.Connection.On<JsonElement>(ClientMethods.Event, e => watcher.Messages.Enqueue((ClientMethods.Event, [e.Clone()])));
            watcher.Connection.On<JsonElement>(ClientMethods.Events,
                batch => watcher.Messages.Enqueue((ClientMethods.Events, [.. batch.EnumerateArray().Select(e => e.Clone())])));
            await watcher.Connection.StartAsync().WaitAsync(Timeouts.Call);
            return watcher;
        }

        /// <summary>The message that carried <paramref name="seq"/>, once it came.</summary>
        public async Task<(string Method, JsonElement[] Envelopes)> CarryingAsync(long seq)
        {
            (string, JsonElement[]) found = default;
            await Eventually.That(() => Messages.Any(m =>
            {
                if (!m.Envelopes.Any(e => e.GetProperty("seq").GetInt64() == seq)) return false;
                found = m;
                return true;
            }));
            return found;
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    /// <summary>A hub whose votes gather until the next event (no timer, no beacon), Q&amp;A open, one question asked.</summary>
    sealed class QandAForum : IAsyncDisposable
    {
        public required HubApp App { get; init; }
        public required ForumClient Moderator { get; init; }
        public required ForumClient Asker { get; init; }
        public required string Question { get; init; }

        public static async Task<QandAForum> OpenAsync(params (string Key, string Value)[] extra)
        {
            var settings = new Dictionary<string, string?>
            {
                ["EventHub:TallyInterval"] = "01:00:00",
                ["EventHub:PositionInterval"] = "01:00:00",
            };
            foreach (var (key, value) in extra) settings[key] = value;
            var app = new HubApp(settings);
            var moderator = await app.ConnectAsync(await app.LoginModeratorAsync());
            Assert.True((await moderator.SendAsync(HubMethods.ConfigureQandA,
                new QandAOptionsRequest(CommandId.New(), Review: false, AllowAnonymous: true, NamesToReviewers: false, [], 5))).Ok);
            Assert.True((await moderator.SendAsync(HubMethods.OpenQandA, new QandAItemRequest(CommandId.New(), null))).Ok);
            var asker = await app.ConnectAsync(await app.LoginDelegateAsync("HCM", "Người Hỏi"));
            var question = CommandId.New();
            Assert.True((await asker.SendAsync(HubMethods.AskQuestion, new AskRequest(question, null, null, "Câu hỏi?", null, null, null, false))).Ok);
            return new QandAForum { App = app, Moderator = moderator, Asker = asker, Question = question };
        }

        public async ValueTask DisposeAsync()
        {
            await Asker.DisposeAsync();
            await Moderator.DisposeAsync();
            await App.DisposeAsync();
        }
    }

    [Fact]
    public async Task EventsWaitingTogether_ReachEachConnectionAsOneMessage_InLogOrder_InTheFormItsViewerMaySee()
    {
        // Gathered votes wait for the next event of another kind (no timer, no beacon), so the tally and the
        // question asked after it are waiting together when the fan-out writes.
        await using var forum = await QandAForum.OpenAsync();
        var (app, moderator, question) = (forum.App, forum.Moderator, forum.Question);
        await using var voter = await app.ConnectAsync(await app.LoginDelegateAsync("DNG", "Đại biểu"));

        await using var staff = await Watcher.ConnectAsync(app, await app.LoginModeratorAsync());
        await using var host = await Watcher.ConnectAsync(app, await app.LoginHostAsync("HCM"));
        await using var other = await Watcher.ConnectAsync(app, await app.LoginDelegateAsync("DNG", "Người Xem"));
        await using var author = await Watcher.ConnectAsync(app, await app.LoginDelegateAsync("HCM", AnonymousName));

        var vote = await voter.SendAsync(HubMethods.VoteQuestion, new QuestionRequest(CommandId.New(), question));
        Assert.True(vote.Ok);
        var asked = await author.Connection.InvokeAsync<CommandResult>(HubMethods.AskQuestion,
            new AskRequest(CommandId.New(), null, null, "Câu hỏi ẩn danh?", null, null, null, Anonymous: true)).WaitAsync(Timeouts.Call);
        Assert.True(asked.Ok, asked.Error?.ToString());

        var expected = new[] { vote.FirstSeq }.Concat(Enumerable.Range((int)asked.FirstSeq, (int)(asked.LastSeq - asked.FirstSeq + 1)).Select(s => (long)s)).ToList();
        foreach (var watcher in new[] { staff, host, other, author })
        {
            var (method, envelopes) = await watcher.CarryingAsync(asked.LastSeq);
            Assert.Equal(ClientMethods.Events, method);
            Assert.Equal(expected, envelopes.Select(e => e.GetProperty("seq").GetInt64()));
            Assert.Equal(VoteTallies.Type, envelopes[0].GetProperty("type").GetString());
            // Every sequence number reaches every connection exactly once.
            Assert.Single(watcher.Messages, m => m.Envelopes.Any(e => e.GetProperty("seq").GetInt64() == asked.LastSeq));
        }

        // The anonymous author's name reaches the author alone; the staff and the site's host see the question unnamed.
        static string DataOf(Watcher w, long seq) =>
            w.Messages.SelectMany(m => m.Envelopes).Single(e => e.GetProperty("seq").GetInt64() == seq).GetProperty("data").GetString()!;
        Assert.Contains(AnonymousName, DataOf(author, asked.FirstSeq));
        Assert.All(new[] { staff, host, other }, w => Assert.DoesNotContain(AnonymousName, DataOf(w, asked.FirstSeq)));
        Assert.Contains("Câu hỏi ẩn danh?", DataOf(staff, asked.FirstSeq));
        Assert.Contains("Câu hỏi ẩn danh?", DataOf(host, asked.FirstSeq));

        // Nothing waiting with it: a lone event goes out on its own, as an Event.
        var highlighted = await moderator.SendAsync(HubMethods.HighlightQuestion, new QuestionRequest(CommandId.New(), question));
        Assert.True(highlighted.Ok);
        Assert.Equal(highlighted.FirstSeq, highlighted.LastSeq);
        foreach (var watcher in new[] { staff, host, other, author })
            Assert.Equal(ClientMethods.Event, (await watcher.CarryingAsync(highlighted.LastSeq)).Method);
    }

    [Fact]
    public async Task WithOneEventPerMessage_EventsWaitingTogether_GoOutEachOnItsOwn()
    {
        await using var forum = await QandAForum.OpenAsync(("EventHub:EventsPerMessage", "1"));
        var (app, moderator, asker, question) = (forum.App, forum.Moderator, forum.Asker, forum.Question);
        await using var watcher = await Watcher.ConnectAsync(app, await app.LoginDisplayAsync());

        var vote = await asker.SendAsync(HubMethods.VoteQuestion, new QuestionRequest(CommandId.New(), question));
        var highlighted = await moderator.SendAsync(HubMethods.HighlightQuestion, new QuestionRequest(CommandId.New(), question));
        Assert.True(vote.Ok && highlighted.Ok);

        foreach (var seq in new[] { vote.FirstSeq, highlighted.FirstSeq })
        {
            var (method, envelopes) = await watcher.CarryingAsync(seq);
            Assert.Equal(ClientMethods.Event, method);
            Assert.Equal(seq, Assert.Single(envelopes).GetProperty("seq").GetInt64());
        }
        Assert.DoesNotContain(watcher.Messages, m => m.Method == ClientMethods.Events);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("33")]
    public void AnEventsPerMessageOutsideOneTo32_StopsTheNodeAtStart_NamingTheSetting(string value)
    {
        var failure = Assert.ThrowsAny<Exception>(() => new HubApp(new Dictionary<string, string?> { ["EventHub:EventsPerMessage"] = value }));
        Assert.Contains("EventHub:EventsPerMessage must be between 1 and 32", failure.ToString());
    }
}
