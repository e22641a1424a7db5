namespace EventHub.SiteClient.Cli.Commands;

/// <summary><c>headcount N [--site X]</c>: the host's own site, or the site the moderator names.</summary>
public sealed class HeadcountCommand(CliEnvironment env) : SiteCommand<HeadcountCommand.Settings>(env)
{
    public sealed class Settings : SiteSettings
    {
        [CommandArgument(0, "<N>")]
        [LocalizedDescription(nameof(Texts.ArgHeadcount))]
        public int Headcount { get; init; }

        public override ValidationResult Validate() =>
            Headcount is < 1 or > 5000 ? Fail(Texts.HeadcountRange) : base.Validate();
    }

    protected override string Method => HubMethods.UpdateHeadcount;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) => new HeadcountRequest(commandId, s.Site, s.Headcount);

    protected override string Done(Settings s, HubSession session, string commandId) =>
        Texts.Format(Texts.HeadcountSet, SiteOf(session, s.Site), s.Headcount);
}
