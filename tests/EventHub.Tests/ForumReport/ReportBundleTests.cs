using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EventHub.ForumReport;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.ForumReport;

/// <summary>
/// GET /api/reports/bundle.zip after a recorded forum day: the report's totals against a count made here straight
/// from the log inside the zip, the files and their README, and who may have it.
/// </summary>
public sealed partial class ReportBundleTests(RecordedForumDay day) : IClassFixture<RecordedForumDay>
{
    string Text(string file) => Encoding.UTF8.GetString(day.Files[file]);

    [Fact]
    public void ReportTotals_EqualAnIndependentCountOfTheLogInTheZip()
    {
        var log = LogCount.Of(Text("events.jsonl"));
        var html = Text("report.html");
        long Figure(string key) => long.Parse(Regex.Match(html, $"data-figure=\"{key}\" data-value=\"(-?\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture);

        Assert.Equal(day.App.Engine.View.Head, log.Head); // the zip holds the whole log
        Assert.Equal(62, log.SitesCheckedIn.Count);
        Assert.Equal(log.SitesCheckedIn.Count, Figure("sites-checked-in"));
        Assert.Equal(log.PeakHeadcount, Figure("peak-headcount"));
        Assert.Equal(log.Delegates, Figure("delegates"));
        Assert.Equal(log.Awardees, Figure("awardees"));
        Assert.Equal(1, Figure("roll-calls"));
        Assert.Equal(log.Speeches, Figure("speeches"));
        Assert.Equal((log.SpokenMs + 500) / 1000, Figure("spoken-seconds"));
        Assert.Equal(log.SitesThatSpoke.Count, Figure("sites-that-spoke"));
        Assert.Equal(log.SitesThatAsked.Except(log.SitesThatSpoke).Count(), Figure("sites-unheard"));
        Assert.Equal(14, log.Speeches); // two hall speeches and twelve sites: the recorded day, not an empty one
        Assert.Equal(8, Figure("sites-unheard"));

        // The roll call: who answered, in the report's own words.
        Assert.Contains($"{log.RollCallAnswers.Count}/62", html);
        Assert.Equal(58, log.RollCallAnswers.Count);

        // The JSON exports say the same.
        using var speeches = JsonDocument.Parse(day.Files["speeches.json"]);
        var sites = speeches.RootElement.GetProperty("sites").EnumerateArray().ToList();
        Assert.Equal(log.Speeches, sites.Sum(s => s.GetProperty("speeches").GetInt32()));
        Assert.Equal(log.SpokenMs, sites.Sum(s => s.GetProperty("spokenMs").GetInt64()));
        using var attendance = JsonDocument.Parse(day.Files["attendance.json"]);
        Assert.Equal(log.Head, attendance.RootElement.GetProperty("seq").GetInt64());
        Assert.Equal(log.SitesCheckedIn.Count, attendance.RootElement.GetProperty("sites").EnumerateArray()
            .Count(s => s.GetProperty("spells").GetArrayLength() > 0));
    }

    [Fact]
    public void QandATotals_EqualAnIndependentCountOfTheLogInTheZip()
    {
        var log = LogCount.Of(Text("events.jsonl"));
        var html = Text("report.html");
        long Figure(string key) => long.Parse(Regex.Match(html, $"data-figure=\"{key}\" data-value=\"(-?\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture);

        // The recorded day's Q&A, not an empty one: a merge, an anonymous few, hundreds of votes, three answers.
        Assert.True(log.Count("proposal") >= 10 && log.Count("question") >= 15, $"{log.Count("proposal")} proposals, {log.Count("question")} questions");
        Assert.Single(log.MergedAway);
        Assert.True(log.Anonymous.Count >= 5, $"{log.Anonymous.Count} anonymous");
        Assert.True(log.VoteEvents > 300, $"{log.VoteEvents} votes");
        Assert.Equal(3, log.Answered.Count);

        Assert.Equal(log.Count("question"), Figure("questions"));
        Assert.Equal(log.Count("proposal"), Figure("proposals"));
        Assert.Equal(log.Published.Count, Figure("qa-published"));
        Assert.Equal(log.Answered.Count, Figure("qa-answered"));
        Assert.Equal(log.Votes, Figure("votes"));
        Assert.Equal(log.Questions.Values.Select(q => q.Site).Distinct().Count(), Figure("qa-sites"));

        // Per topic, as the report's table shows it (the questions without a topic last).
        var topics = Regex.Matches(Table(html, "qanda-topics"), "<tr><td>([^<]+)</td><td class=\"n\">(\\d+)</td><td class=\"n\">(\\d+)</td><td class=\"n\">(\\d+)</td>")
            .ToDictionary(m => m.Groups[1].Value, m => (Questions: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                Proposals: int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), Published: int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture)));
        var byTopic = log.Questions.GroupBy(q => q.Value.Topic ?? "Chưa gắn chủ đề").ToList();
        Assert.Equal(byTopic.Count, topics.Count);
        foreach (var topic in byTopic)
            Assert.Equal((topic.Count(q => q.Value.Kind == "question"), topic.Count(q => q.Value.Kind == "proposal"), topic.Count(q => log.Published.Contains(q.Key))),
                topics[topic.Key]);
        Assert.Equal("Chưa gắn chủ đề", topics.Keys.Last());

        // The proposals in full: every published one still standing, once, with its whole text.
        var standing = log.Questions.Where(q => q.Value.Kind == "proposal" && log.Published.Contains(q.Key) && !log.MergedAway.Contains(q.Key)).Select(q => q.Key).ToList();
        var qanda = Section(html, "qanda");
        using var exported = JsonDocument.Parse(day.Files["questions.json"]);
        var rows = exported.RootElement.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("questionId").GetString()!);
        Assert.Equal(log.Questions.Keys.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(standing.Count, Regex.Matches(qanda, "<table id=\"proposals-\\d+\">(.*?)</table>", RegexOptions.Singleline)
            .Sum(m => Regex.Count(m.Groups[1].Value, "<tr><td class=\"n\">")));
        foreach (var id in standing) Assert.Contains(ReportText.Html(rows[id].GetProperty("text").GetString()), qanda);

        // The exports count the same; votes per question equal the log's last tally.
        foreach (var (id, q) in log.Questions) Assert.Equal(q.Votes, rows[id].GetProperty("votes").GetInt32());
        var sites = exported.RootElement.GetProperty("sites").EnumerateArray().ToList();
        Assert.Equal(log.Count("proposal"), sites.Sum(s => s.GetProperty("proposals").GetInt32()));
        Assert.Equal(log.Published.Count, sites.Sum(s => s.GetProperty("published").GetInt32()));
        var csv = Encoding.UTF8.GetString(day.Files["questions.csv"][3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(log.Questions.Count + 1, csv.Length);
    }

    [Fact]
    public void AnonymousAuthors_AreNamedInNoQandAFile()
    {
        var log = LogCount.Of(Text("events.jsonl"));
        var lines = Text("events.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var names = lines.Where(e => e.GetProperty("type").GetString() == "delegate.joined")
            .ToDictionary(e => e.GetProperty("data").GetProperty("delegateId").GetString()!, e => e.GetProperty("data").GetProperty("name").GetString()!);
        using var exported = JsonDocument.Parse(day.Files["questions.json"]);
        var rows = exported.RootElement.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("questionId").GetString()!);
        var csv = Encoding.UTF8.GetString(day.Files["questions.csv"][3..]);
        var qanda = Section(Text("report.html"), "qanda") + Section(Text("report.en.html"), "qanda");

        Assert.NotEmpty(log.Anonymous);
        foreach (var id in log.Anonymous)
        {
            var site = log.Questions[id].Site;
            var name = names[$"d-{site}-1"]; // who asked it (the recorded day's rule)
            var siteName = ForumDay.Seeds.FindSite(site)!.Name;
            Assert.Equal("", rows[id].GetProperty("author").GetString());
            Assert.True(rows[id].GetProperty("anonymous").GetBoolean());
            Assert.Contains(csv.Split("\r\n"), l => l.StartsWith($"{id},", StringComparison.Ordinal) && l.Contains(",discussion,,,yes,", StringComparison.Ordinal));
            Assert.DoesNotContain($"{name}, {siteName}", qanda);
            var submitted = lines.Single(e => e.GetProperty("type").GetString() == "qa.submitted" && e.GetProperty("data").GetProperty("questionId").GetString() == id);
            Assert.Equal(("", ""), (submitted.GetProperty("data").GetProperty("authorName").GetString(), submitted.GetProperty("data").GetProperty("authorId").GetString()));
        }
        // A named proposal keeps its author in the report.
        var named = log.Questions.First(q => q.Value.Kind == "proposal" && log.Published.Contains(q.Key) && !log.Anonymous.Contains(q.Key) && !log.MergedAway.Contains(q.Key));
        Assert.Contains($"{names[$"d-{named.Value.Site}-1"]}, {ForumDay.Seeds.FindSite(named.Value.Site)!.Name}", qanda);
    }

    static string Table(string html, string id) => Regex.Match(html, $"<table id=\"{id}\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;

    static string Section(string html, string id) => Regex.Match(html, $"<section id=\"{id}\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;

    [Fact]
    public void Zip_HoldsTheReportsExportsAndLog_AndTheReadmeNamesEveryColumn()
    {
        Assert.Equal(["README.txt", "attendance.csv", "attendance.json", "events.jsonl", "questions-by-site.csv", "questions.csv",
            "questions.json", "report.en.html", "report.html", "speaker-sites.csv", "speakers.csv", "speeches.json"],
            day.Files.Keys.Order(StringComparer.Ordinal));
        var readme = Text("README.txt");
        foreach (var csv in day.Files.Keys.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)))
        {
            var bytes = day.Files[csv];
            Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
            var header = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n")[0].Split(',');
            Assert.Contains(readme.Split("\r\n"), l => l == csv);
            foreach (var column in header) Assert.Contains($"- {column}: ", readme);
        }
        Assert.StartsWith("Mã điểm cầu,Điểm cầu,Loại,", Encoding.UTF8.GetString(day.Files["attendance.csv"][3..]));
        Assert.StartsWith("Người phát biểu,Mã điểm cầu,", Encoding.UTF8.GetString(day.Files["speakers.csv"][3..]));
        Assert.StartsWith("Mã,Loại,Mã điểm cầu,Điểm cầu,Chủ đề,", Encoding.UTF8.GetString(day.Files["questions.csv"][3..]));
        Assert.StartsWith("Mã điểm cầu,Điểm cầu,Câu hỏi,Đề xuất,", Encoding.UTF8.GetString(day.Files["questions-by-site.csv"][3..]));
        foreach (var file in day.Files.Keys.Where(f => f != "README.txt")) Assert.Contains(file, readme);

        var first = JsonDocument.Parse(Text("events.jsonl").Split('\n')[0]).RootElement;
        Assert.Equal(1, first.GetProperty("seq").GetInt64());
        Assert.Equal(day.App.Engine.View.Epoch, first.GetProperty("epoch").GetString());
        Assert.Equal("forum.opened", first.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Object, first.GetProperty("data").ValueKind);
    }

    [Fact]
    public void DocsReport_NamesEveryFileAndCsvColumn()
    {
        var docs = File.ReadAllText(Path.Combine(Repo.Root, "docs", "report.md"));
        foreach (var file in day.Files.Keys) Assert.Contains($"`{file}`", docs);
        foreach (var column in day.Files.Where(f => f.Key.EndsWith(".csv", StringComparison.Ordinal))
                     .SelectMany(f => Encoding.UTF8.GetString(f.Value[3..]).Split("\r\n")[0].Split(',')))
            Assert.Contains($"| {column} (`", docs);
    }

    [Fact]
    public void Reports_ArePrintableA4_WithInlineSvgCharts_NoScriptAndNoNetwork()
    {
        foreach (var (file, lang, attendance, qanda) in new[]
                 {
                     ("report.html", "vi", "Điểm danh và tham dự", "Câu hỏi và đề xuất"), ("report.en.html", "en", "Attendance", "Questions and proposals"),
                 })
        {
            var html = Text(file);
            Assert.Contains($"<html lang=\"{lang}\">", html);
            Assert.Contains(attendance, html);
            Assert.Contains($"<h2>{qanda}</h2>", html);
            Assert.Contains("@page { size: A4", html);
            Assert.Equal(3, Regex.Count(html, "<figure><svg "));
            Assert.Contains("questions-chart-clip-1", html);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" src=", html);
            Assert.DoesNotContain(" href=", html);
            Assert.DoesNotContain("url(", Regex.Replace(html, "url\\(#[a-z0-9-]+\\)", "")); // only the charts' own clip paths
            Assert.DoesNotContain("@import", html);
            Assert.Equal(html.Normalize(NormalizationForm.FormC), html);
        }
    }

    [Fact]
    public void Names_AreInVietnameseOrder()
    {
        var html = Text("report.html");
        var vietnamese = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false);
        var answered = Regex.Match(html, "<table id=\"rollcall-rc-1\">.*?<tbody>\n<tr><td>([^<]+)</td>", RegexOptions.Singleline)
            .Groups[1].Value.Split(", ");
        var awardees = Regex.Match(html, "<table id=\"awardees\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        var names = Regex.Matches(awardees, "<tr><td class=\"n\">\\d+</td><td>([^<]+)</td>").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(58, answered.Length);
        Assert.Equal(answered.Order(vietnamese), answered);
        // "Đà Nẵng" comes after "Cà Mau" and before "Gia Lai", where ordinal order would put it after "Yên Bái".
        Assert.NotEqual(answered.Order(StringComparer.Ordinal), answered);
        Assert.True(names.Count > 3, string.Join(", ", names));
        // People by given name first, as Vietnamese lists are: "Trần Văn An" before "Lê Thị Bình".
        Assert.Equal(names.OrderBy(n => n.Split(' ')[^1], vietnamese).ThenBy(n => n, vietnamese), names);
        Assert.NotEqual(names.Order(vietnamese), names);

        // Q&A's topics: "Cải cách…" before "Chuyển đổi số" before "Đạo đức…" before "Văn hóa…" (ordinal would put "Đ" last).
        var topics = Regex.Matches(Table(html, "qanda-topics"), "<tr><td>([^<]+)</td>").Select(m => m.Groups[1].Value).SkipLast(1).ToList();
        Assert.Equal(ForumDay.Topics.Order(vietnamese), topics);
        Assert.NotEqual(topics.Order(StringComparer.Ordinal), topics);
    }

    [Theory]
    [InlineData("siteHost", HttpStatusCode.Forbidden, "auth.forbidden")]
    [InlineData("delegate", HttpStatusCode.Forbidden, "auth.forbidden")]
    [InlineData("display", HttpStatusCode.Forbidden, "auth.forbidden")]
    [InlineData("none", HttpStatusCode.Unauthorized, "auth.token_required")]
    public async Task Bundle_IsForTheModeratorOnly_OthersGetAStructuredError(string role, HttpStatusCode status, string code)
    {
        var token = role switch
        {
            "siteHost" => (await day.App.LoginHostAsync("HCM")).Token,
            "delegate" => (await day.App.LoginDelegateAsync("HUE", "Ngô Gia Tự")).Token,
            "display" => (await day.App.LoginDisplayAsync()).Token,
            _ => null,
        };
        using var http = day.App.Http();
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.GetAsync("/api/reports/bundle.zip").WaitAsync(Timeouts.Call);

        Assert.Equal(status, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("messageEn").GetString()));
    }

    [Fact]
    public void SameLog_GivesTheSameArchive()
    {
        var record = ForumRecord.Fold(day.App.Engine.View.Epoch, LogCount.Stored(Text("events.jsonl")), ForumDay.Seeds);
        Assert.Equal(day.Files["report.html"], ForumBundle.Files(record).Single(f => f.Name == "report.html").Content);
    }
}
