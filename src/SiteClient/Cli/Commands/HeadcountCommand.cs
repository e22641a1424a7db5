using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using Spectre.Console;
using Spectre.Console.Cli;

namespace EventHub.SiteClient.Cli.Commands;

/// <summary>The headcount, for the host's own site or (through <c>moderator headcount</c>) the site its settings name.</summary>
public abstract class HeadcountVerb<TSettings>(CliEnvironment env) : HubCommand<TSettings>(env) where TSettings : HeadcountCommand.Settings
{
    protected override string Method => HubMethods.UpdateHeadcount;

    protected override ICommandRequest? Request(TSettings s, string commandId, ForumState forum) => new HeadcountRequest(commandId, s.Site, s.Headcount);

    protected override string Done(TSettings s, HubSession session, string commandId) =>
        Texts.Format(Texts.HeadcountSet, SiteOf(session, s.Site), s.Headcount);
}

public sealed class HeadcountCommand(CliEnvironment env) : HeadcountVerb<HeadcountCommand.Settings>(env)
{
    public class Settings : SiteSettings
    {
        [CommandArgument(0, "<N>")]
        [LocalizedDescription(nameof(Texts.ArgHeadcount))]
        public int Headcount { get; init; }

        public override ValidationResult Validate() =>
            Headcount is < 1 or > 5000 ? Fail(Texts.HeadcountRange) : base.Validate();
    }
}
