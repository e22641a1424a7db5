using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;

namespace EventHub.SiteClient.Cli.Commands;

/// <summary>Check-out, for the host's own site or (through <c>moderator checkout</c>) the site its settings name.</summary>
public abstract class CheckOutVerb<TSettings>(CliEnvironment env) : HubCommand<TSettings>(env) where TSettings : SiteSettings
{
    protected override string Method => HubMethods.CheckOut;

    protected override ICommandRequest? Request(TSettings s, string commandId, ForumState forum) => new SiteRequest(commandId, s.Site);

    protected override string Done(TSettings s, HubSession session, string commandId) => Texts.Format(Texts.CheckedOut, SiteOf(session, s.Site));
}

public sealed class CheckOutCommand(CliEnvironment env) : CheckOutVerb<SiteSettings>(env);
