using System.Diagnostics;
using System.Text.Json;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using Spectre.Console.Cli;

namespace EventHub.LoadTests;

/// <summary>
/// qa-storm (and qa-storm-failover, a node killed halfway through the votes): connect the forum-day crowd and the
/// reviewer, let a tenth of the delegates ask, then every delegate vote at once; check every acknowledged vote
/// against the durable log and every client's tallies against the log's; then replay what our clients received
/// during the votes through the bare hub for the ratios. Exit 0 when nothing was lost or counted twice.
/// </summary>
sealed class QandAStormCommand : AsyncCommand<QandAStormSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, QandAStormSettings settings, CancellationToken cancellation)
    {
        var name = context.Name;
        var failover = settings.Faults.Count > 0;
        var churn = !settings.NoChurn && !failover; // moved clients are counted by their resumes after the kill, as in failover
        var recorders = new Recorders();
        var stats = NodeStats.Parse(settings.NodePids);
        var redisStats = new NodeStats(settings.RedisPid is { } redisPid ? [redisPid] : []);
        var bareStats = NodeStats.Parse(settings.BarePids);
        await using var people = new Population(settings.ForPopulation(name), recorders);
        stats.BeforeConnecting();
        bareStats.BeforeConnecting();
        var delegatesPerSite = settings.DelegatesPerSite ?? 50;
        var connections = 62 + 62 * delegatesPerSite + 3 + 1;
        Console.WriteLine($"[{name}] đăng nhập và kết nối / logging in and connecting {connections} clients …");
        await people.ConnectAsync(delegatesPerSite, cancellation);
        var reviewer = await ConnectReviewerAsync(settings, recorders, cancellation);
        var reviewerClient = reviewer.Client;
        people.Moderator.Log = [];
        Console.WriteLine($"[{name}] connected in {people.ConnectSeconds:F1} s (logins {people.LoginSeconds:F1} s)");

        var storm = new QandAStorm(people, reviewer, recorders, churn);
        storm.WatchTallies();
        await storm.OpenAsync(cancellation);
        stats.Start();
        redisStats.Start();
        using var sampling = new CancellationTokenSource();
        var sampler = RunCommand.SampleAsync(stats, sampling.Token, redisStats);

        var askWindow = TimeSpan.FromSeconds(settings.Duration ?? 60);
        Console.WriteLine($"[{name}] a tenth of the delegates ask within {askWindow.TotalSeconds:F0} s; the reviewer publishes …");
        await storm.AskAsync(askWindow, cancellation);
        var askedHead = await SettleAsync(people, reviewer, cancellation);
        var askAcks = Snapshot(recorders);

        // The votes are the storm: fan-out, deliveries and the nodes' CPU are measured from here.
        recorders.Reset();
        foreach (var p in people.All.Append(reviewer)) p.StartMeasuring();
        Console.WriteLine($"[{name}] {storm.Questions.Count} questions published; every delegate votes for {settings.VotesPerDelegate} within {settings.VoteSeconds} s …");
        long faultAt = 0;
        var faultsFailed = new List<string>();
        var voteWindow = TimeSpan.FromSeconds(settings.VoteSeconds);
        var fault = Task.Run(async () =>
        {
            if (!failover) return;
            await Task.Delay(voteWindow / 2, cancellation);
            faultAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Console.WriteLine($"[{name}] fault halfway through the votes: {settings.Faults[0]}");
            if (await RunCommand.RunShellAsync(settings.Faults[0]) is var exit and not 0) faultsFailed.Add($"fault exited with {exit}: {settings.Faults[0]}");
        }, cancellation);
        await storm.VoteAsync(voteWindow, settings.VotesPerDelegate, cancellation);
        await fault;
        var head = await SettleAsync(people, reviewer, cancellation);
        await sampling.CancelAsync();
        await sampler;
        stats.Sample();
        stats.Stop();
        redisStats.Stop();

        Console.WriteLine($"[{name}] checking every acknowledged vote against the durable log …");
        var log = await VoteLog.ReadAsync(settings, cancellation);
        var exited = failover ? [] : stats.Exited;
        var check = StormCheck.Of(people, reviewer, storm, log, head, faultAt, exited, faultsFailed);

        // The bare hub: the same fan-out as our clients received during the votes (tally messages included), one
        // broadcast per message of the same size at the same offset, to the same number of clients.
        var schedule = Beat.Of(people.Moderator.Log!.Where(e => e.Key > askedHead && e.Key <= head).Select(e => e.Value), settings.Json, storm.VoteWindowStartAt);
        var connected = people.All.Count() + 1;
        await people.DisconnectAllAsync();
        await reviewerClient.DisposeAsync();
        Baseline? baseline = null;
        if (settings.Bare is { } bare)
        {
            baseline = new Baseline(bare, settings.Json);
            try
            {
                await baseline.ConnectAsync(connected, cancellation);
                Console.WriteLine($"[{name}] baseline: {schedule.Count} messages replayed through the bare hub to {connected} clients …");
                await baseline.ReplayAsync(schedule, TimeSpan.FromSeconds(storm.VoteSeconds), churn ? Workload.DropsPerSecond(people.Delegates.Count) : 0, cancellation);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Console.WriteLine($"[{name}] baseline failed: {ex.Message}");
                await baseline.DisposeAsync();
                baseline = null;
            }
        }

        var report = new QandAStormReport(name, settings, people, storm, recorders, askAcks, stats, redisStats, bareStats, check, baseline,
            connected, churn, head);
        var folder = report.Write();
        if (baseline is not null) await baseline.DisposeAsync();
        Console.WriteLine(File.ReadAllText(Path.Combine(folder, "report.md")));
        return check.Passed ? 0 : 1;
    }

    /// <summary>The ask phase's acknowledgement times by method, kept before the vote phase's are counted.</summary>
    static Dictionary<string, System.Text.Json.Nodes.JsonObject> Snapshot(Recorders recorders) =>
        recorders.AckByMethod.Where(m => m.Value.TotalCount > 0).ToDictionary(m => m.Key, m => Report.Latency(m.Value));

    static async Task<Probe> ConnectReviewerAsync(QandAStormSettings settings, Recorders recorders, CancellationToken cancellationToken)
    {
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(settings.Credentials, cancellationToken));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var hub = new Uri(settings.Hub);
        var login = await Population.Retry(() => HubLogin.LoginAsync(http, hub,
            new LoginRequest("reviewer", credentials.RootElement.GetProperty("reviewerKey").GetString()!, Name: "Thư ký tọa đàm"), cancellationToken), cancellationToken);
        var network = new NetworkCut();
        var client = new ForumClient(new ForumClientOptions
        {
            HubUrl = new Uri(hub, "/hubs/forum"),
            AccessToken = () => Task.FromResult<string?>(login.Token),
            UseJson = settings.Json,
            ConfigureHttp = network.Configure,
        });
        var probe = new Probe(client, network, "reviewer", recorders);
        await client.StartAsync(cancellationToken);
        return probe;
    }

    /// <summary>The log's head once every client has it (or a minute has passed: the check then says who had not).</summary>
    static async Task<long> SettleAsync(Population people, Probe reviewer, CancellationToken cancellationToken)
    {
        var head = await Population.HeadAsync(people.Moderator.Client, cancellationToken);
        var settle = Stopwatch.StartNew();
        while (people.All.Append(reviewer).Any(p => p.LastSeq < head) && settle.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(200, cancellationToken);
        return head;
    }
}
