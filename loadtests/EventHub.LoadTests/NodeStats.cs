namespace EventHub.LoadTests;

/// <summary>CPU seconds and resident memory of the hub nodes, read from /proc (Linux).</summary>
sealed class NodeStats(IReadOnlyList<int> pids)
{
    readonly Dictionary<int, (double Cpu, long RssKb)> _start = [];
    readonly Dictionary<int, long> _peakRssKb = [];
    readonly System.Diagnostics.Stopwatch _clock = new();

    public static NodeStats Parse(string? pids) =>
        new(string.IsNullOrWhiteSpace(pids) ? [] : pids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList());

    public void Start()
    {
        _clock.Restart();
        foreach (var pid in pids)
            if (Read(pid) is { } s) _start[pid] = s;
    }

    /// <summary>Sampled during the run: peak resident memory of a node (VmHWM would include start-up).</summary>
    public void Sample()
    {
        foreach (var pid in pids)
            if (Read(pid) is { } s) _peakRssKb[pid] = Math.Max(_peakRssKb.GetValueOrDefault(pid), s.RssKb);
    }

    readonly Dictionary<int, (double Cpu, long RssKb)?> _end = [];
    double _seconds;

    /// <summary>Ends the measured window (before the baseline runs, while our nodes sit idle).</summary>
    public void Stop()
    {
        _seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        foreach (var pid in pids) _end[pid] = Read(pid);
    }

    public IReadOnlyList<object> Report(int connections) => pids.Select(pid =>
    {
        var seconds = _seconds;
        var end = _end.GetValueOrDefault(pid);
        var start = _start.GetValueOrDefault(pid);
        var peak = _peakRssKb.GetValueOrDefault(pid);
        return (object)new
        {
            pid,
            alive = end is not null,
            cpu_cores = end is null ? (double?)null : Math.Round((end.Value.Cpu - start.Cpu) / seconds, 3),
            rss_start_mb = Math.Round(start.RssKb / 1024.0, 1),
            peak_rss_mb = Math.Round(peak / 1024.0, 1),
            rss_per_connection_kb = connections == 0 ? 0 : Math.Round((peak - start.RssKb) / (double)connections * pids.Count, 1),
        };
    }).ToList();

    public double PeakRssMb => _peakRssKb.Values.DefaultIfEmpty(0).Max() / 1024.0;

    /// <summary>Memory added per connection, averaged over the nodes (connections spread evenly).</summary>
    public double RssPerConnectionKb(int connections) => connections == 0 || pids.Count == 0 ? 0
        : pids.Where(_peakRssKb.ContainsKey).Sum(p => _peakRssKb[p] - _start.GetValueOrDefault(p).RssKb) / (double)connections;

    static (double Cpu, long RssKb)? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11]) + long.Parse(fields[12]); // utime + stime, in 1/100 s
            // A killed node can linger as a zombie: /proc still has it, without memory.
            var rss = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
            return rss is null ? null : (ticks / 100.0, long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
