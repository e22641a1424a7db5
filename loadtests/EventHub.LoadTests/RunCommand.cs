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
        var stats = NodeStats.Parse(settings.NodePids);
        await using var people = new Population(settings, recorders);
        Console.WriteLine($"[{scenario.Name}] đăng nhập và kết nối / logging in and connecting {scenario.Connections} clients …");
        await people.ConnectAsync(scenario.DelegatesPerSite, cancellation);
        people.Moderator.Log = [];
        Console.WriteLine($"[{scenario.Name}] connected in {people.ConnectSeconds:F1} s (logins {people.LoginSeconds:F1} s)");

        stats.Start();
        foreach (var p in people.All) p.StartMeasuring();
        var workload = new Workload(people, churn: scenario.Churn);
        // The check-in storm is timed on its own; fan-out latency is the steady forum after it.
        var stormClock = Stopwatch.StartNew();
        var stormSeconds = await workload.CheckInStormAsync(cancellation);
        var stormHead = await Population.HeadAsync(people.Moderator.Client, cancellation);
        await Task.WhenAll(people.All.Select(p => p.Client.WaitForSeqAsync(stormHead, cancellation))).WaitAsync(TimeSpan.FromSeconds(60), cancellation);
        var stormSeenSeconds = stormClock.Elapsed.TotalSeconds;
        await workload.OpenDiscussionAsync(cancellation);
        if (scenario.Duration > TimeSpan.Zero) recorders.Reset(); // the storm scenario measures the storm itself
        var clock = Stopwatch.StartNew();
        long faultAt = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(stats, sampling.Token);
        if (scenario.Duration > TimeSpan.Zero)
        {
            var fault = settings.Fault is null ? Task.CompletedTask : Task.Run(async () =>
            {
                await Task.Delay(scenario.Duration / 2, cancellation);
                faultAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                Console.WriteLine($"[{scenario.Name}] fault: {settings.Fault}");
                await RunShellAsync(settings.Fault);
            }, cancellation);
            await workload.RunAsync(scenario.Duration, cancellation);
            await fault;
        }
        var workSeconds = clock.Elapsed.TotalSeconds;

        var head = await Population.HeadAsync(people.Moderator.Client, cancellation);
        var settle = Stopwatch.StartNew();
        while (people.All.Any(p => p.LastSeq < head) && settle.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(200, cancellation);
        stats.Sample();
        stats.Stop();
        await sampling.CancelAsync();
        await sampler;

        var verdict = Verdict.Check(people, workload, head, faultAt);
        await people.DisconnectAllAsync();
        Baseline? baseline = null;
        if (settings.Bare is not null)
        {
            // The same traffic as our steady forum (after the check-in storm, which is timed on its own), event for event.
            var schedule = Beat.Of(people.Moderator.Log!.Where(e => e.Key > stormHead).Select(e => e.Value), settings.Json);
            var span = schedule.Count > 0 ? schedule[^1].OffsetMs / 1000.0 : 0;
            Console.WriteLine($"[{scenario.Name}] baseline: bare SignalR hub, {scenario.Connections} clients, our {schedule.Count} events replayed over {span:F0} s …");
            baseline = new Baseline(settings.Bare, settings.Json);
            try
            {
                await baseline.RunAsync(scenario.Connections, schedule, cancellation);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Our figures stand on their own; say plainly that the comparison is missing and why.
                Console.WriteLine($"[{scenario.Name}] baseline failed: {ex.Message}");
                baseline = null;
            }
        }

        var report = new Report(settings, scenario, people, workload, recorders, stats, verdict, baseline, head, (stormSeconds, stormSeenSeconds), workSeconds);
        var folder = report.Write();
        Console.WriteLine(File.ReadAllText(Path.Combine(folder, "report.md")));
        return verdict.Passed ? 0 : 1;
    }

    static async Task SampleAsync(NodeStats stats, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                stats.Sample();
                await Task.Delay(500, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    static async Task RunShellAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { UseShellExecute = false })!;
        await process.WaitForExitAsync();
    }
}

/// <summary>What each scenario means: how many people, how long, whether phones drop.</summary>
sealed record Scenario(string Name, int DelegatesPerSite, TimeSpan Duration, bool Churn)
{
    public int Connections => 62 + 62 * DelegatesPerSite + 3;

    public static Scenario For(RunSettings s) => s.Scenario switch
    {
        "smoke" => new("smoke", s.DelegatesPerSite ?? 2, TimeSpan.FromSeconds(s.Duration ?? 15), true),
        "checkin-storm" => new("checkin-storm", s.DelegatesPerSite ?? 0, TimeSpan.Zero, false),
        // Moved clients are counted by their resumes after the kill, so no phone drops on purpose there.
        "failover" => new("failover", s.DelegatesPerSite ?? 50, TimeSpan.FromSeconds(s.Duration ?? 60), false),
        _ => new(s.Scenario, s.DelegatesPerSite ?? 50, TimeSpan.FromSeconds(s.Duration ?? 60), !s.NoChurn),
    };
}
