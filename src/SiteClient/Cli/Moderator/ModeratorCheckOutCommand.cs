using EventHub.SiteClient.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace EventHub.SiteClient.Cli.Moderator;

/// <summary><c>moderator checkout --site X …</c>: the host's verb, for a named site.</summary>
public sealed class ModeratorCheckOutCommand(CliEnvironment env) : CheckOutVerb<ModeratorCheckOutCommand.Settings>(env)
{
    public sealed class Settings : SiteSettings
    {
        [CommandOption("--site <CODE>")]
        [LocalizedDescription(nameof(Texts.OptSite))]
        public string? SiteCode { get; init; }

        public override string? Site => ModeratorSite.Normalize(SiteCode);

        public override ValidationResult Validate() => ModeratorSite.Require(SiteCode, base.Validate);
    }
}
