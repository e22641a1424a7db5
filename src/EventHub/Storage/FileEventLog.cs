using System.Text;
using System.Text.Json;
using EventHub.Domain.Forum;

namespace EventHub.Storage;

/// <summary>
/// The embedded default: one append-only JSON-lines file per forum under the data folder, fsynced before an
/// append returns, and beside it the refusals and no-ops (<see cref="OutcomeFile"/>). The first line holds the epoch. A torn last line (a crash mid-write, never acknowledged)
/// is cut off with a warning; anything else that does not read back is refused with the file and line.
/// </summary>
public sealed class FileEventLog : IEventLog, IDisposable
{
    readonly Dictionary<string, ForumFile> _forums = new(StringComparer.Ordinal);
    readonly Lock _forumsLock = new();
    readonly string _dataDirectory;
    readonly ILogger<FileEventLog> _logger;
    readonly FileStream _ownership;

    public FileEventLog(string dataDirectory, ILogger<FileEventLog> logger)
    {
        _dataDirectory = dataDirectory;
        _logger = logger;
        Directory.CreateDirectory(dataDirectory);
        try
        {
            // Two processes appending to one file would interleave lines: the first one owns the folder.
            _ownership = new FileStream(Path.Combine(dataDirectory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidDataException($"{Path.GetFullPath(dataDirectory)}: một tiến trình EventHub khác đang dùng thư mục dữ liệu này / another EventHub process is using this data folder.");
        }
    }

    public Task<LogHead> OpenAsync(string forumId, CancellationToken cancellationToken) =>
        Task.FromResult(Forum(forumId).Head);

    public Task<LogHead> GetHeadAsync(string forumId, CancellationToken cancellationToken) =>
        Task.FromResult(Forum(forumId).Head);

    /// <remarks>
    /// Every line of the batch is written first, then each file is fsynced once, before any answer: the writes share
    /// the fsync. The forum's memory (events, outcomes) changes only after both fsyncs.
    /// </remarks>
    public async Task<BatchResult> WriteAsync(string forumId, long expectedHead, IReadOnlyList<CommandWrite> writes,
        CancellationToken cancellationToken)
    {
        if (writes.Count == 0) throw new ArgumentException("A batch needs at least one write.", nameof(writes));
        if (writes.DistinctBy(w => (w.Actor.Id, w.CommandId)).Count() != writes.Count)
            throw new ArgumentException("A command is twice in one batch.", nameof(writes));
        var forum = Forum(forumId);
        await forum.Gate.WaitAsync(cancellationToken);
        try
        {
            var earlier = new Dictionary<int, CommandOutcome>();
            for (var w = 0; w < writes.Count; w++)
                if (forum.Outcomes.TryGetValue((writes[w].Actor.Id, writes[w].CommandId), out var done)) earlier[w] = done;
            if (earlier.Count > 0) return new BatchResult.Answered(earlier);
            if (forum.Events.Count != expectedHead) return new BatchResult.Conflict(forum.Events.Count);

            var stored = new List<StoredEvent>();
            var results = new AppendResult[writes.Count];
            var answers = new List<((string, string) Key, CommandOutcome Outcome)>();
            var bytes = new MemoryStream();
            foreach (var (write, w) in writes.Select((write, w) => (write, w)))
            {
                var key = (write.Actor.Id, write.CommandId);
                if (write.Events.Count == 0)
                {
                    var outcome = write.Outcome ?? throw new ArgumentException("A write needs events or an outcome.", nameof(writes));
                    forum.OutcomeFile.Write(write.Actor.Id, write.CommandId, outcome);
                    answers.Add((key, outcome));
                    results[w] = AppendResult.Recorded.Instance;
                    continue;
                }
                var first = expectedHead + stored.Count + 1;
                foreach (var e in write.Events)
                {
                    var s = new StoredEvent(expectedHead + stored.Count + 1, write.At, write.Actor, write.CommandId, e.Type, e.Version, e.Data);
                    LogFileFormat.WriteEvent(bytes, s);
                    stored.Add(s);
                }
                var appended = new AppendResult.Appended(first, expectedHead + stored.Count);
                answers.Add((key, new CommandOutcome.Written(appended.First, appended.Last)));
                results[w] = appended;
            }
            if (bytes.Length > 0)
            {
                forum.Stream.Write(bytes.GetBuffer(), 0, (int)bytes.Length);
                forum.Stream.Flush(flushToDisk: true);
            }
            forum.OutcomeFile.Flush();

            forum.Events.AddRange(stored);
            foreach (var (key, outcome) in answers) forum.Outcomes[key] = outcome;
            return new BatchResult.Written(results);
        }
        finally
        {
            forum.Gate.Release();
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string forumId, long afterSeq, int max,
        CancellationToken cancellationToken)
    {
        var forum = Forum(forumId);
        await forum.Gate.WaitAsync(cancellationToken);
        try
        {
            var start = (int)Math.Clamp(afterSeq, 0, forum.Events.Count);
            return forum.Events.GetRange(start, Math.Min(max, forum.Events.Count - start));
        }
        finally
        {
            forum.Gate.Release();
        }
    }

    public async Task<CommandOutcome?> FindOutcomeAsync(string forumId, string commandId, Actor actor,
        CancellationToken cancellationToken)
    {
        var forum = Forum(forumId);
        await forum.Gate.WaitAsync(cancellationToken);
        try
        {
            return forum.Outcomes.GetValueOrDefault((actor.Id, commandId));
        }
        finally
        {
            forum.Gate.Release();
        }
    }

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public void Dispose()
    {
        lock (_forumsLock)
            foreach (var forum in _forums.Values)
            {
                forum.Stream.Dispose();
                forum.OutcomeFile.Dispose();
            }
        _ownership.Dispose();
    }

    ForumFile Forum(string forumId)
    {
        lock (_forumsLock)
        {
            if (!_forums.TryGetValue(forumId, out var forum))
                _forums[forumId] = forum = ForumFile.Open(Path.Combine(_dataDirectory, "forums", $"{forumId}.log"), forumId, _logger);
            return forum;
        }
    }

    sealed class ForumFile
    {
        public required FileStream Stream { get; init; }
        public required string Epoch { get; init; }
        public OutcomeFile OutcomeFile { get; private set; } = null!;
        public List<StoredEvent> Events { get; } = [];
        /// <summary>Every command's first answer by caller and command id: the log's own, then the outcome file's.</summary>
        public Dictionary<(string Caller, string CommandId), CommandOutcome> Outcomes { get; } = [];
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public LogHead Head => new(Epoch, Events.Count);

        public static ForumFile Open(string path, string forumId, ILogger logger)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var exists = File.Exists(path) && new FileInfo(path).Length > 0;
            if (!exists)
            {
                var created = new ForumFile { Stream = OpenForAppend(path), Epoch = NewEpoch() };
                LogFileFormat.WriteHeader(created.Stream, created.Epoch, forumId);
                created.Stream.Flush(flushToDisk: true);
                created.OutcomeFile = OutcomeFile.Open(Path.ChangeExtension(path, ".outcomes"), created.Epoch, forumId, logger, created.Outcomes);
                return created;
            }

            var (epoch, events, validLength) = LogFileFormat.Read(path, forumId);
            LogFileFormat.CutTornTail(path, validLength, logger);

            var forum = new ForumFile { Stream = OpenForAppend(path), Epoch = epoch };
            foreach (var e in events)
            {
                forum.Events.Add(e);
                var key = (e.Actor.Id, e.CommandId);
                forum.Outcomes[key] = forum.Outcomes.TryGetValue(key, out var d) && d is CommandOutcome.Written written
                    ? written with { Last = e.Seq }
                    : new CommandOutcome.Written(e.Seq, e.Seq);
            }
            forum.OutcomeFile = OutcomeFile.Open(Path.ChangeExtension(path, ".outcomes"), epoch, forumId, logger, forum.Outcomes);
            return forum;
        }

        static FileStream OpenForAppend(string path) =>
            new(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.None);

        static string NewEpoch() => $"{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4])}";
    }
}

/// <summary>The JSON-lines layout of a forum's log file: a header line, then one event per line.</summary>
static class LogFileFormat
{
    static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>
    /// Cuts what follows <paramref name="validLength"/> off a JSON-lines file: only an unterminated last line gets
    /// there, a write a crash interrupted, never fsynced as a whole, so never acknowledged.
    /// </summary>
    public static void CutTornTail(string path, long validLength, ILogger logger)
    {
        var length = new FileInfo(path).Length;
        if (validLength >= length) return;
        StorageLog.TornTailCut(logger, path, length - validLength);
        using var truncate = new FileStream(path, FileMode.Open, FileAccess.Write);
        truncate.SetLength(validLength);
        truncate.Flush(flushToDisk: true);
    }

    public static void WriteHeader(Stream stream, string epoch, string forumId)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(new { format = 1, epoch, forum = forumId });
        stream.Write(line);
        stream.Write(NewLine);
    }

    public static void WriteEvent(Stream stream, StoredEvent e)
    {
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = Domain.Protocol.Json.Options.Encoder }))
        {
            w.WriteStartObject();
            w.WriteNumber("seq", e.Seq);
            w.WriteNumber("at", e.At);
            w.WriteString("cmd", e.CommandId);
            w.WriteString("type", e.Type);
            w.WriteNumber("v", e.Version);
            w.WritePropertyName("actor");
            JsonSerializer.Serialize(w, e.Actor, Domain.Protocol.Json.Options);
            w.WritePropertyName("data");
            w.WriteRawValue(e.Data);
            w.WriteEndObject();
        }
        stream.Write(NewLine);
    }

    /// <summary>Reads and checks the whole file; returns the length up to the last complete line.</summary>
    public static (string Epoch, List<StoredEvent> Events, long ValidLength) Read(string path, string forumId)
    {
        var events = new List<StoredEvent>();
        var (epoch, validLength) = ReadLines(path, forumId, line => events.Add(ReadEvent(line, events.Count + 1)));
        if (epoch is null)
            throw new CorruptLogException($"{path}: thiếu dòng đầu (epoch) / the header line with the epoch is missing or truncated.");
        return (epoch, events, validLength);
    }

    /// <summary>
    /// Reads a JSON-lines file of this layout (the log, or its outcomes file): checks the header line and hands every
    /// later complete line to <paramref name="read"/>. Returns the header's epoch (null without a complete header) and
    /// the length up to the last complete line; a line that does not read fails the whole file, naming the line.
    /// </summary>
    public static (string? Epoch, long ValidLength) ReadLines(string path, string forumId, Action<JsonElement> read)
    {
        var bytes = File.ReadAllBytes(path);
        string? epoch = null;
        long offset = 0;
        var lineNumber = 0;
        while (offset < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', (int)offset);
            if (end < 0) break; // torn tail: the caller cuts it off
            lineNumber++;
            try
            {
                using var doc = JsonDocument.Parse(bytes.AsMemory((int)offset, (int)(end - offset)));
                if (epoch is null) epoch = ReadHeader(doc.RootElement, forumId);
                else read(doc.RootElement);
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
            {
                throw new CorruptLogException(
                    $"{path} dòng/line {lineNumber}: {ex.Message} — dữ liệu hỏng, hub không khởi động trên dữ liệu này " +
                    "(corrupt data: the hub will not start on it; restore the file from a backup or move it away).");
            }
            offset = end + 1;
        }
        return (epoch, offset);
    }

    static string ReadHeader(JsonElement root, string forumId)
    {
        if (root.GetProperty("format").GetInt32() != 1) throw new InvalidDataException("unknown format");
        if (root.GetProperty("forum").GetString() != forumId) throw new InvalidDataException("the file belongs to another forum");
        return root.GetProperty("epoch").GetString() ?? throw new InvalidDataException("empty epoch");
    }

    static StoredEvent ReadEvent(JsonElement root, long expectedSeq)
    {
        var seq = root.GetProperty("seq").GetInt64();
        if (seq != expectedSeq) throw new InvalidDataException($"sequence {seq} where {expectedSeq} was expected");
        var actor = root.GetProperty("actor").Deserialize<Actor>(Domain.Protocol.Json.Options)
                    ?? throw new InvalidDataException("missing actor");
        return new StoredEvent(seq, root.GetProperty("at").GetInt64(), actor,
            root.GetProperty("cmd").GetString() ?? throw new InvalidDataException("missing command id"),
            root.GetProperty("type").GetString() ?? throw new InvalidDataException("missing type"),
            root.GetProperty("v").GetInt32(),
            root.GetProperty("data").GetRawText());
    }
}
