using System.Diagnostics;
using HdrHistogram;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EventHub.LoadTests;

/// <summary>
/// The same fan-out through a bare SignalR hub (only Clients.All.SendAsync): same connection count and topology,
/// and our measured events replayed one for one (same sizes, same offsets). Our figures are reported as ratios to
/// these.
/// </summary>
sealed class Baseline(string url, bool json)
{
    public readonly LongConcurrentHistogram Fanout = Recorders.NewHistogram();
    public long Deliveries;
    public long Expected;
    public double Seconds;
    public double ConnectSeconds;
    public double PayloadBytes;

    public async Task RunAsync(int connections, IReadOnlyList<Beat> schedule, CancellationToken cancellationToken)
    {
        var hub = new Uri(new Uri(url), "/hubs/bare");
        var clients = new HubConnection[connections];
        var connecting = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, connections),
            new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var builder = new HubConnectionBuilder().WithUrl(hub);
                if (!json) builder.AddMessagePackProtocol();
                var connection = builder.Build();
                connection.On<long, string>("Msg", (sentAt, _) =>
                {
                    Fanout.RecordValue(Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - sentAt));
                    Interlocked.Increment(ref Deliveries);
                });
                await connection.StartAsync(ct);
                clients[i] = connection;
            });
        ConnectSeconds = connecting.Elapsed.TotalSeconds;

        // The same traffic, beat for beat: each of our events becomes one broadcast of its size, sent at the same
        // offset from the start (a burst of events stays a burst).
        PayloadBytes = schedule.Count > 0 ? schedule.Average(b => b.Bytes) : 0;
        var payloads = new Dictionary<int, string>();
        var sent = 0L;
        var clock = Stopwatch.StartNew();
        foreach (var beat in schedule)
        {
            var wait = TimeSpan.FromMilliseconds(beat.OffsetMs) - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            if (!payloads.TryGetValue(beat.Bytes, out var payload)) payloads[beat.Bytes] = payload = new string('x', Math.Max(1, beat.Bytes));
            await clients[0].SendAsync("Broadcast", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), payload, cancellationToken);
            sent++;
        }
        Expected = sent * connections;
        var drain = Stopwatch.StartNew();
        while (Interlocked.Read(ref Deliveries) < Expected && drain.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(100, cancellationToken);
        Seconds = clock.Elapsed.TotalSeconds;
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
    }
}

/// <summary>One broadcast of the replay: when, after the first, and how many bytes.</summary>
readonly record struct Beat(long OffsetMs, int Bytes)
{
    /// <summary>
    /// Our measured events (after the check-in storm) as a replay schedule. Each broadcast's text is as many ASCII
    /// bytes as our event's argument took on the wire, less what the bare message's time stamp and string header take.
    /// </summary>
    public static IReadOnlyList<Beat> Of(IEnumerable<LoggedEvent> events, bool json)
    {
        var list = events.ToList();
        if (list.Count == 0) return [];
        var first = list.Min(e => e.At);
        var stampAndHeader = json ? 20 : 12;
        return list.Select(e => new Beat(e.At - first, Math.Max(1, e.WireBytes(json) - stampAndHeader)))
            .OrderBy(b => b.OffsetMs).ToList();
    }
}
