using System.Text.Json;
using System.Text.RegularExpressions;
using EventHub.Domain.QandA;
using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Cli;

/// <summary>Live Q&A from a terminal: a delegate asks, the reviewer publishes, another delegate votes, the list shows it.</summary>
public sealed partial class QandACliTests : IAsyncLifetime
{
    readonly HubApp _app = new();
    readonly CliRunner _lan = new();
    readonly CliRunner _binh = new();
    readonly CliRunner _reviewer = new();
    readonly CliRunner _moderator = new();

    public async Task InitializeAsync()
    {
        var hub = _app.BaseAddress.ToString();
        await Ok(_moderator, "login", "--hub", hub, "--role", "moderator", "--key", _app.Credentials.ModeratorKey);
        await Ok(_reviewer, "login", "--hub", hub, "--role", "reviewer", "--key", _app.Credentials.ReviewerKey!);
        await Ok(_lan, "login", "--hub", hub, "--role", "delegate", "--site", "HCM", "--key", _app.Credentials.Sites["HCM"].JoinCode, "--name", "Nguyễn Thị Lan");
        await Ok(_binh, "login", "--hub", hub, "--role", "delegate", "--site", "DNG", "--key", _app.Credentials.Sites["DNG"].JoinCode, "--name", "Lê Văn Bình");
        await Ok(_moderator, "moderator", "qa", "configure", "--anonymous", "--topic", "Chuyển đổi số", "--topic", "Cải cách hành chính");
        await Ok(_moderator, "moderator", "qa", "open");
    }

    public async Task DisposeAsync()
    {
        foreach (var cli in new[] { _lan, _binh, _reviewer, _moderator }) cli.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ADelegateAsks_TheReviewerPublishes_AnotherVotes_AndTheListShowsItWithTheirMarks()
    {
        var asked = await Ok(_lan, "ask", "Khi nào thủ tục được số hóa toàn trình?", "--topic", "chuyển đổi số");
        var id = IdIn(asked.Out);
        var proposed = IdIn((await Ok(_lan, "propose", "Đề xuất mở rộng dịch vụ công trực tuyến")).Out);

        var early = await _binh.RunAsync("vote", id);
        Assert.True(early.Exit == ExitCodes.Refused, early.ToString());
        Assert.Contains("qa.not_votable", early.Error);

        await Ok(_reviewer, "review", "publish", id);
        await Ok(_binh, "vote", id);
        var again = await Ok(_binh, "vote", id);
        Assert.DoesNotContain(id, again.Out); // nothing changed: one vote per delegate

        var listed = await Ok(_binh, "questions", "--json");
        var rows = listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var row = Assert.Single(rows); // the proposal is still under review: not Bình's to see
        Assert.Equal((id, 1, true, false), (row.GetProperty("id").GetString(), row.GetProperty("votes").GetInt32(),
            row.GetProperty("voted").GetBoolean(), row.GetProperty("mine").GetBoolean()));

        var own = await Ok(_lan, "questions", "--status", "pending", "--json");
        Assert.Contains(proposed, own.Out);
        Assert.Equal((1, "Chuyển đổi số"), (_app.Engine.View.State.QandA.Question(id)!.Votes, _app.Engine.View.State.QandA.Question(id)!.Topic));
        Assert.Equal(["Chuyển đổi số", "Cải cách hành chính"], _app.Engine.View.State.QandA.Topics);
        Assert.Equal(QuestionStatus.Pending, _app.Engine.View.State.QandA.Question(proposed)!.Status);
    }

    [Fact]
    public async Task TheReviewer_CannotRunTheSpeakerQueue_AndDismissesWithAReason()
    {
        var id = IdIn((await Ok(_lan, "ask", "Câu hỏi trùng")).Out);
        var next = await _reviewer.RunAsync("moderator", "next");
        Assert.True(next.Exit == ExitCodes.Refused, next.ToString());
        Assert.Contains("auth.forbidden", next.Error);

        await Ok(_reviewer, "review", "dismiss", id, "--reason", "Đã có câu tương tự");
        Assert.Equal("Đã có câu tương tự", _app.Engine.View.State.QandA.Question(id)!.DismissReason);
    }

    [Fact]
    public async Task Watch_ShowsTheQuestionNowAnswering_AndTheTopOnes()
    {
        var id = IdIn((await Ok(_lan, "ask", "Câu hỏi cho màn hình")).Out);
        await Ok(_reviewer, "review", "publish", id);
        await Ok(_moderator, "moderator", "qa", "highlight", id);
        using var stop = new CancellationTokenSource();
        var (exit, output, _) = _binh.Start(["watch", "--lang", "en"], stop.Token);

        await output.WaitForLineAsync(l => l.Contains("Now answering") && l.Contains("Câu hỏi cho màn hình"), Timeouts.Call);
        await output.WaitForLineAsync(l => l.Contains("0 votes · HCM · Câu hỏi cho màn hình"), Timeouts.Call);
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Done, await exit.WaitAsync(Timeouts.Call));
    }

    static async Task<CliRun> Ok(CliRunner cli, params string[] args)
    {
        var run = await cli.RunAsync(args);
        Assert.True(run.Exit == ExitCodes.Done, run.ToString());
        return run;
    }

    /// <summary>The id <c>ask</c> / <c>propose</c> print ("Đã gửi, mã …").</summary>
    static string IdIn(string output) => PrintedId().Match(output).Groups[1].Value;

    [GeneratedRegex(@"mã ([A-Za-z0-9_-]+)\.")]
    private static partial Regex PrintedId();
}
