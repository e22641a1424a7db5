using System.Diagnostics;
using HdrHistogram;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EventHub.LoadTests;

/// <summary>
/// The same fan-out through a bare SignalR hub (only Clients.All.SendAsync): same connection count, payload
/// size, rate and topology. Our figures are reported as ratios to these.
/// </summary>
sealed class Baseline(string url, bool json)
{
    public readonly LongConcurrentHistogram Fanout = new(1, 600_000, 3);
    public long Deliveries;
    public long Expected;
    public double Seconds;
    public double ConnectSeconds;

    public async Task RunAsync(int connections, double ratePerSecond, int payloadBytes, TimeSpan duration, CancellationToken cancellationToken)
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

        var payload = new string('x', Math.Max(1, payloadBytes));
        var interval = TimeSpan.FromSeconds(1 / Math.Max(0.2, ratePerSecond));
        var sent = 0L;
        var clock = Stopwatch.StartNew();
        using (var timer = new PeriodicTimer(interval))
            while (clock.Elapsed < duration && await timer.WaitForNextTickAsync(cancellationToken))
            {
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
