namespace EventHub.SiteClient.Cli.Moderator;

/// <summary><c>moderator add-speaker --speaker … [--site X] [--position N]</c>: approved at once; its id is the command id.</summary>
public sealed class AddSpeakerCommand(CliEnvironment env) : HubCommand<AddSpeakerCommand.Settings>(env)
{
    public sealed class Settings : SpeakerSettings
    {
        [CommandOption("--site <CODE>")]
        [LocalizedDescription(nameof(Texts.OptHallSite))]
        public string? Site { get; init; }

        [CommandOption("--position <N>")]
        [LocalizedDescription(nameof(Texts.OptPosition))]
        public int? Position { get; init; }

        public override ValidationResult Validate() => Position is < 1 ? Fail(Texts.PositionRange) : base.Validate();
    }

    protected override string Method => HubMethods.AddSpeaker;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) =>
        new NewSpeakerRequest(commandId, s.Item, SiteNames.Code(s.Site), Nfc(s.Speaker), Nfc(s.SpeakerTitle), Nfc(s.Topic), s.Position);

    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Format(Texts.SpeakerAdded, s.Speaker!.Trim(), commandId);
}
