using EventHub.Domain.Protocol;
using Spectre.Console;
using Spectre.Console.Cli;

namespace EventHub.SiteClient.Cli.Commands;

/// <summary>
/// A verb that sends one command to the hub. The verb says which method and request, and what to print on
/// success; this class connects, resends with the same id until the hub answers (the library does that),
/// gives up after <c>--timeout</c>, and turns the outcome into an exit code.
/// </summary>
public abstract class HubCommand<TSettings>(CliEnvironment env) : AsyncCommand<TSettings> where TSettings : CommandOptions
{
    protected CliEnvironment Env => env;

    protected abstract string Method { get; }

    protected abstract ICommandRequest Request(TSettings settings, string commandId);

    /// <summary>The line printed when the hub applied the command.</summary>
    protected abstract string Done(TSettings settings, HubSession session);

    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var session = HubSession.Open(env, settings, out var exit);
        if (session is null) return exit;
        var commandId = settings.CommandId ?? Guid.NewGuid().ToString("N");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.Timeout > 0) deadline.CancelAfter(TimeSpan.FromSeconds(settings.Timeout));
        var sent = false;
        try
        {
            if (await session.ProbeAsync(deadline.Token) == HubSession.Probe.TokenRejected)
            {
                HubSession.WriteTokenRejected(env);
                return ExitCodes.Refused;
            }
            await using var client = session.CreateClient();
            await client.StartAsync(deadline.Token);
            sent = true;
            var result = await client.SendAsync(Method, Request(settings, commandId), deadline.Token);
            return Report(result, settings, session);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            if (sent) env.Error.WriteLine(Texts.Format(Texts.GaveUp, settings.Timeout, commandId));
            else env.Error.WriteLine(Texts.Format(Texts.Unreachable, session.Hub, Texts.Format(Texts.GaveUp, settings.Timeout, commandId)));
            env.Error.WriteLine(Texts.Format(Texts.MaybeApplied, commandId));
            return ExitCodes.Unreachable;
        }
    }

    int Report(CommandResult result, TSettings settings, HubSession session)
    {
        if (!result.Ok)
        {
            HubSession.WriteRefusal(env, result.Error!);
            return ExitCodes.Refused;
        }
        if (result.Duplicate) env.Out.WriteLine(Texts.Format(Texts.AppliedBefore, result.LastSeq));
        else if (result.LastSeq == 0) env.Out.WriteLine(Texts.Get(Texts.NothingChanged));
        else env.Out.WriteLine($"{Done(settings, session)} {Texts.Format(Texts.Applied, result.LastSeq)}");
        return ExitCodes.Done;
    }

    /// <summary>The site a host acts for, for messages.</summary>
    internal static string SiteOf(HubSession session, string? site) =>
        site ?? session.Login.Site ?? Texts.Get(Texts.OwnSite);
}
