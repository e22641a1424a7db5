using Microsoft.AspNetCore.SignalR;

namespace EventHub.SiteClient.Cli.Commands;

/// <summary>
/// A verb that asks the hub something (the board, a report, a suggestion) and prints the answer. Connects as
/// <see cref="HubCommand{TSettings}"/> does, gives up after <c>--timeout</c>, and prints the hub's error when it
/// refuses.
/// </summary>
public abstract class HubQuery<TSettings>(CliEnvironment env) : HubVerb<TSettings>(env) where TSettings : TimedSettings
{
    /// <summary>Asks and prints; the client's local copy is current when this is called. Returns the exit code.</summary>
    protected abstract Task<int> RunAsync(ForumClient client, TSettings settings, CancellationToken cancellationToken);

    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var session = HubSession.Open(Env, settings, out var exit);
        if (session is null) return exit;
        using var deadline = Deadline(settings, cancellationToken);
        try
        {
            return await ConnectedAsync(session, (client, running) => RunAsync(client, settings, running), deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Env.Error.WriteLine(Texts.Format(Texts.Unreachable, session.Hub, Texts.Format(Texts.NoAnswer, settings.Timeout)));
            return ExitCodes.Unreachable;
        }
    }

    /// <summary>Calls a query method, asking again when the connection dropped before the answer (a query changes nothing).</summary>
    protected static async Task<T> AskAsync<T>(ForumClient client, string method, object?[] args, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await client.InvokeAsync<T>(method, args).WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not HubException and not OperationCanceledException)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
