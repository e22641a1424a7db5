namespace EventHub.SiteClient.Cli;

/// <summary>
/// What a run touches outside itself: where it writes (normal output and errors apart, so <c>watch --json</c>
/// stays clean) and the environment variables it reads. Tests pass captured consoles and their own variables.
/// </summary>
public sealed class CliEnvironment
{
    public required IAnsiConsole Out { get; init; }
    public required IAnsiConsole Error { get; init; }
    public required Func<string, string?> Variable { get; init; }

    /// <summary>Raw lines for machines (JSON, CSV): never wrapped or styled by the console.</summary>
    public TextWriter RawOut => Out.Profile.Out.Writer;

    public static CliEnvironment FromProcess() => new()
    {
        Out = AnsiConsole.Console,
        Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        Variable = Environment.GetEnvironmentVariable,
    };
}
