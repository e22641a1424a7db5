using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.SiteClient.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace EventHub.SiteClient.Cli.Moderator;

/// <summary><c>moderator checkin --site X --lead … --headcount N</c>: the host's verb, for a named site.</summary>
public sealed class ModeratorCheckInCommand(CliEnvironment env) : HubCommand<ModeratorCheckInCommand.Settings>(env)
{
    public sealed class Settings : CheckInCommand.Settings
    {
        [CommandOption("--site <CODE>")]
        [LocalizedDescription(nameof(Texts.OptSite))]
        public string? SiteCode { get; init; }

        public override string? Site => ModeratorSite.Normalize(SiteCode);

        public override ValidationResult Validate() => ModeratorSite.Require(SiteCode, base.Validate);
    }

    protected override string Method => HubMethods.CheckIn;
    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) => CheckInCommand.Make(s, commandId);
    protected override string Done(Settings s, HubSession session, string commandId) => CheckInCommand.Describe(s, session);
}
