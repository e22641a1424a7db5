using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HdrHistogram;

namespace EventHub.LoadTests;

/// <summary>Writes loadtests/results/SCENARIO/: summary.json (the keys the issue names), report.md, latency.png.</summary>
sealed class Report(RunSettings settings, Scenario scenario, Population people, Workload workload, Recorders recorders,
    NodeStats stats, NodeStats bareStats, NodeStats redisStats, IReadOnlyList<double>? bareReconnect, Verdict verdict, Baseline? baseline, Turns turns, long head, (double Acknowledged, double SeenByAll) storm, double workSeconds,
    JsonObject? hubCalls)
{
    static readonly double[] Percentiles = [50, 75, 90, 95, 99, 99.9, 100];

    public string Write()
    {
        var folder = Path.Combine(settings.Out, scenario.Name);
        Directory.CreateDirectory(folder);
        var summary = Summary();
        File.WriteAllText(Path.Combine(folder, "summary.json"), summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(Path.Combine(folder, "report.md"), Markdown(summary));
        Plot(Path.Combine(folder, "latency.png"));
        return folder;
    }

    /// <summary>Our fan-out, every node's clients together (added up once, for the summary and the plot).</summary>
    HistogramBase Ours => _ours ??= recorders.Fanout();
    HistogramBase? _ours;

    /// <summary>The nodes our clients got deliveries from, by name.</summary>
    IEnumerable<KeyValuePair<string, FanoutRecord>> Nodes =>
        recorders.FanoutByNode.Where(n => n.Value.Latency.TotalCount > 0).OrderBy(n => n.Key, StringComparer.Ordinal);

    JsonObject Summary()
    {
        var deliveriesPerSecond = Interlocked.Read(ref recorders.Deliveries) / Math.Max(1, workSeconds);
        var livePerSecond = Interlocked.Read(ref recorders.LiveDeliveries) / Math.Max(1, workSeconds);
        var ours = Latency(Ours);
        var json = new JsonObject
        {
            ["scenario"] = scenario.Name,
            ["protocol"] = settings.Json ? "json" : "msgpack",
            ["nodes"] = settings.Nodes,
            ["delegates_per_site"] = scenario.DelegatesPerSite,
            ["phones_drop"] = scenario.Churn,
            ["duration_s"] = Math.Round(workSeconds, 1),
            ["connections"] = new JsonObject { ["total"] = scenario.Connections },
            ["login_all_s"] = Math.Round(people.LoginSeconds, 2),
            ["connect_all_s"] = Math.Round(people.ConnectSeconds, 2),
            ["checkin_storm"] = new JsonObject
            {
                ["acknowledged_s"] = Math.Round(storm.Acknowledged, 3),
                ["seen_by_all_s"] = Math.Round(storm.SeenByAll, 3),
            },
            ["log_head"] = head,
            ["deliveries"] = new JsonObject { ["expected"] = verdict.Expected, ["received"] = verdict.Received },
            ["lost"] = verdict.Lost,
            ["duplicated"] = verdict.Duplicated,
            ["gaps"] = verdict.Gaps,
            ["gaps_seen"] = people.All.Sum(p => p.Client.GapsSeen),
            ["gaps_healed_by_resume"] = people.All.Sum(p => p.Client.GapsHealed),
            ["repeats_ignored"] = people.All.Sum(p => p.Client.RepeatsIgnored),
            ["snapshots"] = people.All.Sum(p => p.Client.Snapshots),
            ["resumes"] = people.All.Sum(p => p.Client.Resumes),
            ["fanout_ms"] = ours,
            ["fanout_ms_by_node"] = new JsonObject(Nodes.Select(n => KeyValuePair.Create(n.Key, (JsonNode?)Latency(n.Value.Latency)))),
            ["slow_seconds_by_node"] = new JsonObject(Nodes.Select(n => KeyValuePair.Create(n.Key, (JsonNode?)SlowSeconds(n.Value.Seconds)))),
            ["healed_ms"] = Latency(recorders.Healed),
            ["back_in_sync_ms"] = Latency(recorders.BackInSync),
            ["reconnected_ms"] = Latency(recorders.Reconnected),
            ["deliveries_per_s"] = Math.Round(deliveriesPerSecond, 1),
            ["live_deliveries_per_s"] = Math.Round(livePerSecond, 1),
            ["acknowledged"] = verdict.Acknowledged,
            ["in_log"] = verdict.InLog,
            ["refused"] = workload.Refused,
            ["refused_by_code"] = new JsonObject(workload.RefusedByCode.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
            ["faults"] = new JsonArray(settings.Faults.Select(f => (JsonNode)f).ToArray()),
            ["resent_duplicates"] = workload.Resent,
            ["retried_by_client"] = people.All.Sum(p => p.Client.Resends),
            ["commands"] = new JsonObject
            {
                ["ack_ms"] = Latency(recorders.Acks()),
                ["ack_ms_by_method"] = new JsonObject(recorders.AckByMethod.Where(m => m.Value.TotalCount > 0).OrderBy(m => m.Key, StringComparer.Ordinal)
                    .Select(m => KeyValuePair.Create(m.Key, (JsonNode?)Latency(m.Value)))),
                // The same calls as the nodes timed them (absent when run without --node-metrics).
                ["hub_ms_by_method"] = hubCalls?.DeepClone(),
            },
            ["hub"] = new JsonObject
            {
                ["peak_rss_mb"] = Math.Round(stats.PeakRssMb, 1),
                ["rss_per_connection_kb"] = Math.Round(stats.RssPerConnectionKb(scenario.Connections), 2),
                ["nodes"] = JsonSerializer.SerializeToNode(stats.Report(scenario.Connections)),
            },
            ["redis"] = JsonSerializer.SerializeToNode(redisStats.Report(scenario.Connections).FirstOrDefault()),
            ["turns"] = turns.ToJson(),
            ["passed"] = verdict.Passed,
            ["problems"] = new JsonArray(verdict.Problems.Select(p => (JsonNode)p).ToArray()),
        };
        if (baseline is not null)
        {
            var bare = Latency(baseline.Fanout.Latency);
            var bareRate = baseline.Deliveries / Math.Max(1, baseline.Seconds);
            json["baseline"] = new JsonObject
            {
                ["fanout_ms"] = bare,
                ["slow_seconds"] = SlowSeconds(baseline.Fanout.Seconds),
                ["deliveries_per_s"] = Math.Round(bareRate, 1),
                ["connect_all_s"] = Math.Round(baseline.ConnectSeconds, 2),
                ["dropped_back_ms"] = Latency(baseline.Back),
                ["call_ms"] = Latency(baseline.Calls),
                ["peak_rss_mb"] = Math.Round(bareStats.PeakRssMb, 1),
                ["rss_per_connection_kb"] = Math.Round(bareStats.RssPerConnectionKb(scenario.Connections), 2),
                ["payload_bytes_mean"] = Math.Round(baseline.PayloadBytes, 1),
                ["deliveries"] = new JsonObject { ["expected"] = baseline.Expected, ["received"] = baseline.Deliveries },
            };
            if (bareReconnect is not null)
                json["baseline"]!["reconnect"] = new JsonObject
                {
                    ["clients"] = scenario.Connections,
                    ["reconnected"] = bareReconnect.Count,
                    ["back_p50_s"] = Percentile(bareReconnect, 50),
                    ["back_p99_s"] = Percentile(bareReconnect, 99),
                };
            json["ratio_p99"] = Ratio(ours["p99"]!.GetValue<double>(), bare["p99"]!.GetValue<double>());
            // Live against live: what our phones got back by resuming, the bare hub's dropped clients never get.
            json["ratio_throughput"] = Ratio(livePerSecond, bareRate);
            json["ratio_connect"] = Ratio(people.ConnectSeconds, baseline.ConnectSeconds);
            json["ratio_memory_per_connection"] = Ratio(stats.RssPerConnectionKb(scenario.Connections), bareStats.RssPerConnectionKb(scenario.Connections));
        }
        if (scenario.Name is "failover" or "reconnect-storm")
            json[scenario.Name == "failover" ? "failover" : "reconnect"] = new JsonObject
            {
                ["moved"] = verdict.Moved,
                ["resumed"] = verdict.Resumed,
                ["missed_events"] = verdict.MissedByMoved,
                ["resume_p50_s"] = Percentile(verdict.ResumeSeconds, 50),
                ["resume_p99_s"] = Percentile(verdict.ResumeSeconds, 99),
            };
        return json;
    }

    static string RefusedCodes(Workload workload) => workload.RefusedByCode.IsEmpty ? ""
        : $" ({string.Join(", ", workload.RefusedByCode.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))})";

    internal static double Ratio(double a, double b) => b <= 0 ? 0 : Math.Round(a / b, 3);

    static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)], 3);

    /// <summary>
    /// Where the tail came from: how many seconds of commits had a delivery later than 1 s, and the five seconds
    /// with the latest delivery (UTC, to find them in a node's log or trace).
    /// </summary>
    static JsonObject SlowSeconds(Timeline t) => new()
    {
        ["over_1s"] = t.SecondsOver(1000),
        ["worst"] = new JsonArray(t.Worst(5).Select(s => (JsonNode)new JsonObject
        {
            ["at"] = s.At.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            ["max_ms"] = s.MaxMs,
            [$"over_{Timeline.SlowMs}ms"] = s.Slow,
        }).ToArray()),
    };

    internal static JsonObject Latency(HistogramBase h) => h.TotalCount == 0
        ? new JsonObject { ["p50"] = 0.0, ["p95"] = 0.0, ["p99"] = 0.0, ["max"] = 0.0, ["count"] = 0 }
        : new JsonObject
        {
            ["p50"] = (double)h.GetValueAtPercentile(50),
            ["p95"] = (double)h.GetValueAtPercentile(95),
            ["p99"] = (double)h.GetValueAtPercentile(99),
            ["max"] = (double)h.GetMaxValue(),
            ["count"] = h.TotalCount,
        };

    string Markdown(JsonObject s)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"# Load test: {scenario.Name}");
        md.AppendLine();
        md.AppendLine(inv, $"{(verdict.Passed ? "PASSED" : "FAILED")}: {scenario.Connections} connections ({scenario.DelegatesPerSite} delegates per site), {settings.Nodes} nodes, {(settings.Json ? "JSON" : "MessagePack")}, {workSeconds:F0} s{(scenario.Churn ? "" : ", no phones dropping")}.");
        foreach (var problem in verdict.Problems) md.AppendLine(inv, $"- **{problem}**");
        md.AppendLine();
        md.AppendLine("| measure | EventHub | bare SignalR | ratio |");
        md.AppendLine("| --- | --- | --- | --- |");
        var bare = s["baseline"];
        foreach (var p in new[] { "p50", "p95", "p99", "max" })
            md.AppendLine(inv, $"| fan-out {p} (ms) | {s["fanout_ms"]![p]} | {bare?["fanout_ms"]?[p]?.ToString() ?? "–"} | {(p == "p99" ? s["ratio_p99"]?.ToString() ?? "–" : "")} |");
        md.AppendLine(inv, $"| connect everyone (s) | {s["connect_all_s"]} | {bare?["connect_all_s"]?.ToString() ?? "–"} | {s["ratio_connect"]?.ToString() ?? "–"} |");
        md.AppendLine(inv, $"| memory per connection (KB) | {s["hub"]!["rss_per_connection_kb"]} | {bare?["rss_per_connection_kb"]?.ToString() ?? "–"} | {s["ratio_memory_per_connection"]?.ToString() ?? "–"} |");
        md.AppendLine(inv, $"| deliveries/s (live) | {s["deliveries_per_s"]} ({s["live_deliveries_per_s"]}) | {bare?["deliveries_per_s"]?.ToString() ?? "–"} | {s["ratio_throughput"]?.ToString() ?? "–"} |");
        md.AppendLine();
        md.AppendLine(inv, $"- connect everyone: {s["connect_all_s"]} s (logins {s["login_all_s"]} s); 62 check-ins acknowledged in {s["checkin_storm"]!["acknowledged_s"]} s, seen by every client in {s["checkin_storm"]!["seen_by_all_s"]} s");
        md.AppendLine(inv, $"- deliveries: expected {verdict.Expected}, received {verdict.Received}; lost {verdict.Lost}, duplicated {verdict.Duplicated}, gaps {verdict.Gaps}; out-of-order arrivals held {s["gaps_seen"]}, healed by resume {s["gaps_healed_by_resume"]}, resumes {s["resumes"]} (snapshots {s["snapshots"]}), live repeats ignored {s["repeats_ignored"]}");
        md.AppendLine(inv, $"- resumed deliveries (commit → arrival, ms): {s["healed_ms"]!.ToJsonString()}; dropped phones back in sync (connection lost → resume done, ms): {s["back_in_sync_ms"]!.ToJsonString()}, of which reconnected (lost → WebSocket open again, ms): {s["reconnected_ms"]!.ToJsonString()}; the bare hub's dropped clients back (lost → connected again, ms): {bare?["dropped_back_ms"]?.ToJsonString() ?? "–"}");
        md.AppendLine(inv, $"- commands answered (send → answer, ms): {s["commands"]!["ack_ms"]!.ToJsonString()}; by method: {s["commands"]!["ack_ms_by_method"]!.ToJsonString()}; the bare hub's calls (Echo, send → answer, ms): {bare?["call_ms"]?.ToJsonString() ?? "–"}");
        if (s["commands"]!["hub_ms_by_method"] is { } onTheNodes)
            md.AppendLine(inv, $"- the same calls on the nodes (the hub's own time, call taken → answer, ms, from each node's histogram): {onTheNodes.ToJsonString()}");
        md.AppendLine(inv, $"- commands: acknowledged {verdict.Acknowledged}, in the log {verdict.InLog}, refused {workload.Refused}{RefusedCodes(workload)}, resent by the client after a failure {s["retried_by_client"]} (answered as duplicates of an earlier send: {workload.Resent})");
        md.AppendLine(inv, $"- fan-out by the node the client is on: {s["fanout_ms_by_node"]!.ToJsonString()}");
        md.AppendLine(inv, $"- turn by turn (p99 ms; with --machine-clock, how much slower than usual each core ran, and the largest): {string.Join("; ", s["turns"]!["slices"]!.AsArray().Select(TurnLine))}");
        md.AppendLine(inv, $"- hub: peak RSS {s["hub"]!["peak_rss_mb"]} MB, {s["hub"]!["rss_per_connection_kb"]} KB per connection; per node: {s["hub"]!["nodes"]!.ToJsonString()}");
        if (settings.Faults.Count > 0)
            md.AppendLine(inv, $"- faults, spread over our traffic: {string.Join("; ", settings.Faults.Select((f, i) => $"{i + 1}. `{f}`"))}");
        if (s["failover"] is { } f)
            md.AppendLine(inv, $"- failover: moved {f["moved"]}, resumed {f["resumed"]}, missed events {f["missed_events"]}, back in sync p50 {f["resume_p50_s"]} s, p99 {f["resume_p99_s"]} s");
        if (s["reconnect"] is { } r)
            md.AppendLine(inv, $"- reconnect storm: cut {r["moved"]}, resumed {r["resumed"]}, missed events {r["missed_events"]}, back in sync p50 {r["resume_p50_s"]} s, p99 {r["resume_p99_s"]} s; bare hub's crowd back p50 {bare?["reconnect"]?["back_p50_s"]?.ToString() ?? "–"} s, p99 {bare?["reconnect"]?["back_p99_s"]?.ToString() ?? "–"} s ({bare?["reconnect"]?["reconnected"]?.ToString() ?? "–"} of {bare?["reconnect"]?["clients"]?.ToString() ?? "–"}); Redis {s["redis"]?.ToJsonString() ?? "–"}");
        md.AppendLine();
        md.AppendLine("![latency](latency.png)");
        return md.ToString();
    }

    static string Cores(JsonNode? byCore) => string.Join("/", byCore!.AsArray().Select(m => m!.ToString()));

    static string TurnLine(JsonNode? t)
    {
        static string Of(JsonNode? h) => h is null ? "–"
            : h["machine_slowdown"] is { } slow ? $"{h["p99"]} (×{Cores(slow["by_core"])}, ×{slow["max"]})" : $"{h["p99"]}";
        return $"{t!["slice"]}: ours {Of(t["ours"])}, bare {Of(t["bare"])}{(t["ratio_p99"] is { } r ? $", ratio {r}" : "")}";
    }

    void Plot(string path)
    {
        var plot = new ScottPlot.Plot();
        var xs = Percentiles.Select((_, i) => (double)i).ToArray();
        if (Ours.TotalCount > 0)
            plot.Add.Scatter(xs, Percentiles.Select(p => (double)Ours.GetValueAtPercentile(p)).ToArray()).LegendText = "EventHub";
        if (baseline is { Fanout.Latency.TotalCount: > 0 })
            plot.Add.Scatter(xs, Percentiles.Select(p => (double)baseline.Fanout.Latency.GetValueAtPercentile(p)).ToArray()).LegendText = "bare SignalR";
        plot.Axes.Bottom.SetTicks(xs, Percentiles.Select(p => $"p{p}").ToArray());
        plot.Title($"{scenario.Name}: độ trễ phân phát / fan-out latency ({scenario.Connections} connections)");
        plot.YLabel("ms (commit → client)");
        plot.ShowLegend();
        plot.SavePng(path, 900, 500);
    }
}
