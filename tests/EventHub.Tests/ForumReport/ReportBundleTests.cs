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
    public void Zip_HoldsTheReportsExportsAndLog_AndTheReadmeNamesEveryColumn()
    {
        Assert.Equal(["README.txt", "attendance.csv", "attendance.json", "events.jsonl", "report.en.html", "report.html",
            "speaker-sites.csv", "speakers.csv", "speeches.json"], day.Files.Keys.Order(StringComparer.Ordinal));
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
        foreach (var (file, lang, attendance) in new[] { ("report.html", "vi", "Điểm danh và tham dự"), ("report.en.html", "en", "Attendance") })
        {
            var html = Text(file);
            Assert.Contains($"<html lang=\"{lang}\">", html);
            Assert.Contains(attendance, html);
            Assert.Contains("@page { size: A4", html);
            Assert.Equal(2, Regex.Count(html, "<figure><svg "));
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
