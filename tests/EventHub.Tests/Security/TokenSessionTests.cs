using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using EventHub.Tests.ScaleOut;
using Microsoft.AspNetCore.SignalR.Client;

namespace EventHub.Tests.Security;

/// <summary>
/// Logout, key rotation and refresh on real nodes: two on one real Redis where a logout or a rotation must reach the
/// other node, and one node on the embedded store where it must survive a restart.
/// </summary>
public sealed class TokenSessionTests
{
    const string ManagementToken = "operator-token-for-tests";

    static Dictionary<string, string?> WithManagement => new() { ["EventHub:Management:Token"] = ManagementToken };

    /// <summary>A raw SignalR connection, and the reason it was closed with (once it is).</summary>
    sealed class Watched : IAsyncDisposable
    {
        public required HubConnection Connection { get; init; }
        public TaskCompletionSource<Exception?> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static async Task<Watched> OpenAsync(Uri hubUrl, string token)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(hubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            var watched = new Watched { Connection = connection };
            connection.Closed += ex => { watched.Closed.TrySetResult(ex); return Task.CompletedTask; };
            await connection.StartAsync().WaitAsync(Timeouts.Call);
            return watched;
        }

        /// <summary>The structured code the hub closed the connection with.</summary>
        public async Task<string?> ClosedWithAsync() => ForumClient.ErrorIn(await Closed.Task.WaitAsync(Timeouts.Call))?.Code;

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    static async Task<HttpResponseMessage> PostAsync(HubApp node, string path, string? bearer, object? body = null)
    {
        using var http = node.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json.Options);
        return await http.SendAsync(request).WaitAsync(Timeouts.Call);
    }

