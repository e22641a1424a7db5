using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.SiteClient.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace EventHub.SiteClient.Cli.Queue;

/// <summary><c>request-floor --speaker … --topic …</c>: the request's id is the command id, printed for <c>withdraw</c>.</summary>
public sealed class RequestFloorCommand(CliEnvironment env) : HubCommand<RequestFloorCommand.Settings>(env)
{
    public sealed class Settings : CommandOptions
    {
        [CommandOption("--speaker <NAME>")]
        [LocalizedDescription(nameof(Texts.OptSpeaker))]
        public string? Speaker { get; init; }

        [CommandOption("--title <TITLE>")]
        [LocalizedDescription(nameof(Texts.OptSpeakerTitle))]
        public string? SpeakerTitle { get; init; }

        [CommandOption("--topic <TOPIC>")]
        [LocalizedDescription(nameof(Texts.OptTopic))]
        public string? Topic { get; init; }

        [CommandOption("--item <ID>")]
        [LocalizedDescription(nameof(Texts.OptItem))]
        public string? Item { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Speaker)) return Fail(Texts.SpeakerRequired);
            if (string.IsNullOrWhiteSpace(Topic)) return Fail(Texts.TopicRequired);
            return base.Validate();
        }
    }

    protected override string Method => HubMethods.RequestFloor;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) =>
        new FloorAskRequest(commandId, null, s.Item, Nfc(s.Speaker), Nfc(s.SpeakerTitle), Nfc(s.Topic));

    protected override string Done(Settings s, HubSession session, string commandId) =>
        Texts.Format(Texts.FloorRequested, s.Speaker!.Trim(), commandId);

    static string? Nfc(string? text) => text?.Normalize(System.Text.NormalizationForm.FormC);
}
