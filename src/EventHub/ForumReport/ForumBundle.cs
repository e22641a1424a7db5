using System.IO.Compression;
using System.Text;
using System.Text.Json;
using EventHub.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.Forum;
using EventHub.QandA;
using EventHub.SpeakerQueue;
using EventHub.Storage;

namespace EventHub.ForumReport;

/// <summary>
/// The archive the organisers take home: the report in both languages, the live exports (CSV with Vietnamese
/// headers, JSON), the log they were computed from, and a README naming every column. A new part of the forum
/// adds its files in <see cref="Files"/>.
/// </summary>
public static class ForumBundle
{
    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static IEnumerable<(string Name, byte[] Content)> Files(ForumRecord record)
    {
        var figures = new ReportFigures(record);
        yield return ("report.html", Utf8.GetBytes(ReportHtml.Render(record, figures, ReportText.Vietnamese)));
        yield return ("report.en.html", Utf8.GetBytes(ReportHtml.Render(record, figures, ReportText.English)));
        yield return ("attendance.csv", AttendanceCsv.Write(record.Attendance));
        yield return ("speakers.csv", SpeakingCsv.Speakers(record.Speaking, record.Seeds, english: false));
        yield return ("speaker-sites.csv", SpeakingCsv.Sites(record.Speaking, record.Seeds, english: false));
        yield return ("attendance.json", JsonSerializer.SerializeToUtf8Bytes(record.Attendance, Json.Options));
        yield return ("speeches.json", JsonSerializer.SerializeToUtf8Bytes(record.Speaking, Json.Options));
        yield return ("questions.csv", QandACsv.Questions(record.QandA, record.Seeds, english: false));
        yield return ("questions-by-site.csv", QandACsv.Sites(record.QandA, record.Seeds, english: false));
        yield return ("questions.json", JsonSerializer.SerializeToUtf8Bytes(record.QandA, Json.Options));
        yield return ("events.jsonl", EventLines(record));
        yield return ("README.txt", Utf8.GetBytes(Readme(record)));
    }

    /// <summary>The zip; every entry dated with the last event, so the same log gives the same archive.</summary>
    public static byte[] Zip(ForumRecord record)
    {
        var stamp = record.LastAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at).ToOffset(TimeSpan.FromHours(7))
            : new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in Files(record))
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = stamp;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>One JSON object per event, in log order, with the payload as JSON (not a string within a string).</summary>
    static readonly Viewer Moderator = new(Role.Moderator, null);

    static byte[] EventLines(ForumRecord record)
    {
        using var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Encoder = Json.Options.Encoder };
        // Each event as the moderator receives it: an anonymous author's name (and who sent the question) stays out of
        // the archive, as it stays off every screen but the author's.
        var state = ForumState.Initial;
        foreach (var stored in record.Events)
        {
            var committed = CommittedEvent.Decode(stored);
            committed.About(QandAVisibility.Forms(state.QandA, committed.Event));
            var form = committed.FormFor(Moderator);
            // The archive leaves the secretariat: an anonymous author stays unnamed even where the forum let the staff see names.
            if (form == QuestionForm.Full && committed.Question?.Scope.Anonymous == true) form = QuestionForm.Unnamed;
            var e = committed.For(form);
            state = ForumState.Evolve(state, committed.Event, committed.Context);
            using (var json = new Utf8JsonWriter(buffer, options))
            {
                json.WriteStartObject();
                json.WriteString("epoch", record.Epoch);
                json.WriteNumber("seq", e.Seq);
                json.WriteNumber("at", e.At);
                json.WriteStartObject("actor");
                json.WriteString("role", e.Actor.Role);
                json.WriteString("site", e.Actor.Site);
                json.WriteString("name", e.Actor.Name);
                json.WriteString("id", e.Actor.Id);
                json.WriteEndObject();
                json.WriteString("commandId", stored.CommandId);
                json.WriteString("type", e.Type);
                json.WriteNumber("v", e.V);
                json.WritePropertyName("data");
                json.WriteRawValue(e.Data);
                json.WriteEndObject();
            }
            buffer.WriteByte((byte)'\n');
        }
        return buffer.ToArray();
    }

    static string Readme(ForumRecord record)
    {
        var forum = record.Seeds.Forum;
        var text = new StringBuilder()
            .AppendLine($"{forum.Title}")
            .AppendLine($"{forum.TitleEn}")
            .AppendLine($"Nhật ký / log: epoch {record.Epoch}, sự kiện / events 1–{record.Head}")
            .AppendLine()
            .AppendLine("Mọi số liệu được tính từ events.jsonl bằng chính mã nguồn của các màn hình trực tiếp.")
            .AppendLine("Every figure is computed from events.jsonl by the code the live views use.")
            .AppendLine("Tệp CSV: UTF-8 có BOM, dấu phẩy, giờ Việt Nam (UTC+7). / CSV files: UTF-8 with BOM, comma-separated, Việt Nam time (UTC+7).");
        foreach (var file in BundleColumns.Files)
        {
            text.AppendLine().AppendLine(file.File).AppendLine(new string('=', file.File.Length))
                .AppendLine(file.Vi).AppendLine(file.En);
            foreach (var column in file.Columns)
                text.AppendLine($"- {column.Name}: {column.Vi} / {column.En}");
        }
        return text.ToString().ReplaceLineEndings("\r\n"); // Notepad on the secretariat's Windows machines
    }
}
