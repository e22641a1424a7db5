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
    public readonly FanoutRecord Fanout = new();
    /// <summary>
    /// Each dropped client's time from its drop to connected again (negotiate, WebSocket, handshake): the framework's
    /// own share of what our phones report as back in sync, which adds the resume.
    /// </summary>
    public readonly LongConcurrentHistogram Back = Recorders.NewHistogram();
    /// <summary>Calls answered by the bare hub while the replay runs (send → answer): the floor under our commands' answers.</summary>
    public readonly LongConcurrentHistogram Calls = Recorders.NewHistogram();
    public long Deliveries;
    public long Expected;
    public double Seconds;
    public double ConnectSeconds;
    public double PayloadBytes => _beats == 0 ? 0 : _bytes / (double)_beats;

    /// <summary>How long a dropped phone stays away before it connects again, as ours do.</summary>
    static readonly TimeSpan Away = Workload.PhoneAway;

    HubConnection[] _clients = [];
    int[] _away = [];
    int _connected;
    long _lastDelivery;
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
                    Fanout.Record(sentAt);
                    Interlocked.Increment(ref Deliveries);
                    Volatile.Write(ref _lastDelivery, Stopwatch.GetTimestamp());
                });
                // As ours do (ForumClient connects with retries): a handshake the busy machine timed out knocks
                // again, instead of ending the run (run rr6, docs/performance.md).
                clients[i] = await Population.Retry(async () =>
                {
                    await connection.StartAsync(ct);
                    return connection;
                }, ct);
            });
        ConnectSeconds = connecting.Elapsed.TotalSeconds;
        _clients = clients;
        _away = new int[connections];
        _connected = connections;
    }

    /// <summary>
    /// The same traffic, beat for beat: each of our events becomes one broadcast of its size, sent at the same
    /// offset (a burst of events stays a burst); returns when every client connected at the time got every broadcast
    /// (or once nothing arrived for two seconds, or after 30 s). Meanwhile <paramref name="dropsPerSecond"/> clients a
    /// second drop and come back after a second, as our phones do. <see cref="Seconds"/> grows by the time from the
    /// schedule's start to the last delivery, and by no less than <paramref name="window"/>, the time our traffic
    /// had for the same events.
    /// </summary>
    public async Task ReplayAsync(IReadOnlyList<Beat> schedule, TimeSpan window, int dropsPerSecond, CancellationToken cancellationToken)
    {
        if (schedule.Count == 0) return;
        var started = Stopwatch.GetTimestamp();
        using var stopDropping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var dropping = dropsPerSecond > 0 ? DropAndComeBackAsync(dropsPerSecond, stopDropping.Token) : Task.CompletedTask;
        var calling = CallAsync(stopDropping.Token);
        var clock = Stopwatch.StartNew();
        foreach (var beat in schedule)
        {
            var wait = TimeSpan.FromMilliseconds(beat.OffsetMs) - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            if (!_payloads.TryGetValue(beat.Bytes, out var payload)) _payloads[beat.Bytes] = payload = new string('x', Math.Max(1, beat.Bytes));
            await _clients[0].SendAsync("Broadcast", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), payload, cancellationToken);
            Expected += Volatile.Read(ref _connected);
            _bytes += beat.Bytes;
            _beats++;
        }
        var lastSent = Stopwatch.GetTimestamp();
        await stopDropping.CancelAsync();
        await dropping;
        await calling;
        // A client counted as connected when a broadcast went out may have dropped before it arrived: once nothing
        // has arrived for two seconds after the last broadcast, everything that will arrive has.
        var drain = Stopwatch.StartNew();
        while (Interlocked.Read(ref Deliveries) < Expected && drain.Elapsed < TimeSpan.FromSeconds(30)
               && Stopwatch.GetElapsedTime(Math.Max(lastSent, Volatile.Read(ref _lastDelivery))) < TimeSpan.FromSeconds(2))
            await Task.Delay(100, cancellationToken);
        Seconds += Math.Max(window.TotalSeconds, Stopwatch.GetElapsedTime(started, Volatile.Read(ref _lastDelivery)).TotalSeconds);
    }

    /// <summary>Every second, <paramref name="perSecond"/> clients (never the broadcaster) drop and come back after <see cref="Away"/>.</summary>
    async Task DropAndComeBackAsync(int perSecond, CancellationToken cancellationToken)
    {
        var drops = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                for (var i = 0; i < perSecond; i++)
                    drops.Add(DropAndComeBackAsync(Random.Shared.Next(1, _clients.Length)));
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(drops);
    }

    /// <summary>
    /// As often as our sites and moderator send commands (about five a second), one of the first clients, as many as
    /// our hosts and moderator, calls <c>Echo</c>; a client away at that moment is skipped.
    /// </summary>
    async Task CallAsync(CancellationToken cancellationToken)
    {
        var calls = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var client = Random.Shared.Next(1, Math.Min(_clients.Length, 64));
                if (Volatile.Read(ref _away[client]) == 0) calls.Add(CallAsync(_clients[client]));
            }
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(calls);
    }

    async Task CallAsync(HubConnection client)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            await client.InvokeAsync<long>("Echo", sent);
            Calls.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(sent).TotalMilliseconds));
        }
        catch (Exception)
        {
            // The client dropped meanwhile: no answer to time.
        }
    }

    /// <summary>Like our client, a bare client that could not connect tries again after <see cref="Away"/> until it does.</summary>
    async Task DropAndComeBackAsync(int client)
    {
        if (Interlocked.Exchange(ref _away[client], 1) == 1) return; // already away
        Interlocked.Decrement(ref _connected);
        var dropped = Stopwatch.GetTimestamp();
        await _clients[client].StopAsync();
        while (true)
        {
            await Task.Delay(Away);
            try
            {
                await _clients[client].StartAsync();
                break;
            }
            catch (Exception)
            {
                // A saturated machine times the handshake out; the phone knocks again.
            }
        }
        Back.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(dropped).TotalMilliseconds));
        Interlocked.Increment(ref _connected);
        Volatile.Write(ref _away[client], 0);
    }

    /// <summary>
    /// The reconnect storm for the bare crowd: <paramref name="fault"/> cuts every client at once (the balancer
    /// restarts); each connects again as soon as it notices, and again every <see cref="Away"/> until it does.
    /// Returns each client's seconds from the fault to connected again, sorted (a client not back within two
    /// minutes is left out, so the count says how many came back).
    /// </summary>
    public async Task<IReadOnlyList<double>> ReconnectStormAsync(Func<Task> fault, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var back = new System.Collections.Concurrent.ConcurrentBag<double>();
        var returns = new System.Collections.Concurrent.ConcurrentBag<Task>();
        var handlers = _clients.Select(client =>
        {
            Func<Exception?, Task> closed = _ =>
            {
                returns.Add(ComeBackAsync(client));
                return Task.CompletedTask;
            };
            client.Closed += closed;
            return (client, closed);
        }).ToList();

        async Task ComeBackAsync(HubConnection client)
        {
            while (clock.Elapsed < TimeSpan.FromMinutes(2) && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await client.StartAsync(cancellationToken);
                    back.Add(clock.Elapsed.TotalSeconds);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await Task.Delay(Away, cancellationToken);
                }
            }
        }

        await fault();
        // Every client has noticed once its Closed handler ran; give the slowest a few seconds to notice.
        var noticed = Stopwatch.StartNew();
        while (returns.Count < _clients.Length && noticed.Elapsed < TimeSpan.FromSeconds(15)) await Task.Delay(100, cancellationToken);
        await Task.WhenAll(returns.ToArray());
        foreach (var (client, closed) in handlers) client.Closed -= closed;
        return back.Order().ToList();
    }

    /// <summary>Forgets what was measured so far (a warm-up); the clients stay connected.</summary>
    public void Reset()
    {
        Fanout.Reset();
        Back.Reset();
        Calls.Reset();
        Interlocked.Exchange(ref Deliveries, 0);
        Expected = 0;
        Seconds = 0;
        _bytes = 0;
        _beats = 0;
    }

    public async ValueTask DisposeAsync() =>
        await Parallel.ForEachAsync(_clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
}

/// <summary>One broadcast of the replay: when, after the first, and how many bytes.</summary>
readonly record struct Beat(long OffsetMs, int Bytes)
{
    /// <summary>
    /// Our measured events (after the check-in storm) as a replay schedule, timed from <paramref name="startAt"/> (when
    /// our slice began, so a slice's quiet start is replayed too). Each broadcast's text is as many ASCII bytes as our
    /// event's argument took on the wire, less what the bare message's time stamp and string header take.
    /// </summary>
    public static IReadOnlyList<Beat> Of(IEnumerable<LoggedEvent> events, bool json, long startAt)
    {
        var stampAndHeader = json ? 20 : 12;
        return events.Select(e => new Beat(Math.Max(0, e.At - startAt), Math.Max(1, e.WireBytes(json) - stampAndHeader)))
            .OrderBy(b => b.OffsetMs).ToList();
    }
}
