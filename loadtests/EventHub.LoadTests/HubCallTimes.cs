using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EventHub.LoadTests;

/// <summary>
/// The hub's own time per call (<c>eventhub_hub_call_duration_seconds</c>, each node's /metrics), summed over the
/// nodes between two scrapes: how long a command took on the node, beside how long its sender waited for the
/// answer. The difference is the time in queues, on the wire and in the load generator, on cores they all share.
/// </summary>
sealed partial class HubCallTimes(IReadOnlyList<Uri> nodes)
{
    const string Bucket = "eventhub_hub_call_duration_seconds_bucket";

    /// <summary>Per method, the cumulative count of calls at or under each bucket's upper bound (seconds).</summary>
    public sealed class Scrape : Dictionary<string, SortedDictionary<double, long>>;

    public static HubCallTimes? Parse(string? urls) => urls is { Length: > 0 }
        ? new HubCallTimes([.. urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(new Uri(u), "/metrics"))])
        : null;

    /// <summary>Every node's buckets added up; a node that does not answer (killed in a failover) adds nothing.</summary>
    public async Task<Scrape> ScrapeAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var total = new Scrape();
        foreach (var node in nodes)
        {
            string text;
            try
            {
                text = await http.GetStringAsync(node, cancellationToken);
            }
            catch (HttpRequestException)
            {
                continue;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                continue;
            }
            Add(total, text);
        }
        return total;
    }

    /// <summary>Adds the call-duration buckets of one node's Prometheus text to <paramref name="total"/>.</summary>
    public static void Add(Scrape total, string prometheusText)
    {
        foreach (var line in prometheusText.Split('\n'))
        {
            if (!line.StartsWith(Bucket, StringComparison.Ordinal)) continue;
            var match = BucketLine().Match(line);
            if (!match.Success) continue;
            var labels = match.Groups["labels"].Value;
            var method = Label(labels, "method");
            var le = Label(labels, "le");
            if (method is null || le is null) continue;
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            var count = (long)double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            if (!total.TryGetValue(method, out var buckets)) total[method] = buckets = [];
            buckets[bound] = buckets.GetValueOrDefault(bound) + count;
        }
    }

    /// <summary>
    /// Per method called between the scrapes: <c>{p50, p99, count}</c> in milliseconds, each quantile placed
    /// linearly inside its bucket (as Prometheus's histogram_quantile does), so it is as fine as the bucket bounds;
    /// one past the last finite bound reads as that bound.
    /// </summary>
    public static JsonObject Between(Scrape before, Scrape after)
    {
        var json = new JsonObject();
        foreach (var (method, buckets) in after.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var earlier = before.GetValueOrDefault(method);
            var counts = buckets.Select(b => (Bound: b.Key, Count: b.Value - (earlier?.GetValueOrDefault(b.Key) ?? 0))).ToList();
            var calls = counts.Count == 0 ? 0 : counts[^1].Count;
            if (calls <= 0) continue;
            json[method] = new JsonObject
            {
                ["p50"] = Quantile(counts, calls, 0.50),
                ["p99"] = Quantile(counts, calls, 0.99),
                ["count"] = calls,
            };
        }
        return json;
    }

    static double Quantile(List<(double Bound, long Count)> cumulative, long calls, double q)
    {
        var rank = q * calls;
        var (lower, below) = (0.0, 0L);
        foreach (var (bound, count) in cumulative)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(bound)) return Math.Round(lower * 1000, 1);
                var inside = count - below;
                var at = inside == 0 ? bound : lower + (bound - lower) * (rank - below) / inside;
                return Math.Round(at * 1000, 1);
            }
            (lower, below) = (bound, count);
        }
        return Math.Round(lower * 1000, 1);
    }

    static string? Label(string labels, string name)
    {
        var match = Regex.Match(labels, $"(?:^|,){Regex.Escape(name)}=\"(?<v>[^\"]*)\"");
        return match.Success ? match.Groups["v"].Value : null;
    }

    [GeneratedRegex(@"^\S+?\{(?<labels>[^}]*)\}\s+(?<value>\S+)")]
    private static partial Regex BucketLine();
}
