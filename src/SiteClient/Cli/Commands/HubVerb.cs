using Microsoft.AspNetCore.SignalR;

namespace EventHub.SiteClient.Cli.Commands;

/// <summary>
/// What every verb that talks to the hub does around its own work: opens the session, gives up after
/// <c>--timeout</c>, turns a rejected token or the hub's refusal into a message and an exit code.
/// </summary>
public abstract class HubVerb<TSettings>(CliEnvironment env) : AsyncCommand<TSettings> where TSettings : TimedSettings
{
    protected CliEnvironment Env => env;

    /// <summary>
    /// Probes the hub, connects a client, waits until its local copy is current and runs <paramref name="work"/>
    /// with it (the token ends at the deadline, or when the hub refuses the client for good).
    /// </summary>
    /// <exception cref="OperationCanceledException">The deadline passed (the caller says what that means).</exception>
    protected async Task<int> ConnectedAsync(HubSession session, Func<ForumClient, CancellationToken, Task<int>> work,
        CancellationToken deadline)
    {
        if (await session.ProbeAsync(deadline) == HubSession.Probe.TokenRejected)
        {
            HubSession.WriteTokenRejected(env);
            return ExitCodes.Refused;
        }
        await using var client = session.CreateClient();
        using var running = HubSession.EndOnRefusal(client, deadline);
        try
        {
            await client.StartAsync(running.Token);
            await client.Synced.WaitAsync(running.Token);
            return await work(client, running.Token);
        }
        catch (HubException ex) when (ForumClient.ErrorIn(ex) is { } error)
        {
            HubSession.WriteRefusal(env, error);
            return ExitCodes.Refused;
        }
        catch (OperationCanceledException) when (client.Refusal is { } refusal)
        {
            HubSession.WriteRefusal(env, refusal);
            return ExitCodes.Refused;
        }
    }

    /// <summary>A token that ends after <c>--timeout</c> seconds (never, for 0).</summary>
    protected static CancellationTokenSource Deadline(TSettings settings, CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.Timeout > 0) deadline.CancelAfter(TimeSpan.FromSeconds(settings.Timeout));
        return deadline;
    }
}
