using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventHub.Domain.Protocol;
using EventHub.Tests.Infrastructure;
using EventHub.Tests.ScaleOut;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventHub.Tests.Security;

/// <summary>
/// The limits of /api/token, each shown with a small configured limit. Clients are told apart by X-Forwarded-For,
/// which the hub believes from loopback (the balancer's place) only.
/// </summary>
public sealed class TokenLimitTests
{
    static async Task<HttpResponseMessage> PostAsync(HubApp app, object body, string address)
    {
        using var http = app.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/token") { Content = JsonContent.Create(body, options: Json.Options) };
        request.Headers.Add("X-Forwarded-For", address);
        return await http.SendAsync(request).WaitAsync(Timeouts.Call);
    }

    static async Task<JsonElement> ErrorOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");

    static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("rate.limited", error.GetProperty("code").GetString());
        Assert.True(error.GetProperty("retryAfterMs").GetInt64() > 0);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task RequestsFromOneAddress_OverTheLimit_AreRateLimited_OtherAddressesAreNot()
    {
        await using var app = new HubApp(new() { ["EventHub:RateLimits:TokenPerAddressPerMinute"] = "4" });
        var moderator = new { role = "moderator", key = app.Credentials.ModeratorKey };

        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(app, moderator, "203.0.113.7")).StatusCode);
        await AssertRateLimitedAsync(await PostAsync(app, moderator, "203.0.113.7"));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(app, moderator, "203.0.113.8")).StatusCode);
    }

    [Fact]
    public async Task LoginsNamingOneSite_OverTheLimit_AreRateLimited_OtherSitesAreNot()
    {
        await using var app = new HubApp(new() { ["EventHub:RateLimits:TokenPerSitePerMinute"] = "3" });
        object Host(string site) => new { role = "siteHost", key = app.Credentials.Sites[site].HostKey, site };

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(app, Host("HCM"), $"192.0.2.{i + 1}")).StatusCode);
        await AssertRateLimitedAsync(await PostAsync(app, Host("HCM"), "192.0.2.9"));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(app, Host("DNG"), "192.0.2.9")).StatusCode);
    }

    [Fact]
    public async Task NewDelegatesPerJoinCode_OverTheBurst_AreRateLimitedAndAddNoEvent_ButAKnownNameComesBack()
    {
        await using var app = new HubApp(new()
        {
            ["EventHub:RateLimits:JoinBurst"] = "3",
            ["EventHub:RateLimits:JoinsPerMinute"] = "1",
        });
        object Join(string name) => new { role = "delegate", key = app.Credentials.Sites["HCM"].JoinCode, site = "HCM", name };

        foreach (var name in new[] { "Lê Văn An", "Lê Văn Bình", "Lê Văn Cường" })
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(app, Join(name), "198.51.100.1")).StatusCode);
        var head = app.Engine.View.Head;

        await AssertRateLimitedAsync(await PostAsync(app, Join("Lê Văn Dũng"), "198.51.100.2"));
        Assert.Equal(head, app.Engine.View.Head);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(app, Join("Lê Văn An"), "198.51.100.3")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(app, new
        {
            role = "delegate", key = app.Credentials.Sites["DNG"].JoinCode, site = "DNG", name = "Lê Văn Dũng",
        }, "198.51.100.2")).StatusCode);
    }

    [Fact]
    public async Task WrongKeys_LockTheAddressOut_OnEveryNode_WithAnAuditLine_NeverTheKey()
    {
        await using var cluster = new RedisCluster();
        var logs = new CapturedLogs();
        var limits = new Dictionary<string, string?> { ["EventHub:RateLimits:FailuresBeforeLockout"] = "3" };
        var a = cluster.StartNode(extra: limits, services: s => s.AddSingleton<ILoggerProvider>(logs));
        var b = cluster.StartNode(extra: limits);
        const string guess = "WRONGCODE0001";
        var wrong = new { role = "delegate", key = guess, site = "HCM", name = "Kẻ Đoán Mò" };

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(a, wrong, "198.51.100.66")).StatusCode);
        await AssertRateLimitedAsync(await PostAsync(a, wrong, "198.51.100.66"));

        // Locked out on the other node too, even with the right key; another address is not.
        var right = new { role = "moderator", key = b.Credentials.ModeratorKey };
        await AssertRateLimitedAsync(await PostAsync(b, right, "198.51.100.66"));
        await AssertRateLimitedAsync(await PostAsync(a, right, "198.51.100.66"));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(b, right, "198.51.100.67")).StatusCode);

        var lockout = Assert.Single(logs.WithId(6003));
        Assert.Equal("198.51.100.66", lockout.Fields["Key"]);
        Assert.Equal(3, logs.WithId(6002).Count(e => (string?)e.Fields["Code"] == "auth.bad_key"));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(guess, StringComparison.OrdinalIgnoreCase));
    }
}
