using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.ScaleOut;

/// <summary>
/// Two hub nodes on one real Redis: one log, one order, one winner. The position beacon is switched off
/// (one per hour), so an event reaches the other node's clients through the store's feed or not at all.
/// </summary>
public sealed class TwoNodesTests : IAsyncLifetime
{
    static readonly TimeSpan NoBeacon = TimeSpan.FromHours(1);
    readonly RedisCluster _cluster = new();
    HubApp _a = null!;
    HubApp _b = null!;

    public Task InitializeAsync()
    {
        _a = _cluster.StartNode(positionInterval: NoBeacon);
        _b = _cluster.StartNode(positionInterval: NoBeacon);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ClientsOnBothNodes_SeeTheIdenticalSequence()
    {
        await using var moderatorA = await _a.ConnectAsync(await _a.LoginModeratorAsync());
        await using var displayB = await _b.ConnectAsync(await _b.LoginDisplayAsync());
        await using var hostA = await _a.ConnectAsync(await _a.LoginHostAsync("HGG"));
        await using var hostB = await _b.ConnectAsync(await _b.LoginHostAsync("CBG"));
        var clients = new[] { moderatorA, displayB, hostA, hostB };
        var recorders = clients.Select(c => new EventRecorder(c)).ToList();
        var resumesBefore = clients.Select(c => c.Resumes).ToList();

        var results = (await Task.WhenAll(CommandsAsync(hostA, "HGG", 10), CommandsAsync(hostB, "CBG", 10)))
            .SelectMany(r => r).ToList();
        Assert.All(results, r => Assert.True(r.Ok, r.Error?.Code));

        var head = results.Max(r => r.LastSeq);
        foreach (var client in clients)
            await client.ReachAsync(head, Timeouts.Heal);
        foreach (var recorder in recorders) recorder.AssertGapless(head);
        Assert.All(recorders, r => Assert.Equal(recorders[0].Seen, r.Seen));
        // Each node writes the log's order to its clients, whichever node appended: nothing arrived early (held
        // for a gap), and nobody had to resume.
        Assert.All(clients, c => Assert.Equal(0, c.GapsSeen));
        Assert.Equal(resumesBefore, clients.Select(c => c.Resumes).ToList());
        Assert.Equal(head, (await RedisCluster.ReadLogAsync(_b)).Count);
    }

    [Fact]
    public async Task TwoHostsOfOneSite_CheckingInAtOnceOnTwoNodes_OneWins_TheOtherIsToldItIsAlreadyCheckedIn()
    {
        await using var first = await _a.ConnectAsync(await _a.LoginHostAsync("BKN"));
        await using var second = await _b.ConnectAsync(await _b.LoginHostAsync("BKN"));

        var results = await Task.WhenAll(
            first.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lead A", 40)),
            second.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lead B", 41))).WaitAsync(Timeouts.Call);

        Assert.Single(results, r => r.Ok);
        Assert.Single(results, r => !r.Ok && r.Error?.Code == "attendance.already_checked_in");
        Assert.Single(await RedisCluster.ReadLogAsync(_a), e => e.Type == "site.checked_in");
    }

    [Fact]
    public async Task ManyCommandsInParallelOnBothNodes_LandInOneGaplessSequence_EachOnce()
    {
        var sites = new[] { "HGG", "CBG", "BKN", "TQG" };
        var hosts = new List<ForumClient>();
        for (var i = 0; i < sites.Length; i++)
        {
            var node = i % 2 == 0 ? _a : _b;
            hosts.Add(await node.ConnectAsync(await node.LoginHostAsync(sites[i])));
        }
        await using var watcherA = await _a.ConnectAsync(await _a.LoginModeratorAsync());
        await using var watcherB = await _b.ConnectAsync(await _b.LoginModeratorAsync());
        var recorders = new[] { new EventRecorder(watcherA), new EventRecorder(watcherB) };

        var results = (await Task.WhenAll(hosts.Select((h, i) => CommandsAsync(h, sites[i], 12))).WaitAsync(Timeouts.Heal))
            .SelectMany(r => r).ToList();
        Assert.All(results, r => Assert.True(r.Ok, r.Error?.Code));

        var log = await RedisCluster.ReadLogAsync(_a);
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(e => e.Seq));
        Assert.Equal(results.Count, log.Select(e => e.CommandId).Intersect(results.Select(r => r.CommandId)).Count());
        foreach (var watcher in new[] { watcherA, watcherB }) await watcher.ReachAsync(log.Count, Timeouts.Heal);
        foreach (var recorder in recorders) recorder.AssertGapless(log.Count);
        foreach (var host in hosts) await host.DisposeAsync();
    }

    /// <summary>
    /// Each site's host checks in, then changes the headcount <paramref name="count"/> - 1 times, all at once: a
    /// headcount needs the check-in, and a check-in the store was too busy for is resent while the others go on.
    /// </summary>
    public static async Task<CommandResult[]> CommandsAsync(ForumClient host, string site, int count)
    {
        var checkIn = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), site, "Trưởng đoàn", 10));
        var headcounts = await Task.WhenAll(Enumerable.Range(1, count - 1)
            .Select(i => host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), site, 10 + i))));
        return [checkIn, .. headcounts];
    }
}

