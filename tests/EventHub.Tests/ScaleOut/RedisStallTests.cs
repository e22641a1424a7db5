using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using EventHub.Domain.Protocol;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace EventHub.Tests.ScaleOut;

/// <summary>
/// Redis stops answering (SIGSTOP) for longer than every timeout while two nodes take commands and presence traffic,
/// then carries on where it stopped (SIGCONT), with whatever was sent meanwhile still waiting to be read.
/// </summary>
public sealed class RedisStallTests(ITestOutputHelper output) : IAsyncLifetime
{
    static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2); // the cluster's setting
    // Past CommandTimeout, past the presence entries' life (3 refreshes) and past the client library's dead-connection
    // check (no reply for 4 × the timeout), so the nodes' connections to Redis are dropped and made again meanwhile.
    static readonly TimeSpan Stall = TimeSpan.FromSeconds(9);
    // What an answer may take beyond CommandTimeout: the answer's way back on a busy machine, not another store wait.
    static readonly TimeSpan Slack = TimeSpan.FromSeconds(2.5);
    static readonly string[] Retryable = ["store.unavailable", "store.busy", "store.outcome_unknown"];

    static readonly Dictionary<string, string?> Busy = new()
    {
        ["EventHub:Redis:PresenceRefresh"] = "00:00:01",
        ["EventHub:Presence:PingInterval"] = "00:00:00.300",
        ["EventHub:Presence:BoardInterval"] = "00:00:00.200",
        ["EventHub:Presence:WatchInterval"] = "00:00:00.500",
        // The hosts here send as fast as the answers come, far past any person's pace: the rate limits are not
        // what this test is about.
        ["EventHub:RateLimits:ConnectionBurst"] = "100000",
        ["EventHub:RateLimits:ConnectionPerSecond"] = "100000",
        ["EventHub:RateLimits:CallerBurst"] = "100000",
        ["EventHub:RateLimits:CallerPerSecond"] = "100000",
    };

    readonly RedisCluster _cluster = new();
    HubApp _a = null!;
    HubApp _b = null!;

    public Task InitializeAsync()
    {
        _a = _cluster.StartNode(extra: Busy);
        _b = _cluster.StartNode(extra: Busy);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    sealed record Sent(string CommandId, string Site, int Headcount, CommandResult? Answer, TimeSpan Took);

    [Fact]
    public async Task RedisStalledPastEveryTimeout_NodesStayUp_EveryCommandGetsABoundedRetryableAnswer_AndEachAcknowledgedCommandIsLoggedOnce()
    {
        // Presence traffic: a moderator (the board) and a pinged host on each node.
        await using var moderatorA = await _a.ConnectAsync(await _a.LoginModeratorAsync());
        await using var moderatorB = await _b.ConnectAsync(await _b.LoginModeratorAsync());
        await using var pingedA = await _a.ConnectAsync(await _a.LoginHostAsync("LSN"));
        await using var pingedB = await _b.ConnectAsync(await _b.LoginHostAsync("TNN"));
        // Commands: four site hosts on each node, each sending headcounts one after another, as fast as answered.
        var sites = new[] { "HGG", "CBG", "BKN", "TQG", "LCI", "DBN", "LCU", "SLA" };
        var hosts = new List<(string Site, HubConnection Connection)>();
        for (var i = 0; i < sites.Length; i++)
        {
            var node = i % 2 == 0 ? _a : _b;
            var connection = await RedisOutageTests.RawConnectionAsync(node, await node.LoginHostAsync(sites[i]));
            var checkIn = await connection.InvokeAsync<CommandResult>(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Trưởng đoàn", 10))
                .WaitAsync(Timeouts.Call);
            Assert.True(checkIn.Ok, checkIn.Error?.Code);
            hosts.Add((sites[i], connection));
        }

        var sent = new ConcurrentQueue<Sent>();
        using var stop = new CancellationTokenSource();
        var traffic = hosts.Select(h => SendUntilAsync(h.Site, h.Connection, sent, stop.Token)).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        _cluster.Redis.Pause();
        var stalledAt = sent.Count;
        await Task.Delay(Stall);
        _cluster.Redis.Resume();
        output.WriteLine($"{sent.Count - stalledAt} commands answered during the {Stall.TotalSeconds} s stall");
        await Eventually.That(async () => await RedisOutageTests.ReadyzAsync(_a) == HttpStatusCode.OK
                                          && await RedisOutageTests.ReadyzAsync(_b) == HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(traffic).WaitAsync(Timeouts.Call);

        // Both nodes are still up and serving.
        foreach (var node in new[] { _a, _b })
        {
            Assert.False(node.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested,
                "a node began to stop");
            using var http = node.Http();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz").WaitAsync(Timeouts.Call)).StatusCode);
        }

        // Every command was answered within CommandTimeout (and the way back), with success or a code worth a resend.
        var all = sent.ToList();
        var slowest = all.MaxBy(s => s.Took)!;
        output.WriteLine($"{all.Count} commands; {all.Count(s => s.Answer?.Ok != true)} not acknowledged; slowest answer " +
                         $"{slowest.Took.TotalMilliseconds:0} ms ({slowest.Answer?.Error?.Code ?? (slowest.Answer is null ? "none" : "ok")})");
        Assert.All(all, s => Assert.True(s.Answer is not null, $"{s.CommandId}: no answer within {s.Took}"));
        Assert.All(all, s => Assert.True(s.Took <= CommandTimeout + Slack, $"{s.CommandId}: answered after {s.Took}"));
        Assert.All(all, s => Assert.True(s.Answer!.Ok || Retryable.Contains(s.Answer.Error?.Code),
            $"{s.CommandId}: {s.Answer!.Error?.Code}"));
        Assert.Contains(all, s => !s.Answer!.Ok); // the stall was felt

        // Resent with the same ids, the commands not acknowledged are stored once, or found stored already.
        var byCommand = all.ToDictionary(s => s.CommandId);
        foreach (var missing in all.Where(s => !s.Answer!.Ok))
        {
            var connection = hosts.Single(h => h.Site == missing.Site).Connection;
            byCommand[missing.CommandId] = missing with { Answer = await ResendUntilStoredAsync(connection, missing) };
        }

        var log = await RedisCluster.ReadLogAsync(_a);
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(e => e.Seq));
        foreach (var (commandId, command) in byCommand)
        {
            Assert.Single(log, e => e.CommandId == commandId);
            Assert.Equal(commandId, log[(int)command.Answer!.LastSeq - 1].CommandId);
        }
        foreach (var moderator in new[] { moderatorA, moderatorB })
            await moderator.ReachAsync(log.Count, Timeouts.Heal);
        foreach (var (_, connection) in hosts) await connection.DisposeAsync();
    }

    /// <summary>One headcount after another, each a new value (so each is one event), until stopped.</summary>
    static async Task SendUntilAsync(string site, HubConnection connection, ConcurrentQueue<Sent> sent, CancellationToken stop)
    {
        for (var headcount = 11; !stop.IsCancellationRequested; headcount++)
        {
            var commandId = CommandId.New();
            var watch = Stopwatch.StartNew();
            CommandResult? answer = null;
            try
            {
                answer = await connection.InvokeAsync<CommandResult>(HubMethods.UpdateHeadcount, new HeadcountRequest(commandId, null, headcount))
                    .WaitAsync(Timeouts.Call);
            }
            catch (TimeoutException)
            {
                // recorded as unanswered
            }
            sent.Enqueue(new Sent(commandId, site, headcount, answer, watch.Elapsed));
            if (answer is null) return;
        }
    }

    static async Task<CommandResult> ResendUntilStoredAsync(HubConnection connection, Sent command)
    {
        var deadline = DateTime.UtcNow + Timeouts.Heal;
        while (true)
        {
            var answer = await connection.InvokeAsync<CommandResult>(HubMethods.UpdateHeadcount,
                new HeadcountRequest(command.CommandId, null, command.Headcount)).WaitAsync(Timeouts.Call);
            if (answer.Ok) return answer;
            Assert.True(Retryable.Contains(answer.Error?.Code) && DateTime.UtcNow < deadline,
                $"{command.CommandId} resent: {answer.Error?.Code}");
            await Task.Delay(200);
        }
    }
}
