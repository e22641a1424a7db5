using EventHub.SiteClient;
using Microsoft.AspNetCore.SignalR.Client;

namespace EventHub.Tests.Client;

/// <summary>
/// The reconnect policy's properties: every wait is between zero and a ceiling that grows to a cap, the waits
/// of many clients spread over that range, and it never gives up.
/// </summary>
public sealed class ReconnectBackoffTests
{
    static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    static readonly TimeSpan Cap = TimeSpan.FromSeconds(5);

    [Fact]
    public void Ceilings_StartAtHalfAStep_DoubleEachAttempt_AndStopAtTheCap()
    {
        var backoff = new ReconnectBackoff(Step, Cap);

        Assert.Equal(
            [0.5, 1, 2, 4, 5, 5],
            Enumerable.Range(0, 6).Select(n => backoff.Ceiling(n).TotalSeconds));
        Assert.Equal(Cap, backoff.Ceiling(long.MaxValue));
    }

    [Fact]
    public void EveryWait_IsBetweenZeroAndItsCeiling_AndNeverNull()
    {
        var backoff = new ReconnectBackoff(Step, Cap, new Random(21));

        for (var attempt = 0; attempt < 50; attempt++)
        for (var sample = 0; sample < 200; sample++)
        {
            var wait = backoff.NextRetryDelay(Context(attempt));
            Assert.NotNull(wait);
            Assert.InRange(wait.Value, TimeSpan.Zero, backoff.Ceiling(attempt));
            Assert.True(wait.Value <= Cap);
        }
    }

    [Fact]
    public void ClientsThatLostTheSameNode_ComeBackSpreadOverTheWindow_NotInOneInstant()
    {
        // 1,600 clients of one node, each with its own policy (as each ForumClient has), first retry.
        var random = new Random(6);
        var waits = Enumerable.Range(0, 1_600)
            .Select(_ => new ReconnectBackoff(Step, Cap, new Random(random.Next())).NextDelay(0).TotalMilliseconds)
            .ToList();

        // Every tenth of the 0.5 s window gets a share (evenly: 160 each), so no instant takes them all.
        var perSlice = waits.GroupBy(ms => Math.Min(9, (int)(ms / 50))).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, perSlice.Count);
        Assert.All(perSlice.Values, count => Assert.InRange(count, 80, 240));
        Assert.True(waits.Distinct().Count() > 1_500);
    }

    [Fact]
    public void LaterAttempts_WaitLongerOnAverage_UntilTheCap()
    {
        var backoff = new ReconnectBackoff(Step, Cap, new Random(10));

        var means = Enumerable.Range(0, 6)
            .Select(attempt => Enumerable.Range(0, 2_000).Average(_ => backoff.NextDelay(attempt).TotalSeconds))
            .ToList();

        for (var i = 1; i < 4; i++) Assert.True(means[i] > means[i - 1] * 1.5, $"attempt {i}: {means[i]:0.000} s after {means[i - 1]:0.000} s");
        Assert.InRange(means[5], 2.3, 2.7); // half the cap
    }

    [Fact]
    public void AShortStep_KeepsTheSameShape()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

        Assert.Equal([100, 200, 400, 800, 1000], Enumerable.Range(0, 5).Select(n => backoff.Ceiling(n).TotalMilliseconds));
    }

    static RetryContext Context(long previousRetries) => new()
    {
        PreviousRetryCount = previousRetries,
        ElapsedTime = TimeSpan.FromSeconds(previousRetries),
        RetryReason = new InvalidOperationException("the node went away"),
    };
}
