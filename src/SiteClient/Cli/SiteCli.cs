using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

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
            config.ConfigureConsole(env.Out);
            config.Settings.CancellationExitCode = ExitCodes.Done;
            config.SetExceptionHandler((ex, _) => Fail(ex, args, env));
            Program.Commands(config);
        });
        return await app.RunAsync(args, cancellationToken);
    }

    static int Fail(Exception ex, IReadOnlyList<string> args, CliEnvironment env)
    {
        if (ex is CommandAppException)
        {
            env.Error.WriteLine(Texts.Format(Texts.UsageError, ex.Message));
            env.Error.WriteLine(Texts.Format(Texts.UsageHint, VerbOf(args)).Replace("  ", " "));
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
        return args[0] == "moderator" && args.Count > 1 && !args[1].StartsWith('-') ? $"{args[0]} {args[1]}" : args[0];
    }
}
