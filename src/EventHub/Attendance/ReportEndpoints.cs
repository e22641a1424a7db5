using EventHub.Auth;
using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.Seeds;
using EventHub.Forum;
using EventHub.Storage;

namespace EventHub.Attendance;

/// <summary>GET /api/reports/attendance.csv and .json: the whole forum's attendance, for the moderator's token only.</summary>
public static class ReportEndpoints
{
    const int ReadPage = 1_000;

    public static IEndpointRouteBuilder MapAttendanceReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").RequireAuthorization(policy => policy.RequireClaim(ForumClaims.Role, "moderator"));
        reports.MapGet("/attendance.json", async (ForumEngine engine, IEventLog log, SeedData seeds, CancellationToken ct) =>
            Results.Json(await BuildAsync(engine, log, seeds, ct), Json.Options));
        reports.MapGet("/attendance.csv", async (string? lang, ForumEngine engine, IEventLog log, SeedData seeds, CancellationToken ct) =>
            Results.File(AttendanceCsv.Write(await BuildAsync(engine, log, seeds, ct), english: lang == "en"), "text/csv; charset=utf-8",
                $"diem-danh-{engine.ForumId}.csv"));
        return app;
    }

    /// <summary>Reads the durable log from the start (not the node's recent window), so the report is complete.</summary>
    static async Task<AttendanceReport> BuildAsync(ForumEngine engine, IEventLog log, SeedData seeds, CancellationToken ct)
    {
        var events = new List<(ForumEvent, EventContext)>();
        for (long after = 0; ;)
        {
            var page = await log.ReadAsync(engine.ForumId, after, ReadPage, ct);
            if (page.Count == 0) break;
            foreach (var stored in page)
            {
                var committed = CommittedEvent.Decode(stored);
                events.Add((committed.Event, committed.Context));
            }
            after = page[^1].Seq;
        }
        return AttendanceReport.Project(events, seeds.Sites.ToDictionary(s => s.Code, s => s.Name));
    }
}
