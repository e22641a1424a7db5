using System.Diagnostics;
using Spectre.Console.Cli;

namespace EventHub.LoadTests;

/// <summary>One scenario against a running cluster: connect everyone, drive the traffic, verify, measure, report.</summary>
sealed class RunCommand : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellation)
    {
        var scenario = Scenario.For(settings);
        var recorders = new Recorders();
        // The machine clock (a thread per core timing fixed work) explains a slow turn on this noisy machine; it is
        // an instrument for investigating, not part of a default run.
        using var machine = settings.MachineClock ? new MachineClock() : null;
        var byTurn = new Turns(machine);
        var stats = NodeStats.Parse(settings.NodePids);
        var redisStats = new NodeStats(settings.RedisPid is { } redisPid ? [redisPid] : []);
        await using var people = new Population(settings, recorders);
        stats.BeforeConnecting();
        // The bare nodes' memory, sampled over the whole run (their crowd connects in turns or after ours).
        var bareStats = NodeStats.Parse(settings.BarePids);
        bareStats.BeforeConnecting();
        using var bareSampling = new CancellationTokenSource();
        var bareSampler = SampleAsync(bareStats, bareSampling.Token);
        Console.WriteLine($"[{scenario.Name}] đăng nhập và kết nối / logging in and connecting {scenario.Connections} clients …");
        await people.ConnectAsync(scenario.DelegatesPerSite, cancellation);
        people.Moderator.Log = [];
        Console.WriteLine($"[{scenario.Name}] connected in {people.ConnectSeconds:F1} s (logins {people.LoginSeconds:F1} s)");

        // Ours for a slice, then the same events through the bare hub, and again: a machine that slows down for a
        // while (it does, for every process at once) slows both hubs' figures, not only whichever ran in that minute.
        // For turns the bare hub's clients connect now and stay connected; in one piece, after ours have gone.
        var slices = settings.Bare is null || settings.Faults.Count > 0 || scenario.Duration <= TimeSpan.Zero ? 1 : scenario.Slices;
        var turns = slices > 1;
        var baseline = turns ? await ConnectBaselineAsync(settings, scenario, cancellation) : null;
        (IReadOnlyList<Beat> Schedule, TimeSpan Window)? replayLater = null;
        // The bare hub's clients drop and come back as our phones do, so both crowds cost the load generator and
        // nginx the same reconnects; what our hub does for a phone coming back stays ours.
        var drops = scenario.Churn ? Workload.DropsPerSecond(people.Delegates.Count) : 0;

        stats.Start();
        redisStats.Start();
        foreach (var p in people.All) p.StartMeasuring();
        var workload = new Workload(people, recorders, churn: scenario.Churn);
        // The check-in storm is timed on its own; fan-out latency is the steady forum after it.
        var stormClock = Stopwatch.StartNew();
        var stormSeconds = await workload.CheckInStormAsync(cancellation);
        var stormHead = await Population.HeadAsync(people.Moderator.Client, cancellation);
        await Task.WhenAll(people.All.Select(p => p.Client.WaitForSeqAsync(stormHead, cancellation))).WaitAsync(TimeSpan.FromSeconds(60), cancellation);
        var stormSeenSeconds = stormClock.Elapsed.TotalSeconds;
        await workload.OpenDiscussionAsync(cancellation);
        if (scenario.Duration > TimeSpan.Zero) recorders.Reset(); // the storm scenario measures the storm itself
        var hubCalls = HubCallTimes.Parse(settings.NodeMetrics);
        var callsFrom = hubCalls is null || scenario.Duration <= TimeSpan.Zero ? new HubCallTimes.Scrape() : await hubCalls.ScrapeAsync(cancellation);
        long faultAt = 0;
        var faultsFailed = new List<string>();
        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(stats, sampling.Token, redisStats);

        var head = stormHead;
        if (turns && scenario.Warmup > TimeSpan.Zero)
        {
            // Our traffic and its replay, as a slice, but nothing of it counted: CPU, latency and deliveries start after.
            var warmAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var warming = Stopwatch.StartNew();
            await workload.RunAsync(scenario.Warmup, cancellation);
            head = await SettleAsync(people, cancellation);
            var schedule = ReplayOf(people, stormHead, head, settings.Json, warmAt);
            Console.WriteLine($"[{scenario.Name}] warm-up: our {head - stormHead} events, now replayed through the bare hub (not measured) …");
            baseline = await ReplayOrDropAsync(baseline, schedule, warming.Elapsed, drops, scenario, cancellation);
            baseline?.Reset();
            recorders.Reset();
            if (hubCalls is not null) callsFrom = await hubCalls.ScrapeAsync(cancellation);
            stats.Restart();
            redisStats.Restart();
        }

        var workSeconds = 0.0;
        for (var slice = 1; slice <= slices; slice++)
        {
            CollectGenerator();
            byTurn.Begin();
            if (slice > 1) stats.Start();
            if (slice > 1) redisStats.Start();
            var sliceStart = head;
            var sliceStartAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var clock = Stopwatch.StartNew();
            if (scenario.Duration > TimeSpan.Zero)
            {
                var fault = Task.Run(async () =>
                {
                    var faults = settings.Faults;
                    for (var i = 0; i < faults.Count; i++)
                    {
                        var due = scenario.Duration * (i + 1) / (faults.Count + 1) - clock.Elapsed;
                        if (due > TimeSpan.Zero) await Task.Delay(due, cancellation);
                        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                        if (faultAt == 0) faultAt = at;
                        Console.WriteLine($"[{scenario.Name}] fault {i + 1}/{faults.Count} at {clock.Elapsed.TotalSeconds:F0} s: {faults[i]}");
                        if (await RunShellAsync(faults[i]) is var exit and not 0) faultsFailed.Add($"fault {i + 1} exited with {exit}: {faults[i]}");
                    }
                }, cancellation);
                await workload.RunAsync(scenario.Duration / slices, cancellation);
                await fault;
            }
            var window = clock.Elapsed;
            workSeconds += window.TotalSeconds;

            head = await SettleAsync(people, cancellation);
            stats.Sample();
            stats.Stop();
            redisStats.Stop();
            byTurn.End(slice, Turns.Ours, recorders.Fanout());

            if (settings.Bare is null) continue;
            // The same traffic as this slice of our steady forum (after the check-in storm), event for event.
            var from = sliceStart;
            var schedule = ReplayOf(people, from, head, settings.Json, sliceStartAt);
            if (!turns)
            {
                replayLater = (schedule, window);
                continue;
            }
            Console.WriteLine($"[{scenario.Name}] slice {slice}/{slices}: our {head - from} events, now replayed through the bare hub …");
            CollectGenerator();
            byTurn.Begin();
            baseline = await ReplayOrDropAsync(baseline, schedule, window, drops, scenario, cancellation);
            if (baseline is not null) byTurn.End(slice, Turns.Bare, baseline.Fanout.Latency.Copy());
        }
        await sampling.CancelAsync();
        await sampler;
        var callTimes = hubCalls is null ? null : HubCallTimes.Between(callsFrom, await hubCalls.ScrapeAsync(cancellation));

        // A node may be gone only where the scenario kills one.
        var exited = scenario.Name == "failover" ? [] : stats.Exited;
        var verdict = Verdict.Check(people, workload, head, faultAt, exited, faultsFailed);
        await people.DisconnectAllAsync();
        if (replayLater is { } later)
        {
            baseline = await ConnectBaselineAsync(settings, scenario, cancellation);
            if (baseline is not null)
                Console.WriteLine($"[{scenario.Name}] baseline: our {later.Schedule.Count} events, now replayed through the bare hub …");
            byTurn.Begin();
            baseline = await ReplayOrDropAsync(baseline, later.Schedule, later.Window, drops, scenario, cancellation);
            if (baseline is not null) byTurn.End(1, Turns.Bare, baseline.Fanout.Latency.Copy());
        }
        IReadOnlyList<double>? bareReconnect = null;
        if (baseline is not null && settings.BareFault is { } bareFault)
        {
            Console.WriteLine($"[{scenario.Name}] baseline: every bare client cut at once ({bareFault}) …");
            bareReconnect = await baseline.ReconnectStormAsync(() => RunShellAsync(bareFault), cancellation);
        }
        if (baseline is not null) await baseline.DisposeAsync();
        await bareSampling.CancelAsync();
        await bareSampler;

        var report = new Report(settings, scenario, people, workload, recorders, stats, bareStats, redisStats, bareReconnect, verdict, baseline, byTurn, head, (stormSeconds, stormSeenSeconds), workSeconds, callTimes);
        var folder = report.Write();
        Console.WriteLine(File.ReadAllText(Path.Combine(folder, "report.md")));
        return verdict.Passed ? 0 : 1;
    }

    /// <summary>The bare hub's schedule for our events after <paramref name="from"/> up to <paramref name="to"/>, as the moderator saw them.</summary>
    static IReadOnlyList<Beat> ReplayOf(Population people, long from, long to, bool json, long startAt) =>
        Beat.Of(people.Moderator.Log!.Where(e => e.Key > from && e.Key <= to).Select(e => e.Value), json, startAt);

    /// <summary>
    /// The generator's own garbage, all of it, collected between turns while neither hub is measured. Its clients'
    /// heap grows through a run, and a full collection of it stopped every client for 0.5–0.8 s (runs a3, x1: once a
    /// run, in whichever hub's turn it fell, and that turn's p99 was the pause); collected before each turn, ours
    /// and the bare hub's alike, neither turn inherits the other's garbage.
    /// </summary>
    static void CollectGenerator()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    /// <summary>The log's head once every client has it (or a minute has passed: the verdict then says who had not).</summary>
    static async Task<long> SettleAsync(Population people, CancellationToken cancellationToken)
    {
        var head = await Population.HeadAsync(people.Moderator.Client, cancellationToken);
        var settle = Stopwatch.StartNew();
        while (people.All.Any(p => p.LastSeq < head) && settle.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(200, cancellationToken);
        return head;
    }

    /// <summary>Connects the bare hub's crowd; without it our figures stand on their own, and the report says why.</summary>
    static async Task<Baseline?> ConnectBaselineAsync(RunSettings settings, Scenario scenario, CancellationToken cancellationToken)
    {
        var baseline = await OrDropAsync(new Baseline(settings.Bare!, settings.Json), b => b.ConnectAsync(scenario.Connections, cancellationToken), scenario);
        if (baseline is not null)
            Console.WriteLine($"[{scenario.Name}] baseline: bare SignalR hub, {scenario.Connections} clients connected in {baseline.ConnectSeconds:F1} s");
        return baseline;
    }

    /// <summary>Replays a schedule through the bare hub, if it is still there.</summary>
    static Task<Baseline?> ReplayOrDropAsync(Baseline? baseline, IReadOnlyList<Beat> schedule, TimeSpan window, int drops,
        Scenario scenario, CancellationToken cancellationToken) =>
        OrDropAsync(baseline, b => b.ReplayAsync(schedule, window, drops, cancellationToken), scenario);

    /// <summary>One step of the baseline; a baseline that fails is dropped (our figures stand on their own) and the run says why.</summary>
    static async Task<Baseline?> OrDropAsync(Baseline? baseline, Func<Baseline, Task> step, Scenario scenario)
    {
        if (baseline is null) return null;
        try
        {
            await step(baseline);
            return baseline;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.WriteLine($"[{scenario.Name}] baseline failed: {ex.Message}");
            await baseline.DisposeAsync();
            return null;
        }
    }

    internal static async Task SampleAsync(NodeStats stats, CancellationToken cancellationToken, NodeStats? alongside = null)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                stats.Sample();
                alongside?.Sample();
                await Task.Delay(500, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal static async Task<int> RunShellAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}

/// <summary>
/// What each scenario means: how many people, how long, whether phones drop, in how many slices ours and the bare
/// hub take turns (with a baseline and no fault; a fault needs our traffic in one piece), and how long both warm up
/// first when they take turns.
/// </summary>
sealed record Scenario(string Name, int DelegatesPerSite, TimeSpan Duration, bool Churn, int Slices, TimeSpan Warmup = default)
{
    public int Connections => 62 + 62 * DelegatesPerSite + 3;

    public static Scenario For(RunSettings s) => s.Scenario switch
    {
        "smoke" => new("smoke", s.DelegatesPerSite ?? 2, TimeSpan.FromSeconds(s.Duration ?? 15), true, s.Slices ?? 3),
        "checkin-storm" => new("checkin-storm", s.DelegatesPerSite ?? 0, TimeSpan.Zero, false, 1),
        // Moved clients are counted by their resumes after the kill, so no phone drops on purpose there.
        "failover" => new("failover", s.DelegatesPerSite ?? 50, TimeSpan.FromSeconds(s.Duration ?? 60), false, 1),
        // Every client is cut at once (the balancer restarts) and counted by its resume, as in failover.
        "reconnect-storm" => new("reconnect-storm", s.DelegatesPerSite ?? 100, TimeSpan.FromSeconds(s.Duration ?? 60), false, 1),
        // Turns keep both crowds connected at once: at 100 per site (12,530 clients in the runner) that ran this
        // machine's runner out of memory (docs/performance.md, run 98), so larger crowds run in one piece by default.
        // Both hubs' first traffic after start-up runs cold (the nodes compile the code it needs and collect the
        // connect storm's garbage: docs/performance.md, run h1): with turns, an unmeasured turn of each comes first.
        _ => new(s.Scenario, s.DelegatesPerSite ?? 50, TimeSpan.FromSeconds(s.Duration ?? 60), !s.NoChurn,
            s.Slices ?? (s.DelegatesPerSite is null or <= 50 ? 4 : 1), TimeSpan.FromSeconds(s.Warmup ?? 10)),
    };
}
