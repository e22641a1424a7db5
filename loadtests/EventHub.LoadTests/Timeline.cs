namespace EventHub.LoadTests;

/// <summary>
/// Fan-out per second of commit time: the longest delay a client saw for the events committed in that second, and
/// how many deliveries took longer than <see cref="SlowMs"/>. It tells a tail made of a few held seconds (a node or
/// the generator stopped for a while) from one spread over the run, and when to look in a node's trace.
/// </summary>
sealed class Timeline
{
    public const long SlowMs = 500;
    const int Span = 4 * 3600; // seconds of commits kept from the first one recorded

    readonly long[] _max = new long[Span];
    readonly int[] _slow = new int[Span];
    long _origin = -1; // the Unix second of slot 0

    public void Record(long committedAtMs, long delayMs)
    {
        var origin = Volatile.Read(ref _origin);
        if (origin < 0)
        {
            Interlocked.CompareExchange(ref _origin, committedAtMs / 1000 - 60, -1);
            origin = Volatile.Read(ref _origin);
        }
        var i = committedAtMs / 1000 - origin;
        if ((ulong)i >= Span) return;
        long seen;
        while (delayMs > (seen = Volatile.Read(ref _max[i])) && Interlocked.CompareExchange(ref _max[i], delayMs, seen) != seen)
        {
        }
        if (delayMs > SlowMs) Interlocked.Increment(ref _slow[i]);
    }

    public void Reset()
    {
        Array.Clear(_max);
        Array.Clear(_slow);
    }

    /// <summary>The <paramref name="count"/> seconds with the longest delay, longest first.</summary>
    public IEnumerable<Second> Worst(int count)
    {
        var origin = Volatile.Read(ref _origin);
        return origin < 0 ? [] : Enumerable.Range(0, Span).Where(i => _max[i] > 0)
            .OrderByDescending(i => _max[i]).Take(count)
            .Select(i => new Second(DateTimeOffset.FromUnixTimeSeconds(origin + i), _max[i], _slow[i]));
    }

    /// <summary>How many seconds had a delay longer than <paramref name="ms"/>.</summary>
    public int SecondsOver(long ms) => _max.Count(m => m > ms);

    public readonly record struct Second(DateTimeOffset At, long MaxMs, int Slow);
}
