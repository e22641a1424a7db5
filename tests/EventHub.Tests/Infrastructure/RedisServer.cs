using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EventHub.Tests.Infrastructure;

/// <summary>
/// A real redis-server for one test (or one test class): its own port and data folder, append-only file
/// fsynced on every write, no RDB snapshots. It can be killed hard and started again on the same folder
/// and port, as a crashed Redis would be restarted. A missing redis-server fails the test, never skips it.
/// </summary>
public sealed class RedisServer : IDisposable
{
    static readonly string[] Candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server"];

    readonly string _executable;
    Process? _process;

    public RedisServer()
    {
        _executable = Find() ?? throw new InvalidOperationException(
            "redis-server is not installed: these tests need a real Redis. Install it with " +
            "`sudo apt-get install -y redis-server` (the test command does this on CI).");
        Directory = TempFolder.Create("redis");
        Port = HubProcess.FreePort();
        Start();
    }

    public int Port { get; }
    public string Directory { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";
    public bool IsRunning => _process is { HasExited: false };
    public int Pid => _process?.Id ?? throw new InvalidOperationException("redis-server is not running.");

    public void Start()
    {
        if (IsRunning) return;
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", Directory,
                     "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                     "--daemonize", "no", "--protected-mode", "no", "--loglevel", "warning",
                 })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilAnswering(TimeSpan.FromSeconds(15));
    }

    /// <summary>Kills the server as a crash would (SIGKILL): only what was fsynced survives.</summary>
    public void Kill()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>
    /// Stops the server without closing anything (SIGSTOP), as a stalled or swapped-out Redis would: connections stay
    /// open, the kernel still takes what is sent, and nothing answers until <see cref="Resume"/>.
    /// </summary>
    public void Pause() => Signal("-STOP");

    /// <summary>SIGCONT: the server carries on where it stopped, with everything sent meanwhile waiting to be read.</summary>
    public void Resume() => Signal("-CONT");

    void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, Pid.ToString()]);
        kill.WaitForExit(10_000);
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill {signal} {Pid} exited with {kill.ExitCode}.");
    }

    public void Dispose()
    {
        Kill();
        TempFolder.TryDelete(Directory);
    }

    void WaitUntilAnswering(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} on port {Port}.");
            try
            {
                last = Ping();
                if (last == "+PONG") return; // a server still loading its AOF answers -LOADING
            }
            catch (SocketException ex)
            {
                last = ex.Message;
            }
            Thread.Sleep(50);
        }
        throw new TimeoutException($"redis-server on port {Port} did not answer PING within {limit}: {last}");
    }

    string Ping()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 1000 };
        socket.Connect(IPAddress.Loopback, Port);
        socket.Send("PING\r\n"u8);
        var buffer = new byte[256];
        var read = socket.Receive(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
    }

    static string? Find() =>
        Candidates.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists);
}
