namespace EventHub.SiteClient.Cli.Commands;

/// <summary><c>checkout [--site X]</c>: the host's own site, or the site the moderator names.</summary>
public sealed class CheckOutCommand(CliEnvironment env) : SiteCommand<SiteSettings>(env)
{
    protected override string Method => HubMethods.CheckOut;

    protected override ICommandRequest? Request(SiteSettings s, string commandId, ForumState forum) => new SiteRequest(commandId, s.Site);

    protected override string Done(SiteSettings s, HubSession session, string commandId) => Texts.Format(Texts.CheckedOut, SiteOf(session, s.Site));
}
