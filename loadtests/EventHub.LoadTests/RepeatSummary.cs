using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console.Cli;

namespace EventHub.LoadTests;

/// <summary>
/// Folds the runs of <c>run.sh SCENARIO --repeat N</c> into one verdict: every number of the runs' summary.json,
/// as its median and its range, beside the last run's own keys. One run's p99 swings by a third on this machine;
/// a target is judged on the median of the runs.
/// </summary>
sealed class RepeatSummaryCommand : Command<RepeatSummaryCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FOLDER>")]
        [Description("loadtests/results/SCENARIO, holding runs/1/summary.json … runs/N/summary.json")]
        public string Folder { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var runs = Directory.GetDirectories(Path.Combine(settings.Folder, "runs"))
            .Select(d => (Name: Path.GetFileName(d), File: Path.Combine(d, "summary.json")))
            .Where(r => File.Exists(r.File))
            .OrderBy(r => int.TryParse(r.Name, out var n) ? n : int.MaxValue)
            .Select(r => (r.Name, Summary: JsonNode.Parse(File.ReadAllText(r.File))!.AsObject()))
            .ToList();
        if (runs.Count == 0)
        {
            Console.Error.WriteLine($"no runs/*/summary.json under {settings.Folder}");
            return 1;
        }
        var summary = Of(runs.ConvertAll(r => r.Summary));
        summary["runs"] = new JsonArray(runs.Select(r => (JsonNode)r.Name).ToArray());
        File.WriteAllText(Path.Combine(settings.Folder, "summary.json"),
            summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(Path.Combine(settings.Folder, "report.md"), Markdown(runs, summary));
        Console.WriteLine(Path.Combine(settings.Folder, "report.md"));
        return summary["passed"]!.GetValue<bool>() ? 0 : 1;
    }

    /// <summary>The last run's keys, <c>median</c> and <c>range</c> of every number, and passed only if every run passed.</summary>
    public static JsonObject Of(IReadOnlyList<JsonObject> runs)
    {
        var summary = runs[^1].DeepClone().AsObject();
        summary["repeat"] = runs.Count;
        summary["median"] = Fold(runs.Cast<JsonNode?>().ToList(), Median);
        summary["range"] = Fold(runs.Cast<JsonNode?>().ToList(), v => new JsonArray(v.Min(), v.Max()));
        summary["passed"] = runs.All(r => r["passed"]?.GetValue<bool>() == true);
        summary["problems"] = new JsonArray(runs.SelectMany((r, i) => (r["problems"]?.AsArray() ?? [])
            .Select(p => (JsonNode)$"run {i + 1}: {p}")).ToArray());
        return summary;
    }

    /// <summary>The same tree with each number replaced by <paramref name="reduce"/> of its values across the runs
    /// (numbers missing in some runs are reduced over the runs that have them; arrays and text are left out).</summary>
    static JsonObject Fold(IReadOnlyList<JsonNode?> nodes, Func<IReadOnlyList<double>, JsonNode> reduce)
    {
        var folded = new JsonObject();
        var keys = nodes.OfType<JsonObject>().SelectMany(o => o.Select(p => p.Key)).Distinct().ToList();
        foreach (var key in keys)
        {
            var values = nodes.OfType<JsonObject>().Select(o => o[key]).Where(v => v is not null).ToList();
            if (values.All(v => v is JsonObject))
            {
                var inner = Fold(values, reduce);
                if (inner.Count > 0) folded[key] = inner;
            }
            else if (values.All(v => v is JsonValue value && value.TryGetValue<double>(out _)))
                folded[key] = reduce(values.Select(v => v!.GetValue<double>()).ToList());
        }
        return folded;
    }

    public static JsonNode Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return Math.Round(median, 3);
    }

    static readonly (string Label, string Path)[] Figures =
    [
        ("fan-out p50 (ms)", "fanout_ms.p50"),
        ("fan-out p99 (ms)", "fanout_ms.p99"),
        ("fan-out max (ms)", "fanout_ms.max"),
        ("bare p50 (ms)", "baseline.fanout_ms.p50"),
        ("bare p99 (ms)", "baseline.fanout_ms.p99"),
        ("bare max (ms)", "baseline.fanout_ms.max"),
        ("ratio_p99", "ratio_p99"),
        ("ratio_throughput", "ratio_throughput"),
        ("healed p99 (ms)", "healed_ms.p99"),
        ("dropped phone back in sync p50 (ms)", "back_in_sync_ms.p50"),
        ("dropped phone back in sync p99 (ms)", "back_in_sync_ms.p99"),
        ("dropped phone reconnected p50 (ms)", "reconnected_ms.p50"),
        ("dropped phone reconnected p99 (ms)", "reconnected_ms.p99"),
        ("bare dropped client back p50 (ms)", "baseline.dropped_back_ms.p50"),
        ("bare dropped client back p99 (ms)", "baseline.dropped_back_ms.p99"),
        ("connect everyone (s)", "connect_all_s"),
        ("bare connect (s)", "baseline.connect_all_s"),
        ("ratio_connect", "ratio_connect"),
        ("logins (s)", "login_all_s"),
        ("check-ins acknowledged (s)", "checkin_storm.acknowledged_s"),
        ("command answer p99 (ms)", "commands.ack_ms.p99"),
        ("command answer max (ms)", "commands.ack_ms.max"),
        ("bare call answer p99 (ms)", "baseline.call_ms.p99"),
        ("KB per connection", "hub.rss_per_connection_kb"),
        ("bare KB per connection", "baseline.rss_per_connection_kb"),
        ("peak RSS a node (MB)", "hub.peak_rss_mb"),
        ("back in sync p99 (s)", "failover.resume_p99_s"),
        ("storm: back in sync p99 (s)", "reconnect.resume_p99_s"),
        ("storm: bare back p99 (s)", "baseline.reconnect.back_p99_s"),
        ("acknowledged", "acknowledged"),
        ("in the log", "in_log"),
        ("lost", "lost"),
        ("duplicated", "duplicated"),
        ("gaps", "gaps"),
    ];

    static string Markdown(IReadOnlyList<(string Name, JsonObject Summary)> runs, JsonObject summary)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(inv, $"# Load test: {summary["scenario"]}, {runs.Count} runs");
        md.AppendLine();
        md.AppendLine(inv, $"{(summary["passed"]!.GetValue<bool>() ? "PASSED" : "FAILED")}: {summary["connections"]?["total"]} connections, {summary["nodes"]} nodes, {summary["protocol"]}. A target is met when the median meets it.");
        foreach (var problem in summary["problems"]!.AsArray()) md.AppendLine(inv, $"- **{problem}**");
        md.AppendLine();
        md.AppendLine(inv, $"| measure | {string.Join(" | ", runs.Select(r => $"run {r.Name}"))} | median | range |");
        md.AppendLine(inv, $"| --- |{string.Concat(Enumerable.Repeat(" --- |", runs.Count + 2))}");
        foreach (var (label, path) in Figures)
        {
            if (At(summary["median"], path) is not { } median) continue;
            var cells = runs.Select(r => At(r.Summary, path)?.ToString() ?? "–");
            md.AppendLine(inv, $"| {label} | {string.Join(" | ", cells)} | **{median}** | {At(summary["range"], path)?.ToJsonString()} |");
        }
        md.AppendLine();
        md.AppendLine("Each run's own report: `runs/N/report.md`.");
        return md.ToString();
    }

    static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.')) node = node?[part];
        return node;
    }
}
