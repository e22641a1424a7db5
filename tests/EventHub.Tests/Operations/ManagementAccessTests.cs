using System.Net;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Operations;

/// <summary>/metrics answers only the operator: on the management port or with the management token; health stays open.</summary>
public sealed class ManagementAccessTests
{
    [Fact]
    public async Task ByDefault_MetricsAreClosedOnThePublicPort_AndHealthIsOpen()
    {
        await using var app = new HubApp();
        using var http = app.Http();

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, "/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/readyz")).StatusCode);
    }

    [Fact]
    public async Task WithAToken_MetricsAnswerOnlyThatToken()
    {
        await using var app = new HubApp(new() { ["EventHub:Management:Token"] = "the-scrape-token" });
        using var http = app.Http();

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, "/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, "/metrics", "the-scrape-tokem")).StatusCode);
        // A valid forum token is a caller, not the operator.
        var login = await app.LoginModeratorAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(http, "/metrics", login.Token)).StatusCode);

        using var allowed = await GetAsync(http, "/metrics", "the-scrape-token");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("eventhub_", await allowed.Content.ReadAsStringAsync());
    }

    /// <summary>The real process, started the way a deployment starts it (--urls and environment variables).</summary>
    [Fact]
    public async Task WithAManagementPort_MetricsAnswerThere_AndNotOnThePublicPortEvenWithItsHostHeader()
    {
        var port = HubProcess.FreePort();
        var data = TempFolder.Create("management");
        await using var node = HubProcess.Start(new Dictionary<string, string>
        {
            ["EventHub__DataDirectory"] = data,
            ["EventHub__Management__Url"] = $"http://127.0.0.1:{port}",
        });
        await node.WaitReadyAsync();
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var http = new HttpClient { BaseAddress = node.BaseAddress };

        using var scraped = await GetAsync(management, "/metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("eventhub_", await scraped.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, "/metrics")).StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        forged.Headers.Host = $"127.0.0.1:{port}";
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(forged).WaitAsync(Timeouts.Call)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/readyz")).StatusCode);
        TempFolder.TryDelete(data);
    }

    static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        return await http.SendAsync(request).WaitAsync(Timeouts.Call);
    }

}
