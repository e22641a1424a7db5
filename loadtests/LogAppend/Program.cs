using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Forum;
using EventHub.Storage;
using EventHub.Storage.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

// Usage: LogAppend --redis HOST:PORT [--callers 1,16,64,256] [--seconds 5] [--out DIR]
// For each number of callers: redis-benchmark's RPUSH at that concurrency, then the forum's engine over the Redis log
// with every command written on its own (batch of 1), then with group commit, then the same two over the file log;
// each caller sends one first login (a delegate.joined event) after another, and counts those acknowledged.
var options = Args(args);
var redis = options.GetValueOrDefault("redis") ?? throw new ArgumentException("--redis HOST:PORT");
var callers = (options.GetValueOrDefault("callers") ?? "1,16,64,256").Split(',').Select(int.Parse).ToList();
var seconds = double.Parse(options.GetValueOrDefault("seconds") ?? "5", CultureInfo.InvariantCulture);
var outDir = options.GetValueOrDefault("out") ?? "loadtests/results/log-append";
Directory.CreateDirectory(outDir);

using var connection = await ConnectionMultiplexer.ConnectAsync(new RedisSettings { CommandTimeout = TimeSpan.FromSeconds(10) }.Connection(redis));
var fsync = (await connection.GetServers()[0].ConfigGetAsync("appendfsync")).Single().Value;
var rows = new List<Row>();
foreach (var n in callers)
{
    rows.Add(RedisBenchmark(redis, n, seconds));
    var redisLog = new RedisEventLog(connection, new RedisKeys("log-append"), TimeSpan.FromSeconds(10), NullLogger<RedisEventLog>.Instance);
    rows.Add(await EngineAsync("redis", redisLog, n, seconds, maxBatch: 1));
    rows.Add(await EngineAsync("redis", redisLog, n, seconds, maxBatch: new EngineOptions().MaxBatch));
    // The embedded default (a JSON-lines file per forum, fsynced), on this machine's disk.
    var folder = Path.Combine(outDir, "file-log");
    using (var fileLog = new FileEventLog(folder, NullLogger<FileEventLog>.Instance))
    {
        rows.Add(await EngineAsync("file", fileLog, n, seconds, maxBatch: 1));
        rows.Add(await EngineAsync("file", fileLog, n, seconds, maxBatch: new EngineOptions().MaxBatch));
    }
    Directory.Delete(folder, recursive: true);
    foreach (var row in rows.TakeLast(5)) Console.Error.WriteLine(row);
}

var summary = new
{
    scenario = "log-append",
    redis = new { appendfsync = fsync },
    seconds,
    rows = rows.Select(r => new { r.Callers, r.What, appends_per_s = Math.Round(r.PerSecond), ack_ms = new { p50 = r.P50, p99 = r.P99 }, r.Writes }),
};
await File.WriteAllTextAsync(Path.Combine(outDir, "summary.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
var report = new List<string>
{
    $"# log-append (Redis appendfsync {fsync}, {seconds:0} s a row)", "",
    "| callers | redis-benchmark RPUSH /s | Redis log, one write per command /s (p50/p99 ms) | Redis log, group commit /s (p50/p99 ms, commands a write) | file log, one write per command /s | file log, group commit /s (commands a write) |",
    "| --- | --- | --- | --- | --- | --- |",
};
foreach (var g in rows.GroupBy(r => r.Callers))
{
    var (bench, single, batched, fileSingle, fileBatched) = (g.ElementAt(0), g.ElementAt(1), g.ElementAt(2), g.ElementAt(3), g.ElementAt(4));
    report.Add($"| {g.Key} | {bench.PerSecond:N0} | {single.PerSecond:N0} ({single.P50:0.0}/{single.P99:0.0}) | " +
               $"{batched.PerSecond:N0} ({batched.P50:0.0}/{batched.P99:0.0}, {batched.Count / Math.Max(1.0, batched.Writes):0.0}) | " +
               $"{fileSingle.PerSecond:N0} | {fileBatched.PerSecond:N0} ({fileBatched.Count / Math.Max(1.0, fileBatched.Writes):0.0}) |");
}
await File.WriteAllLinesAsync(Path.Combine(outDir, "report.md"), report);
Console.WriteLine(string.Join('\n', report));
return 0;

static async Task<Row> EngineAsync(string store, IEventLog inner, int callers, double seconds, int maxBatch)
{
    var forumId = $"bench-{Guid.NewGuid():N}"[..20];
    var log = new CountingLog(inner);
    var engine = new ForumEngine(forumId, log, new NoClients(), TimeProvider.System,
        new EngineOptions { CommandTimeout = TimeSpan.FromSeconds(10), MaxBatch = maxBatch }, NullLogger<ForumEngine>.Instance);
    await engine.StartAsync(default);
    var sites = Enumerable.Range(1, 62).Select(i => $"S{i:D2}").ToList();
    await engine.ExecuteAsync(Actor.System, "open-forum", new OpenForum(forumId, "Benchmark", sites), default);
    var writesBefore = log.Writes;

    var latencies = new List<double>[callers];
    var stop = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
    {
        var mine = latencies[c] = [];
        for (var i = 0; stop.Elapsed.TotalSeconds < seconds; i++)
        {
            var site = sites[(c + i) % sites.Count];
            var (id, name) = ($"d{c}-{i}", $"Đại biểu {c}-{i}");
            var sent = Stopwatch.GetTimestamp();
            await engine.ExecuteAsync(Actor.Delegate(site, name, id), $"join-{c:D4}-{i:D6}", new JoinAsDelegate(site, id, name, null, false), default);
            mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
    })));
    var elapsed = stop.Elapsed.TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToList();
    return new Row(callers, $"{store}: {(maxBatch == 1 ? "one write per command" : "group commit")}", all.Count / elapsed,
        Percentile(all, 0.50), Percentile(all, 0.99), all.Count, log.Writes - writesBefore);
}

