using System.Diagnostics;
using EventHub.Presence;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EventHub.Tests.ScaleOut;

/// <summary>Who is connected, whichever node holds them; a node killed hard drops out within a stated bound.</summary>
public sealed class PresenceTests(ITestOutputHelper output) : IAsyncLifetime
{
    static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(300);
    static readonly TimeSpan OtherNodesRead = TimeSpan.FromMilliseconds(300);
    // Three refreshes of life, plus one until the next refresh, plus how old the reading node's last read may be.
    static readonly TimeSpan OfflineBound = Refresh * 4 + OtherNodesRead;
    readonly RedisCluster _cluster = new();
    HubApp _a = null!;
    HubApp _b = null!;
    HubProcess _victim = null!;

    static Dictionary<string, string?> Node(string name) => new()
    {
        ["EventHub:NodeName"] = name,
        ["EventHub:Redis:PresenceRefresh"] = Refresh.ToString(),
        ["EventHub:Redis:OtherNodesRead"] = OtherNodesRead.ToString(),
    };

    public async Task InitializeAsync()
    {
        _a = _cluster.StartNode(extra: Node("node-a"));
        _b = _cluster.StartNode(extra: Node("node-b"));
        _victim = await _cluster.StartProcessNodeAsync(Node("node-v"));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ConnectionsOnEveryNodeAreCounted_ANodeKilledHardDropsOutWithinTheBound_AndItsHostReappearsElsewhere()
    {
        var presenceSeenFromB = _b.Services.GetRequiredService<IPresenceStore>();
        Assert.True(presenceSeenFromB.CoversAllNodes);
        await using var moderator = await _a.ConnectAsync(await _a.LoginModeratorAsync());
        await using var display = await _b.ConnectAsync(await _b.LoginDisplayAsync());
        await using var host = await RedisCluster.ConnectAsync(_victim.HubUrl, await _a.LoginHostAsync("HGG"), _a.HubUrl);
        await using var delegateOnVictim = await RedisCluster.ConnectAsync(_victim.HubUrl, await _a.LoginDelegateAsync("CBG", "Nguyễn Văn An"));

        await WaitForAsync(presenceSeenFromB, s => s.Moderators == 1 && s.Displays == 1 && s.Site("HGG").HostConnections == 1
                                                   && s.Site("CBG").DelegatesConnected == 1, Timeouts.Call);
        Assert.Equal(1, (await presenceSeenFromB.HostLinesAsync())["HGG"].HostConnections); // what B's watchdog reads

        var watch = Stopwatch.StartNew();
        _victim.KillHard();
        await WaitForAsync(presenceSeenFromB, s => s.Site("CBG").DelegatesConnected == 0, Timeouts.Heal);
        var offlineAfter = watch.Elapsed;
        output.WriteLine($"node-v's delegate dropped out {offlineAfter.TotalMilliseconds:F0} ms after SIGKILL (bound {OfflineBound.TotalMilliseconds} ms + polling)");
        Assert.True(offlineAfter <= OfflineBound + TimeSpan.FromSeconds(2), $"node-v's connections were shown for {offlineAfter}");

        // The host had another node to go to: one host connection again (on node-a), not the dead one as well.
        var after = await WaitForAsync(presenceSeenFromB, s => s.Site("HGG").HostConnections == 1, Timeouts.Heal);
        Assert.NotNull(after.Site("HGG").HostLastHeardAt);
        Assert.Equal(1, after.Moderators);
        // The dead node's hosts hash expired with (or before) its connections: the watchdog counts the one on node-a.
        Assert.Equal(1, (await presenceSeenFromB.HostLinesAsync())["HGG"].HostConnections);
    }

    static async Task<PresenceSnapshot> WaitForAsync(IPresenceStore store, Func<PresenceSnapshot, bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var snapshot = await store.SnapshotAsync().AsTask().WaitAsync(Timeouts.Call);
            if (condition(snapshot)) return snapshot;
            Assert.True(DateTime.UtcNow < deadline, "presence did not get there; last: " + string.Join(", ",
                snapshot.Sites.Select(s => $"{s.Key}: {s.Value.HostConnections} host, {s.Value.DelegatesConnected} delegates")) +
                $"; {snapshot.Displays} displays, {snapshot.Moderators} moderators");
            await Task.Delay(50);
        }
    }
}
