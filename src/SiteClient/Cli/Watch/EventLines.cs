using System.Text;
using System.Text.Json;

namespace EventHub.SiteClient.Cli.Watch;

/// <summary>
/// <c>watch --json</c>: one line per applied event (<c>seq, at, type, data</c>) and one per connection change
/// (<c>state, lastSeq</c>), written as they happen. Events arrive on the client's loop, state changes on
/// SignalR's threads, so lines are written under one lock.
/// </summary>
sealed class EventLines(TextWriter output, ForumClient client)
{
    readonly Lock _writing = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        client.EventApplied += e => Write(w =>
        {
            w.WriteNumber("seq", e.Envelope.Seq);
            w.WriteNumber("at", e.Envelope.At);
            w.WriteString("type", e.Envelope.Type);
            w.WritePropertyName("data");
            WriteData(w, e.Envelope.Data);
        });
        client.StateChanged += state => Write(w =>
        {
            w.WriteString("state", StateName(state));
            w.WriteNumber("lastSeq", client.Forum.LastSeq);
        });
        client.SnapshotTaken += r => Write(w =>
        {
            w.WriteString("state", "snapshot");
            w.WriteNumber("lastSeq", r.SnapshotSeq);
        });
        await client.StartAsync(cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public static string StateName(LinkState state) => state switch
    {
        LinkState.Connecting => "connecting",
        LinkState.Connected => "connected",
        LinkState.Reconnecting => "reconnecting",
        LinkState.Refused => "refused",
        _ => "resumed",
    };

    static void WriteData(Utf8JsonWriter w, string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            document.RootElement.WriteTo(w);
        }
        catch (JsonException)
        {
            w.WriteStringValue(data);
        }
    }

    void Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.Options.Encoder }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        var line = Encoding.UTF8.GetString(buffer.ToArray());
        lock (_writing)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
