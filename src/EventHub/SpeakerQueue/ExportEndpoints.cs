using System.Globalization;
using System.Text;
using EventHub.Auth;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.Seeds;
using EventHub.Domain.SpeakerQueue;
using EventHub.Forum;

namespace EventHub.SpeakerQueue;

/// <summary>
/// GET /api/export/speakers.csv and .json: the speaking statistics for the secretariat, moderator token only.
/// Both list speakers by default and sites with <c>?by=site</c> (the JSON without <c>by</c>: both tables).
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapSpeakerExports(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/export")
            .RequireAuthorization(policy => policy.RequireClaim(ForumClaims.Role, RoleNames.Of(Domain.Forum.Role.Moderator)));
        exports.MapGet("/speakers.json", async (string? by, ForumEngine engine, CancellationToken cancellationToken) =>
        {
            var report = await ReportAsync(engine, cancellationToken);
            // The whole report by default; ?by=site or ?by=speaker: one table, as the CSV gives it.
            return by switch
            {
                "site" => Results.Json(new { report.Sites }, Json.Options),
                "speaker" => Results.Json(new { report.Speakers }, Json.Options),
                _ => Results.Json(report, Json.Options),
            };
        });
        exports.MapGet("/speakers.csv", async (string? by, string? lang, ForumEngine engine, SeedData seeds, CancellationToken cancellationToken) =>
        {
            var report = await ReportAsync(engine, cancellationToken);
            var english = lang == "en";
            var csv = by == "site" ? SpeakingCsv.Sites(report, seeds, english) : SpeakingCsv.Speakers(report, seeds, english);
            return Results.File(csv, "text/csv; charset=utf-8", by == "site" ? "sites.csv" : "speakers.csv");
        });
        return app;
    }

    static async Task<SpeakingReport> ReportAsync(ForumEngine engine, CancellationToken cancellationToken)
    {
        await engine.CatchUpAsync(cancellationToken); // another node may have ended the last speech
        return SpeakingReport.Of(engine.View.State.SpeakerQueue);
    }
}

/// <summary>
/// The report as CSV that Excel opens correctly: UTF-8 with a byte-order mark (without it Excel reads Vietnamese
/// as Windows-1252), comma-separated, whole seconds (a decimal point would be misread under a Vietnamese locale).
/// Headers in Vietnamese for the secretariat, or in English (<c>?lang=en</c>) for scripts.
/// </summary>
static class SpeakingCsv
{
    const string Hall = "Hội trường Hà Nội";

    /// <summary>The column names, in order, in each language (the report bundle's README names them).</summary>
    public static readonly IReadOnlyList<string> SpeakersEnglish = ["speaker", "site", "siteName", "speeches", "spokenSeconds", "waitedSeconds"];
    public static readonly IReadOnlyList<string> SpeakersVietnamese = ["Người phát biểu", "Mã điểm cầu", "Điểm cầu", "Số lượt", "Thời gian nói (giây)", "Thời gian chờ (giây)"];
    public static readonly IReadOnlyList<string> SitesEnglish = ["site", "siteName", "speeches", "spokenSeconds", "waitedSeconds"];
    public static readonly IReadOnlyList<string> SitesVietnamese = ["Mã điểm cầu", "Điểm cầu", "Số lượt", "Thời gian nói (giây)", "Thời gian chờ (giây)"];

    public static byte[] Speakers(SpeakingReport report, SeedData seeds, bool english) => Write(
        english ? SpeakersEnglish : SpeakersVietnamese,
        report.Speakers.Select(s => new[]
        {
            s.Speaker, s.Site ?? "", SiteName(s.Site, seeds), Number(s.Speeches), Seconds(s.SpokenMs), Seconds(s.WaitedMs),
        }));

    public static byte[] Sites(SpeakingReport report, SeedData seeds, bool english) => Write(
        english ? SitesEnglish : SitesVietnamese,
        report.Sites.Select(s => new[]
        {
            s.Site ?? "", SiteName(s.Site, seeds), Number(s.Speeches), Seconds(s.SpokenMs), Seconds(s.WaitedMs),
        }));

    static byte[] Write(IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows.Prepend([.. header])) text.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>
    /// Quotes when needed (RFC 4180), and defuses text that Excel would run as a formula: names come from sites,
    /// and a speaker called "=HYPERLINK(…)" must stay a name.
    /// </summary>
    static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    static string SiteName(string? site, SeedData seeds) => site is null ? Hall : seeds.FindSite(site)?.Name ?? site;
    static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    static string Seconds(long ms) => ((ms + 500) / 1000).ToString(CultureInfo.InvariantCulture);
}
