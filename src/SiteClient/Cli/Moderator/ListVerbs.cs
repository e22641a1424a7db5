using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.SiteClient.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace EventHub.SiteClient.Cli.Moderator;

/// <summary><c>moderator add-speaker --speaker … [--site X] [--position N]</c>: approved at once; its id is the command id.</summary>
public sealed class AddSpeakerCommand(CliEnvironment env) : HubCommand<AddSpeakerCommand.Settings>(env)
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

        [CommandOption("--site <CODE>")]
        [LocalizedDescription(nameof(Texts.OptHallSite))]
        public string? Site { get; init; }

        [CommandOption("--item <ID>")]
        [LocalizedDescription(nameof(Texts.OptItem))]
        public string? Item { get; init; }

        [CommandOption("--position <N>")]
        [LocalizedDescription(nameof(Texts.OptPosition))]
        public int? Position { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Speaker)) return Fail(Texts.SpeakerRequired);
            return Position is < 1 ? Fail(Texts.PositionRange) : base.Validate();
        }
    }

    protected override string Method => HubMethods.AddSpeaker;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) =>
        new NewSpeakerRequest(commandId, s.Item, ModeratorSite.Normalize(s.Site), Nfc(s.Speaker), Nfc(s.SpeakerTitle), Nfc(s.Topic), s.Position);

    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Format(Texts.SpeakerAdded, s.Speaker!.Trim(), commandId);

    static string? Nfc(string? text) => text?.Normalize(System.Text.NormalizationForm.FormC);
}

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
