using System.Diagnostics;
using System.Text;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.ScaleOut;

/// <summary>
/// A hub node as its own process (the built EventHub.dll), so a test can kill it the way kill -9 would:
/// no shutdown, no goodbye to clients, no flush.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly StringBuilder _output = new();
    readonly string _dataDirectory = TempFolder.Create("node");

    public NodeProcess(Dictionary<string, string?> settings)
    {
        var port = RedisServer.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(HubDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HubDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["EventHub__DataDirectory"] = _dataDirectory;
        start.Environment["EventHub__PositionInterval"] = "00:00:00.500";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the hub.");
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public Uri HubUrl => new(BaseAddress, "/hubs/forum");

    /// <summary>The hub built beside the tests (same configuration), run with its own runtimeconfig.</summary>
    static string HubDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}")
                ? "Release" : "Debug";
            var path = Path.Combine(Repo.Root, "src", "EventHub", "bin", configuration, "net10.0", "EventHub.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the hub first (dotnet build EventHub.sln).", path);
        }
    }

    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The hub process exited ({_process.ExitCode}):\n{Output}");
            try
            {
                if ((await http.GetAsync("/readyz")).IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The hub process did not become ready:\n{Output}");
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>SIGKILL: the process ends at once, its sockets are reset by the kernel.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        TempFolder.TryDelete(_dataDirectory);
        return ValueTask.CompletedTask;
    }
}