    /// <summary>The structured error of a refused HTTP request: its status and code.</summary>
    static async Task<(HttpStatusCode Status, string? Code)> RefusalOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text.Length > 0 ? text : "{}");
        return (response.StatusCode, json.RootElement.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null);
    }

    static async Task<bool> OpensAsync(HubApp node, string token)
    {
        try
        {
            await using var watched = await Watched.OpenAsync(node.HubUrl, token);
            await watched.Connection.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call);
            return true;
        }
        catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
        {
            return false;
        }
    }

    [Fact]
    public async Task Logout_OnOneNode_RefusesTheSessionOnBoth_ClosesItsConnectionsOnBoth_AndLeavesOtherSessionsAlone()
    {
        await using var cluster = new RedisCluster();
        var a = cluster.StartNode();
        var b = cluster.StartNode();
        var login = await a.LoginHostAsync("HCM");
        var otherLogin = await b.LoginHostAsync("HCM"); // the same host on a second laptop: its own session
        await using var onA = await Watched.OpenAsync(a.HubUrl, login.Token);
        await using var onB = await Watched.OpenAsync(b.HubUrl, login.Token);
        await using var other = await Watched.OpenAsync(b.HubUrl, otherLogin.Token);
        // A token refreshed before the logout belongs to the same session, so it ends with it.
        var refreshed = await onA.Connection.InvokeAsync<LoginResult>(HubMethods.RefreshToken).WaitAsync(Timeouts.Call);

        using (var http = a.Http()) await HubLogin.LogoutAsync(http, a.BaseAddress, login.Token).WaitAsync(Timeouts.Call);

        Assert.Equal("auth.revoked", await onA.ClosedWithAsync());
        Assert.Equal("auth.revoked", await onB.ClosedWithAsync());
        foreach (var node in new[] { a, b })
            foreach (var token in new[] { login.Token, refreshed.Token })
            {
                Assert.Equal((HttpStatusCode.Unauthorized, "auth.revoked"), await RefusalOf(await PostAsync(node, "/api/token/refresh", token)));
                Assert.False(await OpensAsync(node, token));
            }
        // Logging out again with the ended token changes nothing and says why.
        Assert.Equal((HttpStatusCode.Unauthorized, "auth.revoked"), await RefusalOf(await PostAsync(b, "/api/logout", login.Token)));

        var whoAmI = await other.Connection.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call);
        Assert.Equal("HCM", whoAmI.Site);
        Assert.True(await OpensAsync(a, otherLogin.Token));

        // A node that starts after the logout reads it from Redis before it serves.
        var c = cluster.StartNode();
        Assert.False(await OpensAsync(c, login.Token));
        Assert.True(await OpensAsync(c, otherLogin.Token));
    }

    [Fact]
    public async Task Logout_OnTheEmbeddedStore_HoldsAfterARestart()
    {
        var data = TempFolder.Create("tokens");
        try
        {
            var settings = new Dictionary<string, string?> { ["EventHub:DataDirectory"] = data };
            string token;
            await using (var first = new HubApp(settings))
            {
                token = (await first.LoginDisplayAsync()).Token;
                using var logout = await PostAsync(first, "/api/logout", token);
                Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
                Assert.False(await OpensAsync(first, token));
            }
            await using var restarted = new HubApp(settings);
            Assert.False(await OpensAsync(restarted, token));
            Assert.Equal((HttpStatusCode.Unauthorized, "auth.revoked"), await RefusalOf(await PostAsync(restarted, "/api/token/refresh", token)));
            Assert.True(await OpensAsync(restarted, (await restarted.LoginDisplayAsync()).Token));
        }
        finally
        {
            TempFolder.TryDelete(data);
        }
    }

    [Fact]
    public async Task RotatingASitesHostKey_EndsItsTokensOnEveryNode_AndOnlyTheNewKeyLogsIn()
    {
        await using var cluster = new RedisCluster();
        var a = cluster.StartNode(extra: WithManagement);
        var b = cluster.StartNode(extra: WithManagement);
        var oldKey = a.Credentials.Sites["HCM"].HostKey;
        var host = await a.LoginHostAsync("HCM");
        var neighbour = await a.LoginHostAsync("HGG");
        await using var onA = await Watched.OpenAsync(a.HubUrl, host.Token);
        await using var onB = await Watched.OpenAsync(b.HubUrl, host.Token);
        await using var untouched = await Watched.OpenAsync(b.HubUrl, neighbour.Token);

        using var rotate = await PostAsync(b, "/admin/keys/rotate", ManagementToken, new { key = "siteHost", site = "HCM" });

        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        var rotated = (await rotate.Content.ReadFromJsonAsync<JsonElement>(Json.Options));
        var newKey = rotated.GetProperty("newKey").GetString()!;
        Assert.Equal("host:HCM", rotated.GetProperty("scope").GetString());
        Assert.Equal(1, rotated.GetProperty("generation").GetInt32());
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal("auth.key_rotated", await onA.ClosedWithAsync());
        Assert.Equal("auth.key_rotated", await onB.ClosedWithAsync());
        foreach (var node in new[] { a, b })
        {
            Assert.False(await OpensAsync(node, host.Token));
            var refused = await Assert.ThrowsAsync<HubRefusedException>(() =>
                node.LoginAsync(new LoginRequest("siteHost", oldKey, "HCM")));
            Assert.Equal("auth.bad_key", refused.Error.Code);
            Assert.Equal(newKey, node.Credentials.Sites["HCM"].HostKey);
        }
        var again = await a.LoginAsync(new LoginRequest("siteHost", newKey, "HCM"));
        Assert.True(await OpensAsync(b, again.Token));
        Assert.Equal("HGG", (await untouched.Connection.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call)).Site);

        // The moderator key too: a rotation ends the console's token, the new key logs in on the other node.
        var moderator = await a.LoginModeratorAsync();
        using var rotateModerator = await PostAsync(a, "/admin/keys/rotate", ManagementToken, new { key = "moderator" });
        var moderatorKey = (await rotateModerator.Content.ReadFromJsonAsync<JsonElement>(Json.Options)).GetProperty("newKey").GetString()!;
        await Eventually.That(async () => !await OpensAsync(b, moderator.Token));
        Assert.True(await OpensAsync(a, (await b.LoginAsync(new LoginRequest("moderator", moderatorKey))).Token));
    }

    [Fact]
    public async Task Refresh_BeforeTheTokenEnds_ReconnectsWithTheNewToken_AndTakesEveryEventOnce()
    {
        // Four-second tokens: the hub closes a connection when its token ends, so the client must refresh to stay.
        await using var app = new HubApp(new() { ["EventHub:Auth:TokenLifetime"] = "00:00:04" });
        await using var moderator = await app.ConnectAsync(await app.LoginModeratorAsync());
        await using var display = await app.ConnectAsync(await app.LoginDisplayAsync());
        var recorder = new EventRecorder(display);

        // Events all through two token lifetimes, so some arrive while the display swaps tokens and reconnects.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(9);
        var sent = 0;
        while (DateTime.UtcNow < until)
        {
            var result = await moderator.SendAsync(HubMethods.AddAgendaItem,
                new NewAgendaItemRequest(CommandId.New(), $"Mục {++sent}", 120)).WaitAsync(Timeouts.Call);
            Assert.True(result.Ok, result.Error?.ToString());
            await Task.Delay(150);
        }

        await display.ReachAsync(app.Engine.View.Head, Timeouts.Call);
        recorder.AssertGapless(app.Engine.View.Head);
        Assert.True(display.TokenRefreshes >= 2, $"{display.TokenRefreshes} refreshes");
        Assert.True(display.Resumes >= 2, $"{display.Resumes} resumes: the connection never moved to the new token");
        Assert.Equal(LinkState.Connected, display.State is LinkState.Resumed ? LinkState.Connected : display.State);
        Assert.Null(display.Refusal);
    }

    [Fact]
    public async Task BadInput_GetsAStructuredError_AndChangesNothing()
    {
        await using var app = new HubApp(WithManagement);
        var keysBefore = JsonSerializer.Serialize(app.Credentials);
        var moderator = await app.LoginModeratorAsync();

        foreach (var token in new string?[] { null, "not-a-token", moderator.Token[..^4] + "AAAA" })
        {
            Assert.Equal((HttpStatusCode.Unauthorized, "auth.bad_token"), await RefusalOf(await PostAsync(app, "/api/logout", token)));
            Assert.Equal((HttpStatusCode.Unauthorized, "auth.bad_token"), await RefusalOf(await PostAsync(app, "/api/token/refresh", token)));
        }
        Assert.Equal((HttpStatusCode.BadRequest, "auth.unknown_key"),
            await RefusalOf(await PostAsync(app, "/admin/keys/rotate", ManagementToken, new { key = "everything" })));
        Assert.Equal((HttpStatusCode.BadRequest, "input.required"),
            await RefusalOf(await PostAsync(app, "/admin/keys/rotate", ManagementToken, new { key = "siteHost" })));
        Assert.Equal((HttpStatusCode.NotFound, "site.unknown"),
            await RefusalOf(await PostAsync(app, "/admin/keys/rotate", ManagementToken, new { key = "siteHost", site = "XYZ" })));
        Assert.Equal((HttpStatusCode.BadRequest, "input.required"),
            await RefusalOf(await PostAsync(app, "/admin/keys/rotate", ManagementToken, new { })));
        // A forum token is no operator, even the moderator's.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(app, "/admin/keys/rotate", moderator.Token, new { key = "moderator" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(app, "/admin/keys/rotate", null, new { key = "moderator" })).StatusCode);

        Assert.Equal(keysBefore, JsonSerializer.Serialize(app.Credentials));
        Assert.True(await OpensAsync(app, moderator.Token));
    }
}
