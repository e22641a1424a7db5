using System.Net.Http.Json;
using EventHub.Auth;
using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.SiteClient;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EventHub.Tests.Infrastructure;

/// <summary>
/// One real hub on Kestrel (loopback, a free port) with its own data folder, and helpers to log in and connect
/// the real SignalR .NET client through the site-client library. Extra settings override appsettings.
/// </summary>
public sealed class HubApp : WebApplicationFactory<Program>
{
    readonly Dictionary<string, string?> _settings;
    readonly Action<IServiceCollection>? _services;

    /// <param name="services">Test-only replacements, applied after the app's own registrations.</param>
    public HubApp(Dictionary<string, string?>? settings = null, string? dataDirectory = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        DataDirectory = dataDirectory ?? TempFolder.Create("hub");
        _settings = new Dictionary<string, string?>
        {
            ["EventHub:DataDirectory"] = DataDirectory,
            ["EventHub:PositionInterval"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? []) _settings[key] = value;
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        WaitUntilServing();
    }

    /// <summary>
    /// A node whose store did not answer at once (a Redis just started) loads the forum in the background: tests start
    /// once it serves, as a balancer would wait for /readyz.
    /// </summary>
    void WaitUntilServing()
    {
        var deadline = DateTime.UtcNow + Timeouts.Heal;
        while (!Engine.IsServing)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The hub at {BaseAddress} did not load the forum in {Timeouts.Heal}.");
            Thread.Sleep(50);
        }
    }

    public string DataDirectory { get; }
    public Uri BaseAddress { get; }
    public Uri HubUrl => new(BaseAddress, "/hubs/forum");
    public Credentials Credentials => Services.GetRequiredService<Credentials>();
    public ForumEngine Engine => Services.GetRequiredService<ForumEngine>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    public HttpClient Http() => new() { BaseAddress = BaseAddress };

    public async Task<LoginResult> LoginAsync(LoginRequest request)
    {
        using var http = Http();
        return await HubLogin.LoginAsync(http, BaseAddress, request).WaitAsync(Timeouts.Call);
    }

    public Task<LoginResult> LoginModeratorAsync() => LoginAsync(new LoginRequest("moderator", Credentials.ModeratorKey));
    public Task<LoginResult> LoginReviewerAsync() => LoginAsync(new LoginRequest("reviewer", Credentials.ReviewerKey!));
    public Task<LoginResult> LoginDisplayAsync() => LoginAsync(new LoginRequest("display", Credentials.DisplayKey));
    public Task<LoginResult> LoginHostAsync(string site) =>
        LoginAsync(new LoginRequest("siteHost", Credentials.Sites[site].HostKey, site));
    public Task<LoginResult> LoginDelegateAsync(string site, string name, bool awardee = false) =>
        LoginAsync(new LoginRequest("delegate", Credentials.Sites[site].JoinCode, site, name, "Sở Nội vụ", awardee));

    /// <summary>
    /// A started client that has taken in the log up to its current head. <paramref name="beforeStart"/> runs before
    /// it connects (handlers that must hear its very first messages); <paramref name="network"/>, when given, opens its
    /// WebSockets so that the test can cut them.
    /// </summary>
    public async Task<ForumClient> ConnectAsync(LoginResult login, bool json = false, IReadOnlyList<Uri>? otherHubUrls = null,
        Action<ForumClient>? beforeStart = null, LoadTests.NetworkCut? network = null)
    {
        var client = new ForumClient(new ForumClientOptions
        {
            HubUrl = HubUrl,
            OtherHubUrls = otherHubUrls ?? [],
            AccessToken = () => Task.FromResult<string?>(login.Token),
            UseJson = json,
            ReconnectDelay = TimeSpan.FromMilliseconds(200),
            ConfigureHttp = network is null ? null : network.Configure,
        });
        beforeStart?.Invoke(client);
        await client.StartAsync().WaitAsync(Timeouts.Call);
        var head = Engine.View.Head;
        await client.WaitForSeqAsync(head).WaitAsync(Timeouts.Call);
        return client;
    }

    /// <summary>A GET with the bearer <paramref name="token"/> (none when null), as an export's or report's caller makes.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var http = Http();
        if (token is not null) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await http.GetAsync(path).WaitAsync(Timeouts.Call);
    }

    public async Task<HttpResponseMessage> PostTokenRawAsync(object body)
    {
        using var http = Http();
        return await http.PostAsJsonAsync("/api/token", body, Json.Options).WaitAsync(Timeouts.Call);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TempFolder.TryDelete(DataDirectory);
    }
}
