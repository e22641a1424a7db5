using System.Net;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.ScaleOut;

/// <summary>
/// A node started while Redis is down waits for it instead of exiting: alive (/healthz) but not ready (/readyz 503),
/// one clear line in its log, and ready and serving commands once Redis answers.
/// </summary>
public sealed class RedisAtStartupTests
{
    [Fact]
    public async Task ANodeStartedWhileRedisIsDown_StaysAliveAndNotReady_ThenServesOnceRedisIsUp()
    {
        await using var cluster = new RedisCluster();
        cluster.Redis.Kill();

        var node = await cluster.StartProcessNodeAsync(waitReady: false);
        using var http = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.That(async () => node.HasExited || await StatusAsync(http, "/healthz") == HttpStatusCode.OK);
        // Several seconds of waiting, through a few of its retries: alive, never ready.
        for (var i = 0; i < 6; i++)
        {
            Assert.False(node.HasExited, node.Output);
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/healthz"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(http, "/readyz"));
            await Task.Delay(500);
        }
        Assert.Contains("The store does not answer", node.Output);

        cluster.Redis.Start();
        await node.WaitReadyAsync(TimeSpan.FromSeconds(30));

        // The node serves: a site host connected to it checks in, and the event is in the shared log.
        var peer = cluster.StartNode();
        await using var host = await RedisCluster.ConnectAsync(node.HubUrl, await peer.LoginHostAsync("HCM"));
        var checkIn = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Văn An", 25))
            .WaitAsync(Timeouts.Call);
        Assert.True(checkIn.Ok, checkIn.Error?.Code);
        Assert.Contains(await RedisCluster.ReadLogAsync(peer), e => e.Seq == checkIn.LastSeq && e.Type == "site.checked_in");
    }

    static async Task<HttpStatusCode?> StatusAsync(HttpClient http, string path)
    {
        try
        {
            return (await http.GetAsync(path)).StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null; // not listening yet
        }
    }
}
