using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.ScaleOut;

/// <summary>POST /api/token while the real Redis is down: a delegate's join cannot be written, and says so.</summary>
public sealed class TokenOutageTests : IAsyncLifetime
{
    readonly RedisCluster _cluster = new();
    HubApp _node = null!;

    public Task InitializeAsync()
    {
        _node = _cluster.StartNode();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task DelegateLogin_WhileRedisIsDown_Answers503WithTheStoreErrorAndRetryAfter_AndWorksOnceRedisIsBack()
    {
        var join = new
        {
            role = "delegate", key = _node.Credentials.Sites["HCM"].JoinCode, site = "HCM", name = "Ngô Thị Mai",
        };
        _cluster.Redis.Kill();

        using (var refused = await _node.PostTokenRawAsync(join))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
            var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
            Assert.Equal("store.unavailable", error.GetProperty("code").GetString());
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("messageEn").GetString()));
        }
        // Logins that write nothing do not need the store.
        using (var moderator = await _node.PostTokenRawAsync(new { role = "moderator", key = _node.Credentials.ModeratorKey }))
            Assert.Equal(HttpStatusCode.OK, moderator.StatusCode);

        _cluster.Redis.Start();
        await Eventually.That(async () =>
        {
            using var response = await _node.PostTokenRawAsync(join);
            return response.StatusCode == HttpStatusCode.OK;
        });
    }
}
