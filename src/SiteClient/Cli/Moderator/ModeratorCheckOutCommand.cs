using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.SiteClient.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace EventHub.SiteClient.Cli.Moderator;

/// <summary><c>moderator checkout --site X</c>.</summary>
public sealed class ModeratorCheckOutCommand(CliEnvironment env) : HubCommand<ModeratorCheckOutCommand.Settings>(env)
{
    public sealed class Settings : CheckOutCommand.Settings
    {
        [CommandOption("--site <CODE>")]
        [LocalizedDescription(nameof(Texts.OptSite))]
        public string? SiteCode { get; init; }

        public override string? Site => ModeratorSite.Normalize(SiteCode);

        public override ValidationResult Validate() => ModeratorSite.Require(SiteCode, base.Validate);
    }

    protected override string Method => HubMethods.CheckOut;
    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) => CheckOutCommand.Make(s, commandId);
    protected override string Done(Settings s, HubSession session, string commandId) => CheckOutCommand.Describe(s, session);
}
