namespace EventHub.SiteClient.Cli.Watch;

/// <summary>
/// Follows the forum live until Ctrl+C: a dashboard for people, or one JSON line per event for scripts. The
/// library resumes from the last sequence number after any drop or hub restart, so nothing shows twice or goes missing.
/// </summary>
public sealed class WatchCommand(CliEnvironment env) : AsyncCommand<WatchCommand.Settings>
{
    public sealed class Settings : CliSettings
    {
        [CommandOption("--json")]
        [LocalizedDescription(nameof(Texts.OptJson))]
        public bool Json { get; init; }

        [CommandOption("--site <CODE>")]
        [LocalizedDescription(nameof(Texts.OptWatchSite))]
        public string? Site { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var session = HubSession.Open(env, settings, out var exit);
        if (session is null) return exit;
        if (await session.ProbeAsync(cancellationToken) == HubSession.Probe.TokenRejected)
        {
            HubSession.WriteTokenRejected(env);
            return ExitCodes.Refused;
        }
        var site = settings.Site?.Trim().ToUpperInvariant() ?? session.Login.Site;
        await using var client = session.CreateClient();
        using var running = HubSession.EndOnRefusal(client, cancellationToken);
        try
        {
            if (settings.Json) await new EventLines(env.RawOut, client).RunAsync(running.Token);
            else await new Dashboard(env, client, site).RunAsync(running.Token);
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
        }
        if (client.Refusal is not { } refusal) return ExitCodes.Done;
        HubSession.WriteRefusal(env, refusal);
        return ExitCodes.Refused;
    }
}
