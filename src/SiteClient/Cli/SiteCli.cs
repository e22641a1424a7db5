using Microsoft.Extensions.DependencyInjection;

namespace EventHub.SiteClient.Cli;

/// <summary>
/// One run of the tool: picks the language before Spectre reads the help attributes, wires the consoles, and
/// maps what Spectre throws on bad arguments to exit code 2 with a pointer to <c>--help</c>.
/// </summary>
public static class SiteCli
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        LanguageChoice.Use(LanguageChoice.Resolve(args, env.Variable("EVENTHUB_LANG")));
        var services = new ServiceCollection().AddSingleton(env);
        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("eventhub-site");
            config.SetHelpProvider(new LocalizedHelp(config.Settings));
            config.ConfigureConsole(env.Out);
            config.Settings.CancellationExitCode = ExitCodes.Done;
            config.SetExceptionHandler((ex, _) => Fail(ex, args, env));
            Program.Commands(config);
        });
        var exit = await app.RunAsync(args, cancellationToken);
        // Spectre shows a branch's help when its verb is missing ("moderator" alone) and returns 1, which here
        // means "refused by the hub": it is a usage error.
        return exit == 1 && IsBareBranch(args) ? ExitCodes.Usage : exit;
    }

    static readonly string[] Branches = ["moderator", "agenda", "roll-call"];

    static bool IsBareBranch(IReadOnlyList<string> args) =>
        args.Count > 0 && args.All(a => Branches.Contains(a) || (a.StartsWith("--", StringComparison.Ordinal) && a is not "--help"))
        && args.Count(a => Branches.Contains(a)) > 0 && !args.Contains("-h");

    static int Fail(Exception ex, IReadOnlyList<string> args, CliEnvironment env)
    {
        if (ex is CommandAppException)
        {
            env.Error.WriteLine(Texts.Format(Texts.UsageError, UsageMessages.Translate(ex.Message)));
            // An unknown verb has no help page of its own: point to the list of commands instead.
            var verb = ex.Message.StartsWith("Unknown command", StringComparison.Ordinal) ? "" : VerbOf(args);
            env.Error.WriteLine(Texts.Format(Texts.UsageHint, verb).Replace("  ", " "));
            return ExitCodes.Usage;
        }
        if (ex is HttpRequestException)
        {
            env.Error.WriteLine(Texts.Format(Texts.Unreachable, "", ex.Message));
            return ExitCodes.Unreachable;
        }
        env.Error.WriteLine(ex.Message);
        return ExitCodes.Refused;
    }

    /// <summary>"checkin" or "moderator checkin": for the pointer to the right help page.</summary>
    static string VerbOf(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-')) return "";
        return Branches.Contains(args[0]) && args.Count > 1 && !args[1].StartsWith('-') ? $"{args[0]} {args[1]}" : args[0];
    }
}
