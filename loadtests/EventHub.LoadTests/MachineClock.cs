using System.Runtime.InteropServices;

namespace EventHub.LoadTests;

/// <summary>
/// How fast each core of the machine is, second by second: on every core the runner may use, a thread held to it does
/// the same three small pieces of work once a second, each timed in the thread's own CPU time, so waiting for the core
/// does not count (that is the machine being busy). This machine's cores slow down now and then for 10–40 s, one core
/// or both, busy or idle, and not for every kind of work alike: arithmetic and memory reads at half speed while an
/// interpreter runs as usual, or the other way round (docs/performance.md, 2026-11-29 fifth session). So the pieces are
/// of three kinds (arithmetic, dependent reads with unpredictable branches, calls through many implementations of an
/// interface), and a sample's slowdown is its slowest piece against that piece's median on that core over the run: 1 as
/// usual, 2 at half speed. Whichever hub's turn such a spell falls in, every process on that core slows; this lets the
/// turn be seen in the run's own summary. About 1% of each core.
/// </summary>
sealed class MachineClock : IDisposable
{
    const int Kinds = 3;
    readonly List<double[]>[] _samples; // by core, in the order of Cores: each sample's CPU ms for each kind of work
    volatile bool _stopped;

    public MachineClock()
    {
        Cores = AllowedCores();
        _samples = new List<double[]>[Cores.Length];
        for (var i = 0; i < _samples.Length; i++)
        {
            var samples = _samples[i] = [];
            var core = Cores[i];
            new Thread(() => Loop(core, samples)) { IsBackground = true, Name = $"machine clock {core}" }.Start();
        }
    }

    /// <summary>
    /// The cores this process may run on, by number (a container's cpuset may give it cores 2 and 3 only); none
    /// where that cannot be asked (not Linux), and then there are no figures.
    /// </summary>
    public int[] Cores { get; }

    /// <summary>Where the samples taken from now on start, on each core.</summary>
    public int[] Mark() => _samples.Select(s =>
    {
        lock (s) return s.Count;
    }).ToArray();

    /// <summary>
    /// Each core's slowdown between two marks (its samples' median; 0 without samples) and the largest single
    /// sample's on any core, against each piece's median on that core over everything sampled so far.
    /// </summary>
    public (double[] ByCore, double Max) Slowdown(int[] from, int[] to)
    {
        var byCore = new double[_samples.Length];
        var max = 0.0;
        for (var cpu = 0; cpu < _samples.Length; cpu++)
        {
            double[][] all;
            lock (_samples[cpu]) all = _samples[cpu].ToArray();
            if (to[cpu] <= from[cpu]) continue;
            var usual = Enumerable.Range(0, Kinds).Select(k => Median(all.Select(s => s[k]).ToArray())).ToArray();
            var slowdowns = all[from[cpu]..to[cpu]].Select(s => Enumerable.Range(0, Kinds).Max(k => s[k] / usual[k])).ToArray();
            byCore[cpu] = Math.Round(Median(slowdowns), 2);
            max = Math.Max(max, slowdowns.Max());
        }
        return (byCore, Math.Round(max, 2));
    }

    static double Median(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }

    void Loop(int cpu, List<double[]> samples)
    {
        // Without a thread CPU clock or a way to hold a thread to a core there are no samples, and this core's
        // figures are 0.
        if (!HoldTo(cpu)) return;
        var chain = Chain(1 << 16);
        IStep[] steps = [new Add(), new Sub(), new Xor(), new Mul(), new Shift(), new Max(), new Min(), new Mix()];
        double sink = 0;
        while (!_stopped && ThreadCpuMs() is { } t0)
        {
            sink += Arithmetic();
            var t1 = ThreadCpuMs()!.Value;
            sink += Reads(chain);
            var t2 = ThreadCpuMs()!.Value;
            sink += Calls(steps);
            var t3 = ThreadCpuMs()!.Value;
            lock (samples) samples.Add([t1 - t0, t2 - t1, t3 - t2]);
            Thread.Sleep(1000);
        }
        GC.KeepAlive(sink);
    }

    static double Arithmetic()
    {
        double sum = 0;
        for (var i = 0; i < 1_000_000; i++) sum += Math.Sqrt(i ^ (i >> 3));
        return sum;
    }

    /// <summary>A random cycle through <paramref name="length"/> slots (256 KB of them at 64K).</summary>
    static int[] Chain(int length)
    {
        var order = Enumerable.Range(1, length - 1).ToArray();
        new Random(1).Shuffle(order);
        var next = new int[length];
        var at = 0;
        foreach (var o in order) at = next[at] = o;
        return next;
    }

    static double Reads(int[] next)
    {
        long sum = 0;
        var i = 0;
        for (var n = 0; n < 500_000; n++)
        {
            i = next[i];
            switch (i & 3)
            {
                case 0: sum += i; break;
                case 1: sum -= i >> 1; break;
                default: sum ^= i; break;
            }
        }
        return sum;
    }

    static double Calls(IStep[] steps)
    {
        long value = 1;
        for (var n = 0; n < 1_000_000; n++) value = steps[(int)((value ^ n) & 7)].Apply(value, n);
        return value;
    }

    interface IStep { long Apply(long value, int n); }
    sealed class Add : IStep { public long Apply(long v, int n) => v + n; }
    sealed class Sub : IStep { public long Apply(long v, int n) => v - (n >> 2); }
    sealed class Xor : IStep { public long Apply(long v, int n) => v ^ (n * 31L); }
    sealed class Mul : IStep { public long Apply(long v, int n) => v * 3 + 1; }
    sealed class Shift : IStep { public long Apply(long v, int n) => (v >> 1) + n; }
    sealed class Max : IStep { public long Apply(long v, int n) => Math.Max(v, n) + 7; }
    sealed class Min : IStep { public long Apply(long v, int n) => Math.Min(v, n) - 5; }
    sealed class Mix : IStep { public long Apply(long v, int n) => (v << 3) ^ (v >> 5) ^ n; }

    static double? ThreadCpuMs() =>
        ClockGetTime(ThreadCpuClock, out var t) == 0 ? t.Seconds * 1000.0 + t.Nanoseconds / 1e6 : null;

    const int MaskWords = 16; // 1,024 cores

    static int[] AllowedCores()
    {
        var mask = new ulong[MaskWords];
        try
        {
            if (SchedGetAffinity(0, (nint)(mask.Length * sizeof(ulong)), mask) != 0) return [];
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return [];
        }
        return Enumerable.Range(0, MaskWords * 64).Where(cpu => (mask[cpu / 64] >> (cpu % 64) & 1) != 0).ToArray();
    }

    /// <summary>Holds the calling thread to one core (Linux; the core is one of <see cref="AllowedCores"/>).</summary>
    static bool HoldTo(int cpu)
    {
        var mask = new ulong[MaskWords];
        mask[cpu / 64] = 1UL << (cpu % 64);
        return SchedSetAffinity(0, (nint)(mask.Length * sizeof(ulong)), mask) == 0;
    }

    const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID (Linux)

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    static extern int ClockGetTime(int clock, out TimeSpec time);

    [DllImport("libc", EntryPoint = "sched_getaffinity")]
    static extern int SchedGetAffinity(int pid, nint size, ulong[] mask);

    [DllImport("libc", EntryPoint = "sched_setaffinity")]
    static extern int SchedSetAffinity(int pid, nint size, ulong[] mask);

    public void Dispose() => _stopped = true;
}