static Row RedisBenchmark(string redis, int callers, double seconds)
{
    var (host, port) = (redis.Split(':')[0], redis.Split(':')[1]);
    // About as many requests as the seconds allow at the figure this machine gave before; the rate is what counts.
    var requests = (int)Math.Max(2_000, seconds * 3_000 * Math.Min(callers, 8));
    var start = new ProcessStartInfo("redis-benchmark", ["-h", host, "-p", port, "-t", "rpush", "-c", callers.ToString(), "-n", requests.ToString(), "--csv"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    // --csv: a header, then "RPUSH","rps","avg","min","p50","p95","p99","max".
    var fields = output.Split('\n').First(l => l.StartsWith("\"RPUSH\"")).Split(',').Select(f => f.Trim('"')).ToList();
    double F(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture);
    return new Row(callers, "redis-benchmark RPUSH", F(1), F(4), F(6), requests, requests);
}

static double Percentile(List<double> sorted, double q) => sorted.Count == 0 ? 0 : Math.Round(sorted[(int)Math.Min(sorted.Count - 1, q * sorted.Count)], 2);

static Dictionary<string, string> Args(string[] args)
{
    var options = new Dictionary<string, string>();
    for (var i = 0; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
    return options;
}

record Row(int Callers, string What, double PerSecond, double P50, double P99, long Count, long Writes)
{
    public override string ToString() => $"{Callers,4} callers  {What,-32} {PerSecond,9:N0}/s  p50 {P50:0.0} ms  p99 {P99:0.0} ms";
}

sealed class NoClients : IEventPublisher
{
    public void Publish(IReadOnlyList<CommittedEvent> events) { }
    public void Appended(IReadOnlyList<StoredEvent> events) { }
}

/// <summary>The Redis log, counting its writes (how many commands shared one).</summary>
sealed class CountingLog(IEventLog inner) : IEventLog
{
    long _writes;
    public long Writes => Interlocked.Read(ref _writes);

    public Task<BatchResult> WriteAsync(string forumId, long expectedHead, IReadOnlyList<CommandWrite> writes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        return inner.WriteAsync(forumId, expectedHead, writes, cancellationToken);
    }

    public Task<LogHead> OpenAsync(string forumId, CancellationToken cancellationToken) => inner.OpenAsync(forumId, cancellationToken);
    public Task<LogHead> GetHeadAsync(string forumId, CancellationToken cancellationToken) => inner.GetHeadAsync(forumId, cancellationToken);
    public Task<IReadOnlyList<StoredEvent>> ReadAsync(string forumId, long afterSeq, int max, CancellationToken cancellationToken) =>
        inner.ReadAsync(forumId, afterSeq, max, cancellationToken);
    public Task<CommandOutcome?> FindOutcomeAsync(string forumId, string commandId, Actor actor, CancellationToken cancellationToken) =>
        inner.FindOutcomeAsync(forumId, commandId, actor, cancellationToken);
    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => inner.IsReachableAsync(cancellationToken);
}
