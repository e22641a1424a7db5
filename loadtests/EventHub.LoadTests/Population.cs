using System.Diagnostics;
using System.Text.Json;
using EventHub.SiteClient;
using EventHub.Domain.Protocol;

namespace EventHub.LoadTests;

/// <summary>Everyone at the forum: logs them in (delegates join), connects them, and tears them down.</summary>
sealed class Population(RunSettings settings, Recorders recorders) : IAsyncDisposable
{
    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    readonly Uri _hub = new(settings.Hub);

    public Probe Moderator { get; private set; } = null!;
    public List<(string Site, Probe Probe)> Hosts { get; } = [];
    public List<Probe> Delegates { get; } = [];
    public List<Probe> Displays { get; } = [];
    public IEnumerable<Probe> All => new[] { Moderator }.Concat(Hosts.Select(h => h.Probe)).Concat(Delegates).Concat(Displays);
    public IReadOnlyList<string> Sites { get; private set; } = [];
    public double LoginSeconds { get; private set; }
    public double ConnectSeconds { get; private set; }

    public async Task ConnectAsync(int delegatesPerSite, CancellationToken cancellationToken)
    {
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(settings.Credentials, cancellationToken));
        var root = credentials.RootElement;
        var sites = root.GetProperty("sites").EnumerateObject().ToList();
        Sites = sites.Select(s => s.Name).ToList();

        var logins = new List<(string Role, string? Site, LoginRequest Request)>
        {
            ("moderator", null, new LoginRequest("moderator", root.GetProperty("moderatorKey").GetString()!)),
            ("display", null, new LoginRequest("display", root.GetProperty("displayKey").GetString()!, Name: "Màn hình hội trường")),
            ("display", null, new LoginRequest("display", root.GetProperty("displayKey").GetString()!, Name: "Màn hình phụ")),
        };
        foreach (var site in sites)
            logins.Add(("siteHost", site.Name, new LoginRequest("siteHost", site.Value.GetProperty("hostKey").GetString()!, site.Name)));
        foreach (var site in sites)
            for (var i = 1; i <= delegatesPerSite; i++)
                logins.Add(("delegate", site.Name, new LoginRequest("delegate", site.Value.GetProperty("joinCode").GetString()!, site.Name,
                    $"Đại biểu {i:D3} {site.Name}", "Đoàn Thanh niên", i % 37 == 0)));

        // Phones log in at once on the day; 64 at a time is as many as the runner keeps connecting, and enough for the
        // log's group commit to share each write among many first logins.
        var clock = Stopwatch.StartNew();
        var tokens = new string[logins.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, logins.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (i, ct) => tokens[i] = (await Retry(() => HubLogin.LoginAsync(_http, _hub, logins[i].Request, ct), ct)).Token);
        LoginSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var probes = new Probe[logins.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, logins.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var token = tokens[i];
                var network = new NetworkCut();
                var client = new ForumClient(new ForumClientOptions
                {
                    HubUrl = new Uri(_hub, "/hubs/forum"),
                    AccessToken = () => Task.FromResult<string?>(token),
                    UseJson = settings.Json,
                    ConfigureHttp = network.Configure,
                    ConfigureMessagePack = SharedActorFormatter.Sharing,
                    // Delegates follow the log (every number, once, in order) without folding 3,100 copies of the
                    // forum in this one process: the generator shares the hubs' cores, and its own work would be
                    // measured as their latency. The moderator, hosts and displays keep the full state.
                    KeepState = logins[i].Role != "delegate",
                });
                probes[i] = new Probe(client, network, logins[i].Role, recorders);
                await client.StartAsync(ct);
            });
        // Connected means caught up: every client has taken in the log as it stood when the last one connected.
        var head = await HeadAsync(probes[0].Client, cancellationToken);
        await Task.WhenAll(probes.Select(p => p.Client.WaitForSeqAsync(head, cancellationToken)));
        ConnectSeconds = clock.Elapsed.TotalSeconds;
        // Which node each client landed on, for the per-node split of the fan-out (not part of the connect time).
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (p, ct) => p.Node = (await Retry(() => p.Client.InvokeAsync<Domain.Protocol.Identity>(HubMethods.WhoAmI), ct)).Node);

        for (var i = 0; i < probes.Length; i++)
        {
            var (role, site, _) = logins[i];
            switch (role)
            {
                case "moderator": Moderator = probes[i]; break;
                case "display": Displays.Add(probes[i]); break;
                case "siteHost": Hosts.Add((site!, probes[i])); break;
                default: Delegates.Add(probes[i]); break;
            }
        }
    }

    public static async Task<long> HeadAsync(ForumClient client, CancellationToken cancellationToken)
    {
        var position = client.Forum.ResumeRequest();
        var result = await Retry(() => client.InvokeAsync<Domain.Protocol.ResumeResult>(HubMethods.Resume, position), cancellationToken);
        return result.Head;
    }

    /// <summary>A call the busy machine may time out, tried again every 0.5 s, 30 times in all.</summary>
    internal static async Task<T> Retry<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (attempt < 30 && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    bool _disconnected;

    /// <summary>Closes every connection (the probes keep what they counted), so the baseline runs on a quiet machine.</summary>
    public async Task DisconnectAllAsync()
    {
        if (_disconnected) return;
        _disconnected = true;
        await Parallel.ForEachAsync(All.Where(p => p is not null), new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (p, _) => await p.Client.DisposeAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAllAsync();
        _http.Dispose();
    }
}
