using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventHub.LoadTests;

/// <summary>Writes loadtests/results/qa-storm[-failover]/: summary.json and report.md.</summary>
sealed class QandAStormReport(string name, QandAStormSettings settings, Population people, QandAStorm storm, Recorders recorders,
    Dictionary<string, JsonObject> askAcks, NodeStats stats, NodeStats redisStats, NodeStats bareStats, StormCheck check,
    Baseline? baseline, int connections, bool churn, long head)
{
    public string Write()
    {
        var folder = Path.Combine(settings.Out, name);
        Directory.CreateDirectory(folder);
        var summary = Summary();
        File.WriteAllText(Path.Combine(folder, "summary.json"), summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(Path.Combine(folder, "report.md"), Markdown(summary));
        return folder;
    }

    JsonObject Summary()
    {
        var seconds = Math.Max(0.001, storm.VoteSeconds);
        var ours = Report.Latency(recorders.Fanout());
        var live = Interlocked.Read(ref recorders.LiveDeliveries) / seconds;
        var json = new JsonObject
        {
            ["scenario"] = name,
            ["protocol"] = settings.Json ? "json" : "msgpack",
            ["nodes"] = settings.Nodes,
            ["delegates_per_site"] = settings.DelegatesPerSite ?? 50,
            ["phones_drop"] = churn,
            ["connections"] = new JsonObject { ["total"] = connections },
            ["login_all_s"] = Math.Round(people.LoginSeconds, 2),
            ["connect_all_s"] = Math.Round(people.ConnectSeconds, 2),
            ["log_head"] = head,
            ["questions"] = new JsonObject
            {
                ["askers"] = (people.Delegates.Count + 9) / 10,
                ["published"] = storm.Questions.Count,
                ["ask_window_s"] = Math.Round(storm.AskSeconds, 1),
                ["ack_ms_by_method"] = new JsonObject(askAcks.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
            },
            ["votes"] = new JsonObject
            {
                ["sent"] = check.VotesSent,
                ["acknowledged"] = check.VotesAcknowledged,
                ["in_log"] = check.VotesInLog,
                ["acknowledged_missing_from_log"] = check.AcknowledgedMissing,
                ["counted_twice"] = check.CountedTwice,
                ["in_log_not_acknowledged"] = check.InLogNotAcknowledged,
                ["tallies_off"] = check.TalliesOff,
                ["window_s"] = Math.Round(storm.VoteSeconds, 2),
                ["acknowledged_per_s"] = Math.Round(check.VotesAcknowledged / seconds, 1),
                ["ack_ms"] = recorders.AckByMethod.TryGetValue(Domain.Protocol.HubMethods.VoteQuestion, out var votes) ? Report.Latency(votes) : null,
            },
            ["tallies"] = new JsonObject
            {
                ["messages"] = Interlocked.Read(ref storm.TallyMessages),
                ["per_client_per_s"] = Math.Round(Interlocked.Read(ref storm.TallyMessages) / (double)connections / seconds, 2),
                ["delay_ms"] = Report.Latency(storm.TallyDelay),
                ["clients_checked"] = check.ClientsChecked,
                ["clients_off"] = check.ClientsOffTally,
            },
            ["fanout_ms"] = ours,
            ["deliveries_per_s"] = Math.Round(Interlocked.Read(ref recorders.Deliveries) / seconds, 1),
            ["live_deliveries_per_s"] = Math.Round(live, 1),
            ["deliveries_per_client_per_s"] = Math.Round(Interlocked.Read(ref recorders.Deliveries) / (double)connections / seconds, 2),
            ["lost"] = check.Lost,
            ["duplicated"] = check.Duplicated,
            ["gaps"] = check.Gaps,
            ["refused"] = storm.Refused,
            ["refused_by_code"] = new JsonObject(storm.RefusedByCode.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
            ["resent_duplicates"] = storm.Resent,
            ["retried_by_client"] = people.All.Sum(p => p.Client.Resends),
            ["commands"] = new JsonObject
            {
                ["ack_ms_by_method"] = new JsonObject(recorders.AckByMethod.Where(m => m.Value.TotalCount > 0).OrderBy(m => m.Key, StringComparer.Ordinal)
                    .Select(m => KeyValuePair.Create(m.Key, (JsonNode?)Report.Latency(m.Value)))),
            },
            ["faults"] = new JsonArray(settings.Faults.Select(f => (JsonNode)f).ToArray()),
            ["hub"] = new JsonObject { ["nodes"] = JsonSerializer.SerializeToNode(stats.Report(connections)) },
            ["redis"] = JsonSerializer.SerializeToNode(redisStats.Report(connections).FirstOrDefault()),
            ["passed"] = check.Passed,
            ["problems"] = new JsonArray(check.Problems.Select(p => (JsonNode)p).ToArray()),
        };
        if (settings.Faults.Count > 0)
            json["failover"] = new JsonObject
            {
                ["moved"] = check.Moved,
                ["resumed"] = check.Resumed,
                ["back_p50_s"] = Percentile(check.ResumeSeconds, 50),
                ["back_p99_s"] = Percentile(check.ResumeSeconds, 99),
            };
        if (baseline is not null)
        {
            var bare = Report.Latency(baseline.Fanout.Latency);
            var bareRate = baseline.Deliveries / Math.Max(1, baseline.Seconds);
            json["baseline"] = new JsonObject
            {
                ["fanout_ms"] = bare,
                ["deliveries_per_s"] = Math.Round(bareRate, 1),
                ["payload_bytes_mean"] = Math.Round(baseline.PayloadBytes, 1),
                ["deliveries"] = new JsonObject { ["expected"] = baseline.Expected, ["received"] = baseline.Deliveries },
                ["peak_rss_mb"] = Math.Round(bareStats.PeakRssMb, 1),
            };
            json["ratio_p99"] = Report.Ratio(ours["p99"]!.GetValue<double>(), bare["p99"]!.GetValue<double>());
            json["ratio_throughput"] = Report.Ratio(live, bareRate);
        }
        return json;
    }

    static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)], 2);

    static string Markdown(JsonObject s)
    {
        string F(JsonNode? n) => n is null ? "–" : Convert.ToString(n.GetValue<double>(), CultureInfo.InvariantCulture);
        string L(JsonNode? h) => h is null ? "–" : $"p50 {F(h["p50"])} · p99 {F(h["p99"])} · max {F(h["max"])} ms ({h["count"]})";
        var votes = s["votes"]!;
        var tallies = s["tallies"]!;
        var text = new StringBuilder()
            .AppendLine($"# {s["scenario"]}: {(s["passed"]!.GetValue<bool>() ? "passed" : "FAILED")}")
            .AppendLine()
            .AppendLine($"{s["connections"]!["total"]} clients ({s["delegates_per_site"]} delegates per site, {s["nodes"]} nodes, {s["protocol"]}); phones drop: {s["phones_drop"]}")
            .AppendLine()
            .AppendLine("| figure | value |")
            .AppendLine("| --- | --- |")
            .AppendLine($"| questions published | {s["questions"]!["published"]} (ask window {s["questions"]!["ask_window_s"]} s) |")
            .AppendLine($"| ask acknowledged | {L(s["questions"]!["ack_ms_by_method"]!["AskQuestion"])} |")
            .AppendLine($"| votes sent / acknowledged / in the log | {votes["sent"]} / {votes["acknowledged"]} / {votes["in_log"]} in {votes["window_s"]} s ({votes["acknowledged_per_s"]} a second) |")
            .AppendLine($"| acknowledged missing from the log / counted twice / tallies off | {votes["acknowledged_missing_from_log"]} / {votes["counted_twice"]} / {votes["tallies_off"]} |")
            .AppendLine($"| vote acknowledged | {L(votes["ack_ms"])} |")
            .AppendLine($"| qa.tallies delay (last vote's commit to arrival) | {L(tallies["delay_ms"])} |")
            .AppendLine($"| tally messages per client a second | {tallies["per_client_per_s"]} |")
            .AppendLine($"| clients on the log's tallies | {(int)tallies["clients_checked"]! - (int)tallies["clients_off"]!} of {tallies["clients_checked"]} |")
            .AppendLine($"| fan-out during the votes | {L(s["fanout_ms"])} |")
            .AppendLine($"| deliveries a second (per client) | {s["deliveries_per_s"]} ({s["deliveries_per_client_per_s"]}) |")
            .AppendLine($"| lost / duplicated / gaps | {s["lost"]} / {s["duplicated"]} / {s["gaps"]} |");
        if (s["baseline"] is { } bare)
            text.AppendLine($"| bare hub fan-out (same messages) | {L(bare["fanout_ms"])}; {bare["deliveries_per_s"]} a second |")
                .AppendLine($"| ratio p99 / throughput | {s["ratio_p99"]} / {s["ratio_throughput"]} |");
        if (s["failover"] is { } failover)
            text.AppendLine($"| moved by the kill / back in sync | {failover["moved"]} / {failover["resumed"]}, p50 {failover["back_p50_s"]} s, p99 {failover["back_p99_s"]} s |");
        text.AppendLine();
        foreach (var problem in s["problems"]!.AsArray()) text.AppendLine($"- problem: {problem}");
        return text.ToString();
    }
}
