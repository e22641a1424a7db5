using System.Collections.Concurrent;
using System.Security.Cryptography;
using EventHub.Forum;
using EventHub.SiteClient;
using EventHub.Storage;
using EventHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventHub.Tests.ScaleOut;

/// <summary>
/// One real redis-server and the settings every node of one deployment shares: the connection string, a
/// signing key, a credentials file and a channel prefix of its own (tests run in parallel on one machine).
/// Nodes are in-process <see cref="HubApp"/>s, or <see cref="HubProcess"/>es when a test must kill one hard.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    readonly string _shared = TempFolder.Create("cluster");
    readonly List<IAsyncDisposable> _owned = [];

    public RedisServer Redis { get; } = new();
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    public string Prefix { get; } = $"t{Guid.NewGuid():N}"[..12];
    public string CredentialsFile => Path.Combine(_shared, "credentials.json");

    public Dictionary<string, string?> Settings => new()
    {
        ["ConnectionStrings:Redis"] = Redis.ConnectionString,
        ["EventHub:Auth:SigningKey"] = SigningKey,
        ["EventHub:CredentialsFile"] = CredentialsFile,
        ["EventHub:Redis:ChannelPrefix"] = Prefix,
        ["EventHub:Redis:CommandTimeout"] = "00:00:02",
    };

    /// <param name="positionInterval">How often the node's beacon runs; long when a test must prove the backplane alone delivers.</param>
    public HubApp StartNode(Action<IServiceCollection>? services = null, TimeSpan? positionInterval = null,
        Dictionary<string, string?>? extra = null)
    {
        var settings = Settings;
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        if (positionInterval is { } interval) settings["EventHub:PositionInterval"] = interval.ToString();
        var node = new HubApp(settings, services: services);
        _owned.Add(node);
        return node;
    }

    /// <summary>A node as its own process (so it can be killed like kill -9), with its own data folder.</summary>
    /// <param name="waitReady">False to return as soon as the process is started (a node that cannot be ready yet).</param>
    public async Task<HubProcess> StartProcessNodeAsync(Dictionary<string, string?>? extra = null, bool waitReady = true)
    {
        var settings = Settings;
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value ?? "");
        environment["EventHub__DataDirectory"] = Path.Combine(_shared, $"node-{_owned.Count}");
        environment["EventHub__PositionInterval"] = "00:00:00.500";
        var node = HubProcess.Start(environment);
        _owned.Add(node);
        if (waitReady) await node.WaitReadyAsync();
        return node;
    }

    /// <summary>A started client on <paramref name="hubUrl"/> (any node), moving to the others if it dies.</summary>
    public static async Task<ForumClient> ConnectAsync(Uri hubUrl, LoginResult login, params Uri[] otherHubUrls)
    {
        var client = new ForumClient(new ForumClientOptions
        {
            HubUrl = hubUrl,
            OtherHubUrls = otherHubUrls,
            AccessToken = () => Task.FromResult<string?>(login.Token),
            ReconnectDelay = TimeSpan.FromMilliseconds(200),
        });
        await client.StartAsync().WaitAsync(Timeouts.Call);
        return client;
    }

    /// <summary>The whole log as the store holds it (the truth every client must converge on).</summary>
    public static async Task<IReadOnlyList<StoredEvent>> ReadLogAsync(HubApp node)
    {
        var engine = node.Services.GetRequiredService<ForumEngine>();
        return await node.Services.GetRequiredService<IEventLog>().ReadAsync(engine.ForumId, 0, 100_000, default).WaitAsync(Timeouts.Call);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            try
            {
                await owned.DisposeAsync().AsTask().WaitAsync(Timeouts.Call);
            }
            catch (Exception)
            {
                // a node that was already killed, or one that does not stop in time, must not hide the test's result
            }
        }
        Redis.Dispose();
        TempFolder.TryDelete(_shared);
    }
}

public static class ClientWaits
{
    /// <summary>Waits for <paramref name="seq"/>; a timeout says where the client stood, to tell a hang from a slow heal.</summary>
    public static async Task ReachAsync(this ForumClient client, long seq, TimeSpan limit)
    {
        try
        {
            await client.WaitForSeqAsync(seq).WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"client stuck at {client.Forum.LastSeq} (wanted {seq}): state {client.State}, {client.Resumes} resumes, " +
                        $"{client.GapsHealed} gaps healed, connection {client.ConnectionId ?? "none"}");
        }
    }
}

/// <summary>Every event a client took in after it was attached, in order, to compare across clients.</summary>
public sealed class EventRecorder
{
    readonly ConcurrentQueue<(long Seq, string Type)> _seen = new();

    public EventRecorder(ForumClient client)
    {
        Start = client.Forum.LastSeq;
        client.EventApplied += e => _seen.Enqueue((e.Envelope.Seq, e.Envelope.Type));
    }

    public long Start { get; }
    public IReadOnlyList<(long Seq, string Type)> Seen => _seen.ToList();

    /// <summary>True when the client took in every event from Start + 1 to <paramref name="head"/>, once each, in order.</summary>
    public void AssertGapless(long head) =>
        Assert.Equal(Enumerable.Range((int)Start + 1, (int)(head - Start)).Select(i => (long)i), Seen.Select(e => e.Seq));
}
