using Microsoft.AspNetCore.SignalR.Client;

namespace EventHub.SiteClient;

/// <summary>
/// When to knock again after losing the hub: soon, then less often, never giving up, and each client at its own
/// random moment below a ceiling that doubles ("full jitter"). When a node dies its clients all lose it in the
/// same instant; spread out, they reach the surviving node over a window instead of as one storm.
/// </summary>
/// <remarks>
/// The ceilings are <c>step/2, step, 2·step, 4·step …</c>, capped at <c>cap</c>: with the defaults (1 s, 5 s)
/// 0.5 s, 1 s, 2 s, 4 s, then 5 s for ever. SignalR's own default (0, 2, 10, 30 s, then stop) leaves a
/// client that missed its first two tries waiting 10 s, and stops a bridge point for good after 42 s.
/// </remarks>
public sealed class ReconnectBackoff : IRetryPolicy
{
    readonly TimeSpan _step;
    readonly TimeSpan _cap;
    readonly Random _random;

    /// <param name="random">For tests; the shared thread-safe generator otherwise.</param>
    public ReconnectBackoff(TimeSpan step, TimeSpan cap, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, step);
        _step = step;
        _cap = cap;
        _random = random ?? Random.Shared;
    }

    /// <summary>The longest wait before attempt <paramref name="attempt"/> (0 = the first try after the loss).</summary>
    public TimeSpan Ceiling(long attempt)
    {
        if (attempt <= 0) return _step / 2;
        // Doubling stops well before overflow: the cap is reached long before 2^20 steps.
        var ceiling = _step * Math.Pow(2, Math.Min(attempt - 1, 20));
        return ceiling < _cap ? ceiling : _cap;
    }

    /// <summary>A wait drawn evenly between zero and <see cref="Ceiling"/>.</summary>
    public TimeSpan NextDelay(long attempt) => Ceiling(attempt) * _random.NextDouble();

    /// <summary>Never null: a bridge point keeps trying until the hub is back.</summary>
    public TimeSpan? NextRetryDelay(RetryContext retryContext) => NextDelay(retryContext.PreviousRetryCount);
}
