using HdrHistogram;

namespace EventHub.LoadTests;

/// <summary>
/// What one set of clients (one node's, or the bare hub's) measured of fan-out: the delay of every delivery, and the
/// same deliveries per second of commit time (<see cref="Timeline"/>).
/// </summary>
sealed class FanoutRecord
{
    public readonly LongConcurrentHistogram Latency = Recorders.NewHistogram();
    public readonly Timeline Seconds = new();

    /// <summary>One delivery, arriving now, of a message committed (or sent) at <paramref name="committedAtMs"/>.</summary>
    public void Record(long committedAtMs)
    {
        var delay = Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - committedAtMs);
        Latency.RecordValue(delay);
        Seconds.Record(committedAtMs, delay);
    }

    public void Reset()
    {
        Latency.Reset();
        Seconds.Reset();
    }
}
