using System.Text.Json;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;

namespace EventHub.Storage.Redis;

/// <summary>One event as a compact JSON record in the Redis list: seq, at, actor, cmd, type, v, data.</summary>
static class EventRecord
{
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = Json.Options.Encoder };

    public static string Write(StoredEvent e)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + e.Data.Length);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("seq", e.Seq);
            w.WriteNumber("at", e.At);
            w.WritePropertyName("actor");
            JsonSerializer.Serialize(w, e.Actor, Json.Options);
            w.WriteString("cmd", e.CommandId);
            w.WriteString("type", e.Type);
            w.WriteNumber("v", e.Version);
            w.WritePropertyName("data");
            w.WriteRawValue(e.Data);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a record back; anything that does not fit is corrupt data, never skipped.</summary>
    /// <param name="expectedSeq">The position it was read from, or null for a record heard on the feed.</param>
    public static StoredEvent Read(string record, long? expectedSeq, string where)
    {
        try
        {
            using var doc = JsonDocument.Parse(record);
            var root = doc.RootElement;
            var seq = root.GetProperty("seq").GetInt64();
            if (expectedSeq is { } expected && seq != expected)
                throw new InvalidDataException($"sequence {seq} where {expected} was expected");
            return new StoredEvent(seq, root.GetProperty("at").GetInt64(),
                root.GetProperty("actor").Deserialize<Actor>(Json.Options) ?? throw new InvalidDataException("missing actor"),
                root.GetProperty("cmd").GetString() ?? throw new InvalidDataException("missing command id"),
                root.GetProperty("type").GetString() ?? throw new InvalidDataException("missing type"),
                root.GetProperty("v").GetInt32(),
                root.GetProperty("data").GetRawText());
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CorruptLogException($"{where} event {expectedSeq?.ToString() ?? "(feed)"}: {ex.Message} — dữ liệu hỏng / corrupt data in Redis.");
        }
    }
}
