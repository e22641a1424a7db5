using System.Diagnostics;
using EventHub.Auth;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.Seeds;
using EventHub.Forum;
using EventHub.Storage;

namespace EventHub.ForumReport;

/// <summary>
/// GET /api/reports/bundle.zip: the forum's report bundle, for the moderator's token only. Other roles get the
/// structured refusal every other caller gets, not a bare status.
/// </summary>
static class BundleEndpoint
{
    public const string Path = "/api/reports/bundle.zip";

    public static async Task<IResult> GetAsync(HttpContext http, ForumEngine engine, IEventLog log, SeedData seeds,
        ILogger<ForumRecord> logger, CancellationToken ct)
    {
        if (ForumClaims.ToActor(http.User) is not { } actor)
            return Refuse(Errors.TokenRequired(), StatusCodes.Status401Unauthorized);
        if (actor.Role != Role.Moderator)
            return Refuse(Errors.Forbidden(), StatusCodes.Status403Forbidden);

        var clock = Stopwatch.StartNew();
        var record = await ForumRecord.ReadAsync(log, engine.ForumId, seeds, ct);
        var zip = ForumBundle.Zip(record);
        BundleLog.Built(logger, engine.ForumId, record.Head, zip.Length, clock.ElapsedMilliseconds);
        return Results.File(zip, "application/zip", $"bao-cao-{engine.ForumId}-{record.Head}.zip");
    }

    static IResult Refuse(ForumRuleException refusal, int status) =>
        Results.Json(new { error = new ErrorInfo(refusal.Error.Code, refusal.Error.Message, refusal.Error.MessageEn) }, Json.Options,
            statusCode: status);
}

static partial class BundleLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Report bundle for {ForumId} built from events 1–{Head}: {Bytes} bytes in {Ms} ms")]
    public static partial void Built(ILogger logger, string forumId, long head, int bytes, long ms);
}
