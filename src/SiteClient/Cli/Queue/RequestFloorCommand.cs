using EventHub.SiteClient.Cli.Moderator;

namespace EventHub.SiteClient.Cli.Queue;

/// <summary><c>request-floor --speaker … --topic …</c>: the request's id is the command id, printed for <c>withdraw</c>.</summary>
public sealed class RequestFloorCommand(CliEnvironment env) : HubCommand<RequestFloorCommand.Settings>(env)
{
    public sealed class Settings : SpeakerSettings
    {
        public override ValidationResult Validate() =>
            !string.IsNullOrWhiteSpace(Speaker) && string.IsNullOrWhiteSpace(Topic) ? Fail(Texts.TopicRequired) : base.Validate();
    }

    protected override string Method => HubMethods.RequestFloor;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) =>
        new FloorAskRequest(commandId, null, s.Item, Nfc(s.Speaker), Nfc(s.SpeakerTitle), Nfc(s.Topic));

    protected override string Done(Settings s, HubSession session, string commandId) =>
        Texts.Format(Texts.FloorRequested, s.Speaker!.Trim(), commandId);
}
