using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;

namespace EventHub.SiteClient.Cli.Commands;

public sealed class CheckOutCommand(CliEnvironment env) : HubCommand<CheckOutCommand.Settings>(env)
{
    public class Settings : CommandOptions
    {
        public virtual string? Site => null;
    }

    protected override string Method => HubMethods.CheckOut;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) => Make(s, commandId);

    protected override string Done(Settings s, HubSession session, string commandId) => Describe(s, session);

    internal static ICommandRequest Make(Settings s, string commandId) => new SiteRequest(commandId, s.Site);

    internal static string Describe(Settings s, HubSession session) => Texts.Format(Texts.CheckedOut, SiteOf(session, s.Site));
}
