using EventHub.Auth;

namespace EventHub.Fanout;

/// <summary>
/// Closes this node's connections whose token no longer stands, each with its reason and no reconnect, whenever a
/// logout or a key rotation is taken in (<see cref="TokenSync"/>). Off the caller's thread, and coalesced: a burst of
/// logouts (the end of the day) walks the connections a few times, not once per logout.
/// </summary>
public sealed partial class EndedSessions(TokenValidity validity, KeyRing keys, SessionRevocations revocations,
    NodeAudience audience, ILogger<EndedSessions> logger) : IHostedService
{
    int _sweepQueued;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        keys.Changed += CloseEnded;
        revocations.Changed += CloseEnded;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        keys.Changed -= CloseEnded;
        revocations.Changed -= CloseEnded;
        return Task.CompletedTask;
    }

    void CloseEnded()
    {
        if (Interlocked.Exchange(ref _sweepQueued, 1) == 0) _ = Task.Run(Sweep);
    }

    void Sweep()
    {
        Volatile.Write(ref _sweepQueued, 0); // a change that lands during this walk queues another
        var closed = 0;
        foreach (var member in audience)
        {
            if (member.User is not { } user || validity.Refusal(user) is not { } refusal) continue;
            member.Close(TokenGate.Describe(refusal));
            closed++;
        }
        if (closed > 0) Closed(logger, closed);
    }

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Closed {Count} connection(s) whose token was logged out or whose key was rotated")]
    static partial void Closed(ILogger logger, int count);
}
