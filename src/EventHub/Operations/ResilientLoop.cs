using EventHub.Storage;

namespace EventHub.Operations;

/// <summary>
/// A node's background pass on a timer, which no fault may stop: a node whose loop throws is stopped by its host, and
/// a Redis that stalls, restarts or resets its connection throws every kind of exception (timeouts, cancellations
/// that are not ours, a completed pipe reader). A failing pass is an outage, logged once (<see cref="OutageLog"/>);
/// the next passes back off, up to <see cref="LongestPause"/> apart; the loop carries on by itself, until the node stops.
/// </summary>
public static class ResilientLoop
{
    /// <summary>The longest pause between passes while they fail (or the interval, when that is longer).</summary>
    public static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string what, TimeSpan interval, Func<CancellationToken, Task> pass, TimeProvider time,
        ILogger logger, CancellationToken stopping)
    {
        var outage = new OutageLog(what, logger, time);
        using var timer = new PeriodicTimer(interval, time);
        var failures = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await pass(stopping);
                    outage.Succeeded();
                    failures = 0;
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    outage.Failed(ex);
                    await Task.Delay(Backoff(interval, ++failures), time, stopping);
                }
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // the node is stopping: whatever the last pass was doing does not matter any more
        }
    }

    /// <summary>How much longer than the interval to wait after the n-th failure in a row: the gap doubles, to a cap.</summary>
    public static TimeSpan Backoff(TimeSpan interval, int failures)
    {
        var cap = interval > LongestPause ? interval : LongestPause;
        var gap = interval * Math.Pow(2, Math.Min(failures, 16));
        return (gap < cap ? gap : cap) - interval;
    }
}
