using StackExchange.Redis;

namespace EventHub.Storage.Redis;

/// <summary>
/// Which exceptions out of a Redis call mean "the store did not answer" (retry later) rather than a bug. A Redis
/// that stalls, restarts or resets the connection surfaces as more than timeouts: the client library cancels the
/// calls it was waiting on (a cancellation that is not the caller's), and a call racing a torn-down connection can
/// meet its completed pipe ("Reading is not allowed after reader was completed").
/// </summary>
public static class RedisFaults
{
    public static bool IsStoreFault(Exception ex, CancellationToken caller) => ex switch
    {
        OperationCanceledException => !caller.IsCancellationRequested,
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        RedisServerException server => IsTransient(server),
        InvalidOperationException or IOException or System.Net.Sockets.SocketException => true,
        _ => false,
    };

    /// <summary>Replies that mean "not now" (a restarting Redis loading its AOF, a busy script, a replica), not "wrong".</summary>
    static bool IsTransient(RedisServerException ex) =>
        ex.Message.StartsWith("LOADING", StringComparison.Ordinal) || ex.Message.StartsWith("BUSY", StringComparison.Ordinal)
        || ex.Message.StartsWith("READONLY", StringComparison.Ordinal) || ex.Message.StartsWith("MISCONF", StringComparison.Ordinal)
        || ex.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal) || ex.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal);
}
