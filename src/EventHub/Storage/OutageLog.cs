namespace EventHub.Storage;

/// <summary>
/// Logs a run of failures of one thing as one outage: a warning at the first failure, an information when it works
/// again, and only debug lines between. A Redis away for a minute then costs each loop two lines, not one per try.
/// </summary>
public sealed partial class OutageLog(string what, ILogger logger, TimeProvider time)
{
    readonly Lock _lock = new();
    // When the outage began (a TimeProvider timestamp), 0 while things work: read without the lock on every success.
    long _since;
    int _failures;

    public bool IsOngoing => Volatile.Read(ref _since) != 0;

    public void Failed(Exception exception)
    {
        bool first;
        lock (_lock)
        {
            first = _since == 0;
            if (first) Volatile.Write(ref _since, Math.Max(time.GetTimestamp(), 1));
            _failures++;
        }
        if (first) Began(logger, what, exception.Message, exception);
        else FailedAgain(logger, what, exception.GetType().Name, exception.Message);
    }

    public void Succeeded()
    {
        if (!IsOngoing) return;
        long since;
        int failures;
        lock (_lock)
        {
            (since, failures) = (_since, _failures);
            if (since == 0) return; // another success ended it first
            (_since, _failures) = (0, 0);
        }
        Ended(logger, what, time.GetElapsedTime(since).TotalSeconds, failures);
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "{What} is failing ({Reason}); retrying until it works")]
    static partial void Began(ILogger logger, string what, string reason, Exception exception);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "{What} works again after {Seconds:0.0} s and {Failures} failures")]
    static partial void Ended(ILogger logger, string what, double seconds, int failures);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Debug, Message = "{What} failed again: {Kind}: {Reason}")]
    static partial void FailedAgain(ILogger logger, string what, string kind, string reason);
}
