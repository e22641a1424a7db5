using System.Collections.Concurrent;
using EventHub.Domain.Protocol;
using EventHub.Domain.SpeakerQueue;
using EventHub.SiteClient;

namespace EventHub.LoadTests;

/// <summary>A command the hub acknowledged: which method, for which site, at which positions.</summary>
sealed record Ack(string Method, string? Site, CommandResult Result);

/// <summary>
/// The forum-day traffic: the check-in storm, the moderator working the speaker queue once a second, sites
/// asking the floor and updating headcounts,
/// delegates' phones dropping and coming back. Every acknowledged command is kept for the final check.
/// </summary>
sealed class Workload(Population people, Recorders recorders, bool churn)
{
    public ConcurrentBag<Ack> Acks { get; } = [];
    public long Refused;
    public ConcurrentDictionary<string, long> RefusedByCode { get; } = new();
    public long Resent;

    /// <summary>All 62 hosts check in at once; returns the seconds until every check-in was acknowledged.</summary>
    public async Task<double> CheckInStormAsync(CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(people.Hosts.Select(h =>
            SendAsync(h.Probe.Client, HubMethods.CheckIn, h.Site, new CheckInRequest(NewId(), null, $"Trưởng đoàn {h.Site}", 20), cancellationToken)));
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
            Every(TimeSpan.FromSeconds(2), SiteRequestsTheFloorAsync, stop.Token),
            churn ? Every(TimeSpan.FromSeconds(1), DelegatesComeAndGoAsync, stop.Token) : Task.CompletedTask,
        };
        await Task.WhenAll(loops);
    }

    int _moderatorStep;

    /// <summary>Opens the delegates' discussion, so the sites' requests land on its list.</summary>
    public Task OpenDiscussionAsync(CancellationToken cancellationToken) =>
        SendAsync(people.Moderator.Client, HubMethods.SetCurrentAgendaItem, null, new AgendaItemRequest(NewId(), "discussion"), cancellationToken);

    /// <summary>The moderator works the speaker queue once a second: approve, call next, reorder, add time.</summary>
    Task ModeratorActsAsync(CancellationToken cancellationToken)
    {
        var moderator = people.Moderator.Client;
        var queue = moderator.Forum.State.SpeakerQueue;
        var list = queue.CurrentItem is { } item ? queue.QueueOf(item).ToList() : [];
        var floor = queue.Floor?.RequestId;
        switch (_moderatorStep++ % 4)
        {
            case 0 when list.FirstOrDefault(r => r.Status == RequestStatus.Waiting) is { } waiting:
                return SendAsync(moderator, HubMethods.ApproveRequest, null, new QueueEntryRequest(NewId(), waiting.Id), cancellationToken);
            case 1 when list.Any(r => r.Status == RequestStatus.Approved):
                return SendAsync(moderator, HubMethods.CallNext, null, new CallNextRequest(NewId(), floor, 120), cancellationToken);
            case 2 when list.Count(r => r.Status is RequestStatus.Waiting or RequestStatus.Approved) > 1:
                return SendAsync(moderator, HubMethods.MoveToTop, null, new QueueEntryRequest(NewId(), list.Last().Id), cancellationToken);
            case 3 when floor is not null:
                return SendAsync(moderator, HubMethods.AddTime, null, new AddTimeRequest(NewId(), floor, 30), cancellationToken);
            default:
                return SendAsync(moderator, HubMethods.UpdateHeadcount, people.Sites[_moderatorStep % people.Sites.Count],
                    new HeadcountRequest(NewId(), people.Sites[_moderatorStep % people.Sites.Count], 20 + _moderatorStep % 50), cancellationToken);
        }
    }

    /// <summary>About one site every two seconds asks the floor for a named speaker.</summary>
    Task SiteRequestsTheFloorAsync(CancellationToken cancellationToken)
    {
        var (site, probe) = people.Hosts[Random.Shared.Next(people.Hosts.Count)];
        return SendAsync(probe.Client, HubMethods.RequestFloor, site, new FloorAskRequest(NewId(), null, null,
            $"Nguyễn Văn {site}", "Bí thư Tỉnh đoàn", "Đề xuất giải pháp chuyển đổi số"), cancellationToken);
    }

    /// <summary>Four times a second some site reports a new headcount (about one per site every 15 s).</summary>
    Task SiteUpdatesHeadcountAsync(CancellationToken cancellationToken)
    {
        var (site, probe) = people.Hosts[Random.Shared.Next(people.Hosts.Count)];
        return SendAsync(probe.Client, HubMethods.UpdateHeadcount, site, new HeadcountRequest(NewId(), null, Random.Shared.Next(10, 300)), cancellationToken);
    }

    /// <summary>Phones drop: about 0.5 % of delegates lose their connection each second and come back on their own.</summary>
    public static int DropsPerSecond(int delegates) => Math.Max(1, delegates / 200);

    /// <summary>How long a dropped phone is off the network before its reconnect goes out (the bare hub's wait the same).</summary>
    public static readonly TimeSpan PhoneAway = TimeSpan.FromSeconds(1);

    Task DelegatesComeAndGoAsync(CancellationToken cancellationToken)
    {
        var count = DropsPerSecond(people.Delegates.Count);
        for (var i = 0; i < count; i++)
            people.Delegates[Random.Shared.Next(people.Delegates.Count)].Network.Cut(PhoneAway);
        return Task.CompletedTask;
    }

    async Task SendAsync<T>(ForumClient client, string method, string? site, T request, CancellationToken cancellationToken)
        where T : ICommandRequest
    {
        var sent = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var result = await client.SendAsync(method, request, cancellationToken);
            recorders.RecordAck(method, System.Diagnostics.Stopwatch.GetElapsedTime(sent));
            if (!result.Ok)
            {
                Interlocked.Increment(ref Refused);
                RefusedByCode.AddOrUpdate(result.Error?.Code ?? "?", 1, (_, n) => n + 1);
            }
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
