using System.Threading.RateLimiting;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Security;

/// <summary>
/// A token bucket per connection (every call), one per caller (commands, all of the caller's connections on this
/// node) and one more per caller for votes, which a script could otherwise send at the command rate. A call over any
/// is refused with <c>rate.limited</c> and its retry time before the hub method runs: nothing changes, and the
/// connection stays open.
/// </summary>
public sealed class RateLimitHubFilter : IHubFilter, IDisposable
{
    readonly PartitionedRateLimiter<string> _perConnection;
    readonly PartitionedRateLimiter<string> _perCaller;
    readonly PartitionedRateLimiter<string> _votesPerCaller;

    public RateLimitHubFilter(RateLimitSettings settings)
    {
        _perConnection = Buckets(settings.ConnectionBurst, settings.ConnectionPerSecond);
        _perCaller = Buckets(settings.CallerBurst, settings.CallerPerSecond);
        _votesPerCaller = Buckets(settings.VoteBurst, settings.VotesPerSecond);
    }

    static PartitionedRateLimiter<string> Buckets(int burst, int perSecond) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = Math.Max(1, perSecond),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            }));

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        Take(_perConnection, context.Context.ConnectionId);
        if (context.HubMethod.ReturnType == typeof(Task<CommandResult>) && context.Context.Items[typeof(Actor)] is Actor actor)
        {
            Take(_perCaller, actor.Id);
            if (context.HubMethodName is HubMethods.VoteQuestion or HubMethods.UnvoteQuestion) Take(_votesPerCaller, actor.Id);
        }
        return next(context);
    }

    static void Take(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (!lease.IsAcquired) throw Errors.RateLimited(LoginGuard.RetryAfter(lease));
    }

    public void Dispose()
    {
        _perConnection.Dispose();
        _perCaller.Dispose();
        _votesPerCaller.Dispose();
    }
}
