using System.Diagnostics;
using System.Net;
using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.Storage;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EventHub.Tests.ScaleOut;

/// <summary>Redis dies (SIGKILL) under two nodes and comes back on the same append-only file.</summary>
public sealed class RedisOutageTests(ITestOutputHelper output) : TwoNodeTest
{
    [Fact]
    public async Task RedisDown_CommandsFailFastAndNodesTurnUnready_RedisBack_NothingAcknowledgedLost_AndEveryoneCatchesUp()
    {
        await using var host = await A.ConnectAsync(await A.LoginHostAsync("HGG"));
        await using var watcher = await B.ConnectAsync(await B.LoginModeratorAsync());
        var acknowledged = await TwoNodesTests.CommandsAsync(host, "HGG", 10).WaitAsync(Timeouts.Call);
        Assert.All(acknowledged, r => Assert.True(r.Ok, r.Error?.Code));
        var raw = await RawConnectionAsync(B, await B.LoginHostAsync("CBG"));

        Cluster.Redis.Kill();

        var watch = Stopwatch.StartNew();
        var refused = await raw.InvokeAsync<CommandResult>(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lead", 20))
            .WaitAsync(Timeouts.Call);
        watch.Stop();
        output.WriteLine($"store.unavailable after {watch.ElapsedMilliseconds} ms (CommandTimeout 2 s)");
        Assert.False(refused.Ok);
        // Unavailable when the node already knows Redis is gone; outcome unknown when the write left before it did
        // (Redis may or may not have run it). Either is a fail-fast, structured answer.
        Assert.Contains(refused.Error?.Code, new[] { "store.unavailable", "store.outcome_unknown" });
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"store.unavailable took {watch.Elapsed}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadyzAsync(A));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadyzAsync(B));

        // The site client keeps resending the same command id until a node can store it.
        var pending = host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), null, 99));
        await Task.Delay(500);
        Assert.False(pending.IsCompleted);

        Cluster.Redis.Start();

        var restarted = System.Diagnostics.Stopwatch.StartNew();
        var stored = await pending.WaitAsync(Timeouts.Heal);
        output.WriteLine($"the pending command was stored {restarted.ElapsedMilliseconds} ms after Redis answered again");
        Assert.True(stored.Ok, stored.Error?.Code);
        await Eventually.That(async () => await ReadyzAsync(A) == HttpStatusCode.OK && await ReadyzAsync(B) == HttpStatusCode.OK);

        var log = await RedisCluster.ReadLogAsync(B);
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(e => e.Seq));
        foreach (var ack in acknowledged)
            Assert.Equal(ack.CommandId, log[(int)ack.LastSeq - 1].CommandId);
        var recovered = await raw.InvokeAsync<CommandResult>(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lead", 20))
            .WaitAsync(Timeouts.Call);
        Assert.True(recovered.Ok, recovered.Error?.Code);

        await host.ReachAsync(recovered.LastSeq, Timeouts.Heal);
        await watcher.ReachAsync(recovered.LastSeq, Timeouts.Heal);
        await raw.DisposeAsync();
    }

    /// <summary>A plain SignalR connection: the site client would retry store.unavailable, this one shows it.</summary>
    internal static async Task<HubConnection> RawConnectionAsync(HubApp node, SiteClient.LoginResult login)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(node.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(login.Token))
            .Build();
        await connection.StartAsync().WaitAsync(Timeouts.Call);
        // The hub answers a call only after OnConnectedAsync (which joins the groups through Redis) is done.
        await connection.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call);
        return connection;
    }

    internal static async Task<HttpStatusCode> ReadyzAsync(HubApp node)
    {
        using var http = node.Http();
        using var response = await http.GetAsync("/readyz").WaitAsync(Timeouts.Call);
        return response.StatusCode;
    }
}
