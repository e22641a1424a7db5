namespace EventHub.LoadTests;

/// <summary>CPU seconds and resident memory of the hub nodes, read from /proc (Linux).</summary>
sealed class NodeStats(IReadOnlyList<int> pids)
{
    readonly Dictionary<int, (double Cpu, long RssKb)> _start = [];
    readonly Dictionary<int, long> _peakRssKb = [];
    readonly Dictionary<int, double> _windowStart = [];
    readonly Dictionary<int, double> _cpuSeconds = [];
    readonly HashSet<int> _gone = [];
    readonly Dictionary<int, (double Cpu, long At)> _lastSample = [];
    readonly Dictionary<int, double> _peakCores = [];
    readonly System.Diagnostics.Stopwatch _clock = new(); // the measured windows, added up

    public static NodeStats Parse(string? pids) =>
        new(string.IsNullOrWhiteSpace(pids) ? [] : pids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList());

    /// <summary>
    /// Each node's memory before the crowd connects: what each connection adds is measured from here (the nodes
    /// have started and hold the forum, nobody is connected).
    /// </summary>
    public void BeforeConnecting()
    {
        foreach (var pid in pids)
            if (Read(pid) is { } s)
                _start[pid] = s;
    }

    /// <summary>
    /// Opens a measured window: our traffic is running. The windows add up (the bare hub's slices between them,
    /// while our nodes sit idle, are not counted).
    /// </summary>
    public void Start()
    {
        _clock.Start();
        foreach (var pid in pids)
            if (Read(pid) is { } s)
            {
                _start.TryAdd(pid, s);
                _windowStart[pid] = s.Cpu;
            }
    }

    /// <summary>Forgets the CPU and time counted so far (a warm-up) and opens a new window now.</summary>
    public void Restart()
    {
        _clock.Restart();
        _cpuSeconds.Clear();
        foreach (var pid in pids)
            if (Read(pid) is { } s)
                _windowStart[pid] = s.Cpu;
    }

    /// <summary>
    /// Sampled during the run: peak resident memory of a node (VmHWM would include start-up), and its busiest second
    /// of CPU (a storm's peak, which the run's average hides).
    /// </summary>
    public void Sample()
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var pid in pids)
        {
            if (Read(pid) is not { } s) continue;
            _peakRssKb[pid] = Math.Max(_peakRssKb.GetValueOrDefault(pid), s.RssKb);
            if (!_lastSample.TryGetValue(pid, out var last))
            {
                _lastSample[pid] = (s.Cpu, now);
                continue;
            }
            var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(last.At, now).TotalSeconds;
            if (seconds < 0.9) continue;
            _peakCores[pid] = Math.Max(_peakCores.GetValueOrDefault(pid), (s.Cpu - last.Cpu) / seconds);
            _lastSample[pid] = (s.Cpu, now);
        }
    }

    /// <summary>Closes the measured window.</summary>
    public void Stop()
    {
        _clock.Stop();
        foreach (var pid in pids)
        {
            if (Read(pid) is { } end && _windowStart.TryGetValue(pid, out var start))
                _cpuSeconds[pid] = _cpuSeconds.GetValueOrDefault(pid) + end.Cpu - start;
            else
                _gone.Add(pid);
        }
    }

    public IReadOnlyList<object> Report(int connections) => pids.Select(pid =>
    {
        var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        var alive = !_gone.Contains(pid);
        var start = _start.GetValueOrDefault(pid);
        var peak = _peakRssKb.GetValueOrDefault(pid);
        return (object)new
        {
            pid,
            alive,
            cpu_cores = alive ? Math.Round(_cpuSeconds.GetValueOrDefault(pid) / seconds, 3) : (double?)null,
            peak_cores = Math.Round(_peakCores.GetValueOrDefault(pid), 2),
            rss_start_mb = Math.Round(start.RssKb / 1024.0, 1),
            peak_rss_mb = Math.Round(peak / 1024.0, 1),
            rss_per_connection_kb = connections == 0 ? 0 : Math.Round((peak - start.RssKb) / (double)connections * pids.Count, 1),
        };
    }).ToList();

    /// <summary>The nodes found gone when a measured window closed (killed, or exited on their own).</summary>
    public IReadOnlyList<int> Exited => pids.Where(_gone.Contains).ToList();

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
