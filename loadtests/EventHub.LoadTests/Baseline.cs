using System.Diagnostics;
using HdrHistogram;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EventHub.LoadTests;

/// <summary>
/// The same fan-out through a bare SignalR hub (only Clients.All.SendAsync): same connection count and topology,
/// and our measured events replayed one for one (same sizes, same offsets). Our figures are reported as ratios to
/// these. Its clients connect once and stay connected; each slice of our traffic is replayed as soon as ours has
/// been delivered (<see cref="ReplayAsync"/>), so both hubs are measured on the machine as it is at that moment.
/// </summary>
sealed class Baseline(string url, bool json) : IAsyncDisposable
{
    public readonly LongConcurrentHistogram Fanout = Recorders.NewHistogram();
    public long Deliveries;
    public long Expected;
    public double Seconds;
    public double ConnectSeconds;
    public double PayloadBytes => _beats == 0 ? 0 : _bytes / (double)_beats;

    HubConnection[] _clients = [];
    readonly Dictionary<int, string> _payloads = [];
    long _bytes;
    int _beats;

    public async Task ConnectAsync(int connections, CancellationToken cancellationToken)
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
        _clients = clients;
    }

    /// <summary>
    /// The same traffic, beat for beat: each of our events becomes one broadcast of its size, sent at the same
    /// offset (a burst of events stays a burst); returns when every client got every broadcast (or after 30 s).
    /// <see cref="Seconds"/> grows by the time from the schedule's start to the last delivery, and by no less than
    /// <paramref name="window"/>, the time our traffic had for the same events.
    /// </summary>
    public async Task ReplayAsync(IReadOnlyList<Beat> schedule, TimeSpan window, CancellationToken cancellationToken)
    {
        if (schedule.Count == 0) return;
        var expected = Interlocked.Read(ref Deliveries) + (long)schedule.Count * _clients.Length;
        var clock = Stopwatch.StartNew();
        foreach (var beat in schedule)
        {
            var wait = TimeSpan.FromMilliseconds(beat.OffsetMs) - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            if (!_payloads.TryGetValue(beat.Bytes, out var payload)) _payloads[beat.Bytes] = payload = new string('x', Math.Max(1, beat.Bytes));
            await _clients[0].SendAsync("Broadcast", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), payload, cancellationToken);
            _bytes += beat.Bytes;
            _beats++;
        }
        Expected += (long)schedule.Count * _clients.Length;
        var drain = Stopwatch.StartNew();
        while (Interlocked.Read(ref Deliveries) < expected && drain.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(100, cancellationToken);
        Seconds += Math.Max(window.TotalSeconds, clock.Elapsed.TotalSeconds);
    }

    public async ValueTask DisposeAsync() =>
        await Parallel.ForEachAsync(_clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
}

/// <summary>One broadcast of the replay: when, after the first, and how many bytes.</summary>
readonly record struct Beat(long OffsetMs, int Bytes)
{
    /// <summary>
    /// Our measured events (after the check-in storm) as a replay schedule, timed from <paramref name="startAt"/> (when
    /// our slice began, so a slice's quiet start is replayed too) or else from the first event. Each broadcast's text
    /// is as many ASCII bytes as our event's argument took on the wire, less what the bare message's time stamp and
    /// string header take.
    /// </summary>
    public static IReadOnlyList<Beat> Of(IEnumerable<LoggedEvent> events, bool json, long? startAt = null)
    {
        var list = events.ToList();
        if (list.Count == 0) return [];
        var first = startAt ?? list.Min(e => e.At);
        var stampAndHeader = json ? 20 : 12;
        return list.Select(e => new Beat(Math.Max(0, e.At - first), Math.Max(1, e.WireBytes(json) - stampAndHeader)))
            .OrderBy(b => b.OffsetMs).ToList();
    }
}
