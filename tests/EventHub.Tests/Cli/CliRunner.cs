using System.Diagnostics;
using System.Text;
using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;
using Spectre.Console;

namespace EventHub.Tests.Cli;

/// <summary>What one finished run printed, and how it ended.</summary>
public sealed record CliRun(int Exit, string Out, string Error)
{
    public override string ToString() => $"exit {Exit}\n--- out ---\n{Out}\n--- error ---\n{Error}";
}

/// <summary>
/// Runs eventhub-site in-process through its real Spectre command app, with captured consoles and its own
/// config file and environment variables, so tests run side by side without touching the user's files.
/// </summary>
public sealed class CliRunner : IDisposable
{
    readonly string _folder = TempFolder.Create("cli");

    public CliRunner()
    {
        ConfigPath = Path.Combine(_folder, "eventhub", "site.json");
        Variables["EVENTHUB_CONFIG"] = ConfigPath;
    }

    public string ConfigPath { get; }

    /// <summary>The terminal's size for the next runs: wide and unbounded unless a test sets a real one (80×24).</summary>
    public int Width { get; set; } = 400;
    public int? Height { get; set; }
    public Dictionary<string, string?> Variables { get; } = new();

    public async Task<CliRun> RunAsync(params string[] args)
    {
        var (exit, output, error) = Start(args);
        var code = await exit.WaitAsync(Timeouts.Heal);
        return new CliRun(code, output.Text, error.Text);
    }

    /// <summary>
    /// The built tool as its own process, started cold as a person starts it: what runs in-process here is already
    /// warmed up by earlier runs, so a race against the first resume's work can hide in it.
    /// </summary>
    public async Task<CliRun> RunProcessAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SiteClient.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in Variables) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeouts.Heal);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CliRun(process.ExitCode, await output, await error);
    }

    /// <summary>A run that keeps going (watch): stop it through <paramref name="stop"/>.</summary>
    public (Task<int> Exit, LineCapture Out, LineCapture Error) Start(string[] args, CancellationToken stop = default)
    {
        var output = new LineCapture();
        var error = new LineCapture();
        var env = new CliEnvironment
        {
            Out = Console(output, Width, Height),
            Error = Console(error, Width, Height),
            Variable = name => Variables.GetValueOrDefault(name),
        };
        return (Task.Run(() => SiteCli.RunAsync(args, env, stop)), output, error);
    }

    static IAnsiConsole Console(TextWriter writer, int width, int? height)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width; // by default no wrapping inside the messages the tests look for
        if (height is { } lines) console.Profile.Height = lines;
        return console;
    }

    public void Dispose() => TempFolder.TryDelete(_folder);
}

/// <summary>A thread-safe writer that keeps what was written and lets a test wait for a line.</summary>
public sealed class LineCapture : TextWriter
{
    readonly StringBuilder _text = new();
    readonly Lock _lock = new();
    TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get { lock (_lock) return _text.ToString(); }
    }

    public IReadOnlyList<string> Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override void Write(char value)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _text.Append(value);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        TaskCompletionSource changed;
        lock (_lock)
        {
            _text.Append(value);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>Waits until some complete line matches; fails with everything written so far when it times out.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_lock) changed = _changed.Task;
            var text = Text;
            var complete = text[..(text.LastIndexOf('\n') + 1)];
            var found = complete.Split('\n').FirstOrDefault(l => l.Length > 0 && match(l.TrimEnd('\r')));
            if (found is not null) return found.TrimEnd('\r');
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"No matching line within {timeout}:\n{text}");
            await Task.WhenAny(changed, Task.Delay(left));
        }
    }
}
