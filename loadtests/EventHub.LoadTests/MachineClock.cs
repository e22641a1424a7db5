using System.Runtime.InteropServices;

namespace EventHub.LoadTests;

/// <summary>
/// How fast the machine itself is, second by second: the same fixed piece of work, twice a second, timed in the CPU
/// time of the thread doing it. Waiting for a core does not count (that is the machine being busy), so when it costs
/// more, every process got less done with the time it had: the machine slowed (runs 128 and 135 in
/// docs/performance.md: 14–18 ms where it usually takes 9–10, every process at once). Lets a turn that met a slow
/// machine be seen in the run's own summary. About 1% of a core.
/// </summary>
sealed class MachineClock : IDisposable
{
    readonly Thread _thread;
    readonly List<double> _samples = [];
    volatile bool _stopped;
    double _sink;

    public MachineClock()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "machine clock" };
        _thread.Start();
    }

    /// <summary>Where the samples taken from now on start.</summary>
    public int Mark()
    {
        lock (_samples) return _samples.Count;
    }

    /// <summary>The fixed work's cost (ms) since <paramref name="mark"/>: median and largest.</summary>
    public (double MedianMs, double MaxMs) Since(int mark)
    {
        double[] since;
        lock (_samples) since = _samples.Skip(mark).Order().ToArray();
        return since.Length == 0 ? (0, 0) : (Math.Round(since[since.Length / 2], 2), Math.Round(since[^1], 2));
    }

    /// <summary>The fixed work's median cost over the whole run (ms).</summary>
    public double MedianMs => Since(0).MedianMs;

    void Loop()
    {
        // Without a thread CPU clock (not Linux) there are no samples, and the summary's figures are 0.
        while (!_stopped && ThreadCpuMs() is { } start)
        {
            _sink += FixedWork();
            lock (_samples) _samples.Add(ThreadCpuMs()!.Value - start);
            Thread.Sleep(500);
        }
    }

    /// <summary>A few milliseconds of arithmetic and memory reads, always the same.</summary>
    static double FixedWork()
    {
        Span<int> table = stackalloc int[4096];
        for (var i = 0; i < table.Length; i++) table[i] = i * 7919 % 4093;
        double sum = 0;
        var j = 0;
        for (var i = 0; i < 3_000_000; i++)
        {
            j = table[(j + i) & 4095];
            sum += Math.Sqrt(j + i);
        }
        return sum;
    }

    static double? ThreadCpuMs() =>
        ClockGetTime(ThreadCpuClock, out var t) == 0 ? t.Seconds * 1000.0 + t.Nanoseconds / 1e6 : null;

    const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID (Linux)

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    static extern int ClockGetTime(int clock, out TimeSpec time);

    public void Dispose() => _stopped = true;
}
