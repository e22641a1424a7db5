using System.Threading.RateLimiting;
using EventHub.Domain.Forum;

namespace EventHub.Security;

/// <summary>
/// The limits of /api/token: requests per client address and per site, new delegates per join code, and a lockout
/// of the address after repeated wrong keys or join codes. A refusal is <c>rate.limited</c> with the time to wait.
/// </summary>
public sealed class LoginGuard : IDisposable
{
    readonly RateLimitSettings _settings;
    readonly ILoginLockouts _lockouts;
    readonly ILogger _audit;
    readonly PartitionedRateLimiter<string> _perAddress;
    readonly PartitionedRateLimiter<string> _perSite;
    readonly PartitionedRateLimiter<string> _joins;
    readonly PartitionedRateLimiter<string> _failures;

    public LoginGuard(RateLimitSettings settings, ILoginLockouts lockouts, ILoggerFactory loggers)
    {
        _settings = settings;
        _lockouts = lockouts;
        _audit = loggers.CreateLogger(AuditLog.Category);
        _perAddress = PerMinute(settings.TokenPerAddressPerMinute);
        _perSite = PerMinute(settings.TokenPerSitePerMinute);
        _joins = PartitionedRateLimiter.Create<string, string>(code => RateLimitPartition.GetTokenBucketLimiter(code,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.JoinBurst,
                TokensPerPeriod = Math.Max(1, settings.JoinsPerMinute),
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetSlidingWindowLimiter(address,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = settings.FailuresBeforeLockout,
                Window = settings.FailureWindow,
                SegmentsPerWindow = 10,
                QueueLimit = 0,
            }));
    }

    static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));

    /// <summary>Before anything is checked: a locked-out address, or one sending too fast, is refused.</summary>
    public async ValueTask CheckAddressAsync(string address)
    {
        if (await _lockouts.RemainingAsync(address) is { } left) throw Errors.RateLimited(left);
        Take(_perAddress, address);
    }

    /// <summary>A login that names a site (a host's or a delegate's).</summary>
    public void CheckSite(string site) => Take(_perSite, site);

    /// <summary>A join that would add a delegate (not a known name coming back).</summary>
    public void CheckNewDelegate(string site) => Take(_joins, site);

    /// <summary>A wrong key or join code: once an address has had too many, it is locked out on every node.</summary>
    public async ValueTask FailedAsync(string address)
    {
        using var lease = _failures.AttemptAcquire(address);
        if (lease.IsAcquired) return;
        await _lockouts.LockAsync(address, _settings.LockoutDuration);
        AuditLog.LockedOut(_audit, "address", address, (int)_settings.LockoutDuration.TotalSeconds);
        throw Errors.RateLimited(_settings.LockoutDuration);
    }

    static void Take(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (!lease.IsAcquired) throw Errors.RateLimited(RetryAfter(lease));
    }

    internal static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
            ? retryAfter : TimeSpan.FromSeconds(1);

    public void Dispose()
    {
        _perAddress.Dispose();
        _perSite.Dispose();
        _joins.Dispose();
        _failures.Dispose();
    }
}
