namespace EventHub.SiteClient.Cli.Commands;

/// <summary><c>checkin --lead … --headcount N [--site X]</c>: the host's own site, or the site the moderator names.</summary>
public sealed class CheckInCommand(CliEnvironment env) : SiteCommand<CheckInCommand.Settings>(env)
{
    public sealed class Settings : SiteSettings
    {
        [CommandOption("--lead <NAME>")]
        [LocalizedDescription(nameof(Texts.OptLead))]
        public string? Lead { get; init; }

        [CommandOption("--headcount <N>")]
        [LocalizedDescription(nameof(Texts.OptHeadcount))]
        public int? Headcount { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Lead)) return Fail(Texts.LeadRequired);
            if (Headcount is null or < 1 or > 5000) return Fail(Texts.HeadcountRange);
            return base.Validate();
        }
    }

    protected override string Method => HubMethods.CheckIn;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) =>
        new CheckInRequest(commandId, s.Site, Nfc(s.Lead)!, s.Headcount!.Value);

    protected override string Done(Settings s, HubSession session, string commandId) =>
        Texts.Format(Texts.CheckedIn, SiteOf(session, s.Site), s.Lead!.Trim(), s.Headcount);
}
