namespace EventHub.SiteClient.Cli.Commands;

/// <summary>
/// A verb that sends one command to the hub. The verb says which method and request, and what to print on
/// success; this class connects, resends with the same id until the hub answers (the library does that),
/// gives up after <c>--timeout</c>, and turns the outcome into an exit code.
/// </summary>
public abstract class HubCommand<TSettings>(CliEnvironment env) : HubVerb<TSettings>(env) where TSettings : CommandOptions
{
    /// <summary>Who this run acts as (set before <see cref="Request"/> is called).</summary>
    protected Config.SiteConfig Login { get; private set; } = null!;

    protected abstract string Method { get; }

    /// <summary>
    /// The forum as this run sees it: when <see cref="Request"/> is called, current as of connecting; when
    /// <see cref="Done"/> is called, with the command's own events taken in (for names and titles in the message).
    /// </summary>
    protected ForumState Forum { get; private set; } = ForumState.Initial;

    /// <summary>
    /// The request to send, built from the options and (for verbs that name "the current speech" and the like)
    /// the forum as this client sees it; null when there is nothing to act on (see <see cref="NothingToDo"/>).
    /// </summary>
    protected abstract ICommandRequest? Request(TSettings settings, string commandId, ForumState forum);

    /// <summary>The line printed when the hub applied the command.</summary>
    protected abstract string Done(TSettings settings, HubSession session, string commandId);

    /// <summary>Why <see cref="Request"/> found nothing to act on: a code and a phrase.</summary>
    protected virtual (string Code, Phrase Message) NothingToDo => ("input.required", Texts.NothingToActOn);

    /// <summary>
    /// A refusal decided from the options and the login alone, before connecting (so nothing is sent): a code
    /// and the message in the run's language; null to send.
    /// </summary>
    protected virtual (string Code, string Message)? RefusedHere(TSettings settings) => null;

    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var session = HubSession.Open(Env, settings, out var exit);
        if (session is null) return exit;
        Login = session.Login;
        if (RefusedHere(settings) is var (refusal, why))
        {
            Env.Error.WriteLine(Texts.Format(Texts.NotSent, refusal, why));
            return ExitCodes.Refused;
        }
        var commandId = settings.CommandId ?? Guid.NewGuid().ToString("N");

        using var deadline = Deadline(settings, cancellationToken);
        var sent = false;
        try
        {
            return await ConnectedAsync(session, async (client, running) =>
            {
                Forum = client.Forum.State;
                var request = Request(settings, commandId, Forum);
                if (request is null)
                {
                    // Decided here, from the local copy: the hub was not asked, so it must not be named as refusing.
                    var (code, message) = NothingToDo;
                    Env.Error.WriteLine(Texts.Format(Texts.NotSent, code, Texts.Get(message)));
                    return ExitCodes.Refused;
                }
                sent = true;
                var result = await client.SendAsync(Method, request, running);
                if (result.Ok && result.LastSeq > 0) await CatchUpAsync(client, result.LastSeq, running);
                return Report(result, settings, session);
            }, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            if (sent) Env.Error.WriteLine(Texts.Format(Texts.GaveUp, settings.Timeout, commandId));
            else Env.Error.WriteLine(Texts.Format(Texts.Unreachable, session.Hub, Texts.Format(Texts.GaveUp, settings.Timeout, commandId)));
            Env.Error.WriteLine(Texts.Format(Texts.MaybeApplied, commandId));
            return ExitCodes.Unreachable;
        }
    }

    /// <summary>Takes in the command's own events for the message; a slow feed only costs the nicer wording.</summary>
    async Task CatchUpAsync(ForumClient client, long seq, CancellationToken cancellationToken)
    {
        try
        {
            await client.WaitForSeqAsync(seq, cancellationToken).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (TimeoutException)
        {
        }
        Forum = client.Forum.State;
    }

    int Report(CommandResult result, TSettings settings, HubSession session)
    {
        if (!result.Ok)
        {
            HubSession.WriteRefusal(Env, result.Error!);
            return ExitCodes.Refused;
        }
        // A re-run under the same id still says what was done (e.g. the request id), and that it was done before.
        if (result.Duplicate) Env.Out.WriteLine($"{Done(settings, session, result.CommandId)} {Texts.Format(Texts.AppliedBefore, result.LastSeq)}");
        else if (result.LastSeq == 0) Env.Out.WriteLine(Texts.Get(Texts.NothingChanged));
        else Env.Out.WriteLine($"{Done(settings, session, result.CommandId)} {Texts.Format(Texts.Applied, result.LastSeq)}");
        return ExitCodes.Done;
    }

    /// <summary>The site a host acts for, for messages: its province name and code.</summary>
    internal static string SiteOf(HubSession session, string? site) =>
        (site ?? session.Login.Site) is { } code ? SiteNames.Label(code) : Texts.Get(Texts.OwnSite);

    /// <summary>Typed text as the hub stores it (NFC); a terminal may send decomposed Vietnamese.</summary>
    protected static string? Nfc(string? text) => text?.Normalize(System.Text.NormalizationForm.FormC);
}
