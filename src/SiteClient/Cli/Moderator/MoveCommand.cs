namespace EventHub.SiteClient.Cli.Moderator;

/// <summary><c>moderator move REQUEST POSITION</c>.</summary>
public sealed class MoveCommand(CliEnvironment env) : HubCommand<MoveCommand.Settings>(env)
{
    public sealed class Settings : RequestIdSettings
    {
        [CommandArgument(1, "<POSITION>")]
        [LocalizedDescription(nameof(Texts.ArgPosition))]
        public int Position { get; init; }

        public override ValidationResult Validate() => Position < 1 ? Fail(Texts.PositionRange) : base.Validate();
    }

    protected override string Method => HubMethods.MoveRequest;
    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) => new QueuePositionRequest(commandId, s.RequestId, s.Position);
    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Format(Texts.RequestMoved, s.RequestId, s.Position);
}
