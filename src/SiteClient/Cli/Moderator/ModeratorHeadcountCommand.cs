using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.SiteClient.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace EventHub.SiteClient.Cli.Moderator;

/// <summary><c>moderator headcount --site X N</c>.</summary>
public sealed class ModeratorHeadcountCommand(CliEnvironment env) : HubCommand<ModeratorHeadcountCommand.Settings>(env)
{
    public sealed class Settings : HeadcountCommand.Settings
    {
        [CommandOption("--site <CODE>")]
        [LocalizedDescription(nameof(Texts.OptSite))]
        public string? SiteCode { get; init; }

        public override string? Site => ModeratorSite.Normalize(SiteCode);

        public override ValidationResult Validate() => ModeratorSite.Require(SiteCode, base.Validate);
    }

    protected override string Method => HubMethods.UpdateHeadcount;
    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) => HeadcountCommand.Make(s, commandId);
    protected override string Done(Settings s, HubSession session, string commandId) => HeadcountCommand.Describe(s, session);
}
