using System.Diagnostics;
using EventHub.Presence;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EventHub.Tests.ScaleOut;

/// <summary>Who is connected, whichever node holds them; a node killed hard drops out within a stated bound.</summary>
public sealed class PresenceTests(ITestOutputHelper output) : IAsyncLifetime
{
    static readonly PresenceSettings Fast = new() { Interval = TimeSpan.FromMilliseconds(300) };
    readonly RedisCluster _cluster = new();
    HubApp _a = null!;
    HubApp _b = null!;
    HubProcess _victim = null!;

    static Dictionary<string, string?> Node(string name) => new()
    {
        ["EventHub:NodeName"] = name,
        ["EventHub:Presence:Interval"] = Fast.Interval.ToString(),
    };

    public async Task InitializeAsync()
    {
        _a = _cluster.StartNode(extra: Node("node-a"));
        _b = _cluster.StartNode(extra: Node("node-b"));
        _victim = await _cluster.StartProcessNodeAsync(Node("node-v"));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ConnectionsOnEveryNodeAreShown_AndANodeKilledHardDropsOutWithinTheBound_ThenItsClientsReappearElsewhere()
    {
        await using var moderator = await _a.ConnectAsync(await _a.LoginModeratorAsync());
        await using var display = await _b.ConnectAsync(await _b.LoginDisplayAsync());
        await using var host = await RedisCluster.ConnectAsync(_victim.HubUrl, await _a.LoginHostAsync("HGG"), _a.HubUrl);
        await using var delegateOnVictim = await RedisCluster.ConnectAsync(_victim.HubUrl, await _a.LoginDelegateAsync("CBG", "Nguyễn Văn An"));

        var before = await WaitForAsync(moderator, v =>
            v.Connections.Any(c => c is { Role: "siteHost", Site: "HGG", Node: "node-v" })
            && v.Connections.Any(c => c is { Role: "delegate", Site: "CBG", Node: "node-v" })
            && v.Connections.Any(c => c is { Role: "display", Node: "node-b" })
            && v.Connections.Any(c => c is { Role: "moderator", Node: "node-a" }), Timeouts.Call);
        Assert.Equal(["node-a", "node-b", "node-v"], before.Nodes);
        Assert.Contains(new SitePresence("CBG", false, 1), before.Sites);

        var watch = Stopwatch.StartNew();
        _victim.KillHard();
        var after = await WaitForAsync(moderator, v => !v.Nodes.Contains("node-v") && v.Connections.All(c => c.Node != "node-v"), Timeouts.Heal);
        var offlineAfter = watch.Elapsed;
        output.WriteLine($"node-v dropped out of presence {offlineAfter.TotalMilliseconds:F0} ms after SIGKILL (bound {Fast.OfflineBound})");
        Assert.True(offlineAfter <= Fast.OfflineBound + TimeSpan.FromSeconds(2), $"node-v was shown for {offlineAfter}");
        Assert.DoesNotContain(after.Sites, s => s.Site == "CBG" && s.Delegates > 0);

        // The host had another node to go to: it is back, on node-a.
        await WaitForAsync(moderator, v => v.Connections.Any(c => c is { Role: "siteHost", Site: "HGG", Node: "node-a" }), Timeouts.Heal);
    }

    [Fact]
    public async Task OnlyTheModerator_MaySeePresence()
    {
        await using var display = await _b.ConnectAsync(await _b.LoginDisplayAsync());
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() =>
            display.InvokeAsync<PresenceView>("Presence").WaitAsync(Timeouts.Call));
    }

    static async Task<PresenceView> WaitForAsync(ForumClient moderator, Func<PresenceView, bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var view = await moderator.InvokeAsync<PresenceView>("Presence").WaitAsync(Timeouts.Call);
            if (condition(view)) return view;
            Assert.True(DateTime.UtcNow < deadline, $"presence did not get there; last: {string.Join(", ", view.Connections.Select(c => $"{c.Role}/{c.Site}@{c.Node}"))}");
            await Task.Delay(100);
        }
    }
}
