using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using Spectre.Console;
using Spectre.Console.Cli;

namespace EventHub.SiteClient.Cli.Commands;

public sealed class HeadcountCommand(CliEnvironment env) : HubCommand<HeadcountCommand.Settings>(env)
{
    public class Settings : CommandOptions
    {
        [CommandArgument(0, "<N>")]
        [LocalizedDescription(nameof(Texts.ArgHeadcount))]
        public int Headcount { get; init; }

        public virtual string? Site => null;

        public override ValidationResult Validate() =>
            Headcount is < 1 or > 5000 ? Fail(Texts.HeadcountRange) : base.Validate();
    }

    protected override string Method => HubMethods.UpdateHeadcount;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) => Make(s, commandId);

    protected override string Done(Settings s, HubSession session, string commandId) => Describe(s, session);

    internal static ICommandRequest Make(Settings s, string commandId) => new HeadcountRequest(commandId, s.Site, s.Headcount);

    internal static string Describe(Settings s, HubSession session) =>
        Texts.Format(Texts.HeadcountSet, SiteOf(session, s.Site), s.Headcount);
}
