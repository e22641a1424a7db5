using System.Globalization;
using CsvHelper;
using EventHub.Auth;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.Domain.Seeds;
using EventHub.Forum;
using EventHub.Operations;

namespace EventHub.QandA;

/// <summary>
/// GET /api/export/questions.json and .csv (moderator or reviewer token): every question and proposal with its
/// site, province, topic, author (unless anonymous), votes, status, times, answering speech and original text; the
/// CSV gives the per-site summary with <c>?by=site</c>.
/// </summary>
public static class QandAExports
{
    public static IEndpointRouteBuilder MapQandAExports(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/export").RequireAuthorization(policy => policy.RequireClaim(ForumClaims.Role,
            RoleNames.Of(Domain.Forum.Role.Moderator), RoleNames.Of(Domain.Forum.Role.Reviewer)));
        exports.MapGet("/questions.json", async (ForumEngine engine, CancellationToken cancellationToken) =>
            Results.Json(await ReportAsync(engine, cancellationToken), Json.Options));
        exports.MapGet("/questions.csv", async (string? by, ForumEngine engine, SeedData seeds, CancellationToken cancellationToken) =>
        {
            var report = await ReportAsync(engine, cancellationToken);
            return by == "site"
                ? Results.File(QandACsv.Sites(report, seeds), "text/csv; charset=utf-8", "questions-by-site.csv")
                : Results.File(QandACsv.Questions(report, seeds), "text/csv; charset=utf-8", "questions.csv");
        });
        return app;
    }

    static async Task<QandAReport> ReportAsync(ForumEngine engine, CancellationToken cancellationToken)
    {
        await engine.CatchUpAsync(cancellationToken); // another node may have taken the last votes
        return QandAReport.Of(engine.View.State);
    }
}

/// <summary>
/// The export as CSV that Excel opens directly: UTF-8 with a byte-order mark (without it Excel mangles Vietnamese),
/// formulas defused (questions are typed by delegates), times in Việt Nam time (UTC+7).
/// </summary>
static class QandACsv
{
    static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The column names, in order, in each language (the report bundle writes the Vietnamese ones and its README names them).</summary>
    public static readonly IReadOnlyList<string> QuestionsEnglish =
        ["Id", "Kind", "Site", "SiteName", "Topic", "AgendaItem", "To", "Author", "Anonymous", "Votes", "Status",
            "SubmittedAt", "PublishedAt", "AnsweredAt", "AnsweredBy", "AnsweringSpeaker", "Text", "OriginalText",
            "MergedInto", "CoAuthors", "DismissReason"];
    public static readonly IReadOnlyList<string> QuestionsVietnamese =
        ["Mã", "Loại", "Mã điểm cầu", "Điểm cầu", "Chủ đề", "Nội dung chương trình", "Gửi tới", "Người gửi", "Ẩn danh", "Số lượt bình chọn",
            "Trạng thái", "Gửi lúc", "Công bố lúc", "Trả lời lúc", "Lượt phát biểu trả lời", "Người trả lời", "Nội dung",
            "Nội dung gốc", "Gộp vào", "Đồng tác giả", "Lý do không duyệt"];
    public static readonly IReadOnlyList<string> SitesEnglish = ["Site", "SiteName", "Questions", "Proposals", "Published", "Answered"];
    public static readonly IReadOnlyList<string> SitesVietnamese = ["Mã điểm cầu", "Điểm cầu", "Câu hỏi", "Đề xuất", "Đã công bố", "Đã trả lời"];

    public static byte[] Questions(QandAReport report, SeedData seeds, bool english = true) => Write(
        english ? QuestionsEnglish : QuestionsVietnamese,
        report.Questions.Select(q => new[]
        {
            q.QuestionId, q.Kind, q.Site, SiteName(q.Site, seeds), q.Topic ?? "", q.ItemId ?? "", q.Speaker ?? "",
            q.Author, q.Anonymous ? "yes" : "no", Number(q.Votes), q.Status, Time(q.SubmittedAt), Time(q.PublishedAt),
            Time(q.AnsweredAt), q.AnsweredBy ?? "", q.AnsweringSpeaker ?? "", q.Text, q.OriginalText ?? "",
            q.MergedInto ?? "", string.Join("; ", q.CoAuthors.Select(a => a.AuthorName.Length > 0 ? $"{a.AuthorName} ({a.Site})" : a.Site)),
            q.DismissReason ?? "",
        }));

    public static byte[] Sites(QandAReport report, SeedData seeds, bool english = true) => Write(
        english ? SitesEnglish : SitesVietnamese,
        report.Sites.Select(s => new[]
        {
            s.Site, SiteName(s.Site, seeds), Number(s.Questions), Number(s.Proposals), Number(s.Published), Number(s.Answered),
        }));

    static byte[] Write(IReadOnlyList<string> header, IEnumerable<string[]> rows) => ExcelCsv.Write(header, rows);

    static string SiteName(string site, SeedData seeds) => seeds.FindSite(site)?.Name ?? site;
    static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    static string Time(long? unixMs) => unixMs is { } ms
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(VietnamOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : "";
}
