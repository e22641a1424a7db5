using System.Text.RegularExpressions;
using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Cli;

/// <summary>
/// A hub with HCM's host and the moderator logged in, each from a terminal of their own (every verb then runs as a new
/// process would): where the tests of the hall's verbs start.
/// </summary>
public abstract partial class HostAndModeratorCli : IAsyncLifetime
{
    protected HubApp App { get; } = new();
    protected CliRunner Host { get; } = new();
    protected CliRunner Moderator { get; } = new();

    public virtual async Task InitializeAsync()
    {
        await Ok(Host, "login", "--hub", App.BaseAddress.ToString(), "--site", "HCM", "--key", App.Credentials.Sites["HCM"].HostKey);
        await Ok(Moderator, "login", "--hub", App.BaseAddress.ToString(), "--role", "moderator", "--key", App.Credentials.ModeratorKey);
    }

    public async Task DisposeAsync()
    {
        Host.Dispose();
        Moderator.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>An agenda item of the test's own, made current, so the seeded hall speakers are not in the way.</summary>
    protected async Task OpenOwnItemAsync()
    {
        var added = await Ok(Moderator, "moderator", "agenda", "add", "--title", "Thảo luận tổ", "--seconds", "120");
        await Ok(Moderator, "moderator", "agenda", "set", IdIn(added.Out));
    }

    internal static async Task<CliRun> Ok(CliRunner cli, params string[] args)
    {
        var run = await cli.RunAsync(args);
        Assert.True(run.Exit == ExitCodes.Done, $"{string.Join(' ', args)}: {run}");
        return run;
    }

    /// <summary>The id a creating verb prints ("Mã yêu cầu: …" / "Mã mục: …").</summary>
    internal static string IdIn(string output) => PrintedId().Match(output).Groups[1].Value;

    [GeneratedRegex(@"Mã (?:yêu cầu|mục): ([A-Za-z0-9_-]+)")]
    private static partial Regex PrintedId();
}
