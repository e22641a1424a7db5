using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using Spectre.Console;
using Spectre.Console.Cli;

namespace EventHub.SiteClient.Cli.Commands;

public sealed class CheckInCommand(CliEnvironment env) : HubCommand<CheckInCommand.Settings>(env)
{
    public class Settings : CommandOptions
    {
        [CommandOption("--lead <NAME>")]
        [LocalizedDescription(nameof(Texts.OptLead))]
        public string? Lead { get; init; }

        [CommandOption("--headcount <N>")]
        [LocalizedDescription(nameof(Texts.OptHeadcount))]
        public int? Headcount { get; init; }

        public virtual string? Site => null;

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Lead)) return Fail(Texts.LeadRequired);
            if (Headcount is null or < 1 or > 5000) return Fail(Texts.HeadcountRange);
            return base.Validate();
        }
    }

    protected override string Method => HubMethods.CheckIn;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) => Make(s, commandId);

    protected override string Done(Settings s, HubSession session, string commandId) => Describe(s, session);

    internal static ICommandRequest Make(Settings s, string commandId) =>
        new CheckInRequest(commandId, s.Site, s.Lead!.Normalize(System.Text.NormalizationForm.FormC), s.Headcount!.Value);

    internal static string Describe(Settings s, HubSession session) =>
        Texts.Format(Texts.CheckedIn, SiteOf(session, s.Site), s.Lead!.Trim(), s.Headcount);
}
