using System.Text.Json;
using EventHub.Domain.Forum;

namespace EventHub.Storage;

/// <summary>
/// The file log's refusals and no-ops (its written commands are in the log itself), beside the forum's log as
/// <c>forums/ID.outcomes</c>, so a resend after a restart gets the same answer. JSON lines: a header with the log's
/// epoch, then one answer a line, fsynced before the answer is given. A file of another epoch belonged to a log that
/// is gone, and is started afresh; a torn last line was never acknowledged, and is cut off.
/// </summary>
sealed class OutcomeFile : IDisposable
{
    static readonly byte[] NewLine = "\n"u8.ToArray();
    readonly FileStream _stream;
    bool _pending;

    OutcomeFile(FileStream stream) => _stream = stream;

    /// <summary>Opens (or starts) the file for the log's <paramref name="epoch"/>, adding what it holds to <paramref name="outcomes"/>.</summary>
    public static OutcomeFile Open(string path, string epoch, string forumId, ILogger logger,
        IDictionary<(string Caller, string CommandId), CommandOutcome> outcomes)
    {
        var (fileEpoch, validLength, answers) = File.Exists(path) ? Read(path, forumId) : (null, 0, []);
        if (fileEpoch != epoch)
        {
            var fresh = new OutcomeFile(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read));
            fresh.WriteLine(w =>
            {
                w.WriteNumber("format", 1);
                w.WriteString("epoch", epoch);
                w.WriteString("forum", forumId);
            });
            fresh.Flush();
            return fresh;
        }
        LogFileFormat.CutTornTail(path, validLength, logger);
        foreach (var (key, outcome) in answers) outcomes.TryAdd(key, outcome);
        return new OutcomeFile(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
    }

    /// <summary>Writes one answer's line; it is durable only after <see cref="Flush"/>.</summary>
    public void Write(string callerId, string commandId, CommandOutcome outcome) => WriteLine(w =>
    {
        w.WriteString("caller", callerId);
        w.WriteString("cmd", commandId);
        switch (outcome)
        {
            case CommandOutcome.Unchanged:
                w.WriteBoolean("unchanged", true);
                break;
            case CommandOutcome.Refused refused:
                w.WritePropertyName("error");
                JsonSerializer.Serialize(w, refused.Error, Domain.Protocol.Json.Options);
                break;
            default:
                throw new ArgumentException("Only refusals and no-ops are kept here; written commands are in the log.", nameof(outcome));
        }
    });

    public void Dispose() => _stream.Dispose();

    void WriteLine(Action<Utf8JsonWriter> write)
    {
        var bytes = new MemoryStream();
        using (var w = new Utf8JsonWriter(bytes, new JsonWriterOptions { Encoder = Domain.Protocol.Json.Options.Encoder }))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        bytes.Write(NewLine);
        _stream.Write(bytes.GetBuffer(), 0, (int)bytes.Length);
        _pending = true;
    }

    /// <summary>Makes every line written so far durable (one fsync for them all); does nothing when none is pending.</summary>
    public void Flush()
    {
        if (_pending) _stream.Flush(flushToDisk: true);
        _pending = false;
    }

    /// <summary>The file's epoch, its length up to the last complete line, and the answers on those lines.</summary>
    static (string? Epoch, long ValidLength, List<((string, string) Key, CommandOutcome Outcome)> Answers) Read(
        string path, string forumId)
    {
        var read = new List<((string, string) Key, CommandOutcome Outcome)>();
        var (epoch, validLength) = LogFileFormat.ReadLines(path, forumId, root =>
        {
            var key = (root.GetProperty("caller").GetString() ?? throw new InvalidDataException("missing caller"),
                root.GetProperty("cmd").GetString() ?? throw new InvalidDataException("missing command id"));
            CommandOutcome outcome = root.TryGetProperty("error", out var error)
                ? new CommandOutcome.Refused(error.Deserialize<ForumError>(Domain.Protocol.Json.Options)
                                             ?? throw new InvalidDataException("missing error"))
                : root.GetProperty("unchanged").GetBoolean() ? CommandOutcome.Unchanged.Instance
                : throw new InvalidDataException("neither an error nor unchanged");
            read.Add((key, outcome));
        });
        // Without a whole header nothing was ever acknowledged from the file.
        return (epoch, epoch is null ? 0 : validLength, read);
    }
}
