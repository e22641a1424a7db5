using System.Text.Json;

namespace EventHub.Tests.Infrastructure;

/// <summary>
/// A hub process on its own data folder and port, for tests that kill it (kill -9) and start it again on the same
/// log: clients keep the same address across the restart. Disposing it kills the process and deletes the folder.
/// </summary>
public sealed class RestartableHub : IAsyncDisposable
{
    readonly Dictionary<string, string> _environment;
    readonly int _port;
    readonly JsonDocument _credentials;
    HubProcess _process;

    RestartableHub(string dataDirectory, Dictionary<string, string> environment, int port, HubProcess process, JsonDocument credentials)
    {
        DataDirectory = dataDirectory;
        _environment = environment;
        _port = port;
        _process = process;
        _credentials = credentials;
    }

    /// <summary>Starts the hub on a new data folder named after <paramref name="name"/> and waits until it is ready.</summary>
    /// <param name="environment">Settings beside the data folder, as environment variables (EventHub__…).</param>
    public static async Task<RestartableHub> StartAsync(string name, IDictionary<string, string>? environment = null)
    {
        var data = TempFolder.Create(name);
        var all = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["EventHub__DataDirectory"] = data };
        var port = HubProcess.FreePort();
        var process = HubProcess.Start(all, port);
        try
        {
            await process.WaitReadyAsync();
            var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(data, "credentials.json")));
            return new RestartableHub(data, all, port, process, credentials);
        }
        catch
        {
            await process.DisposeAsync();
            TempFolder.TryDelete(data);
            throw;
        }
    }

    public string DataDirectory { get; }
    public Uri BaseAddress => _process.BaseAddress;
    public HubProcess Process => _process;

    /// <summary>The keys the hub wrote into its data folder on first start (credentials.json).</summary>
    public JsonElement Credentials => _credentials.RootElement;

    /// <summary>SIGKILL: no shutdown hooks, no flush, no goodbye.</summary>
    public void KillHard() => _process.KillHard();

    /// <summary>Starts the hub again on the same data folder and port (after <see cref="KillHard"/>) and waits until it is ready.</summary>
    public async Task StartAgainAsync()
    {
        await _process.DisposeAsync();
        _process = HubProcess.Start(_environment, _port);
        await _process.WaitReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _credentials.Dispose();
        TempFolder.TryDelete(DataDirectory);
    }
}
