using System.Collections.Concurrent;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;

namespace EventHub.LoadTests;

/// <summary>A command the hub acknowledged: which method, for which site, at which positions.</summary>
sealed record Ack(string Method, string? Site, CommandResult Result);

/// <summary>
/// The forum-day traffic: the check-in storm, the moderator acting once a second, sites updating headcounts,
/// delegates' phones dropping and coming back. Every acknowledged command is kept for the final check.
/// </summary>
sealed class Workload(Population people, bool churn)
{
    public ConcurrentBag<Ack> Acks { get; } = [];
    public long Refused;
    public long Resent;

    /// <summary>All 62 hosts check in at once; returns the seconds until every check-in was acknowledged.</summary>
    public async Task<double> CheckInStormAsync(CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(people.Hosts.Select(h =>
            SendAsync(h.Probe.Client, "CheckIn", h.Site, new CheckInRequest(NewId(), null, $"Trưởng đoàn {h.Site}", 20), cancellationToken)));
        return clock.Elapsed.TotalSeconds;
    }

    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var loops = new[]
        {
            Every(TimeSpan.FromSeconds(1), ModeratorActsAsync, stop.Token),
            Every(TimeSpan.FromMilliseconds(250), SiteUpdatesHeadcountAsync, stop.Token),
            churn ? Every(TimeSpan.FromSeconds(1), DelegatesComeAndGoAsync, stop.Token) : Task.CompletedTask,
        };
        await Task.WhenAll(loops);
    }

    int _moderatorStep;

    /// <summary>The moderator works the floor once a second, on behalf of a site (the attendance desk).</summary>
    Task ModeratorActsAsync(CancellationToken cancellationToken)
    {
        var step = _moderatorStep++;
        var site = people.Sites[step % people.Sites.Count];
        return SendAsync(people.Moderator.Client, "UpdateHeadcount", site,
            new HeadcountRequest(NewId(), site, 20 + step % 50), cancellationToken);
    }

    /// <summary>Four times a second some site reports a new headcount (about one per site every 15 s).</summary>
    Task SiteUpdatesHeadcountAsync(CancellationToken cancellationToken)
    {
        var (site, probe) = people.Hosts[Random.Shared.Next(people.Hosts.Count)];
        return SendAsync(probe.Client, "UpdateHeadcount", site, new HeadcountRequest(NewId(), null, Random.Shared.Next(10, 300)), cancellationToken);
    }

    /// <summary>Phones drop: about 0.5 % of delegates lose their connection each second and come back on their own.</summary>
    Task DelegatesComeAndGoAsync(CancellationToken cancellationToken)
    {
        var count = Math.Max(1, people.Delegates.Count / 200);
        for (var i = 0; i < count; i++)
            _ = people.Delegates[Random.Shared.Next(people.Delegates.Count)].Client.SimulateNetworkCutAsync();
        return Task.CompletedTask;
    }

    async Task SendAsync<T>(ForumClient client, string method, string? site, T request, CancellationToken cancellationToken)
        where T : ICommandRequest
    {
        try
        {
            var result = await client.SendAsync(method, request, cancellationToken);
            if (!result.Ok) Interlocked.Increment(ref Refused);
            else if (result.LastSeq > 0) Acks.Add(new Ack(method, site, result));
            if (result.Duplicate) Interlocked.Increment(ref Resent);
        }
        catch (OperationCanceledException)
        {
        }
    }

    static async Task Every(TimeSpan period, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period);
        var inFlight = new List<Task>();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                inFlight.Add(action(cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(inFlight);
    }

    static string NewId() => Guid.NewGuid().ToString("N");
}
