using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.SiteClient.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace EventHub.SiteClient.Cli.Moderator;

/// <summary><c>moderator agenda add --title … [--seconds N]</c>: the item's id is the command id, printed.</summary>
public sealed class AgendaAddCommand(CliEnvironment env) : HubCommand<AgendaAddCommand.Settings>(env)
{
    public sealed class Settings : CommandOptions
    {
        [CommandOption("--title <TITLE>")]
        [LocalizedDescription(nameof(Texts.OptTitle))]
        public string? Title { get; init; }

        [CommandOption("--seconds <SECONDS>")]
        [LocalizedDescription(nameof(Texts.OptSeconds))]
        public int Seconds { get; init; } = 180;

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Title)) return Fail(Texts.TitleRequired);
            return Seconds is < 1 or > 3600 ? Fail(Texts.SecondsRange) : base.Validate();
        }
    }

    protected override string Method => HubMethods.AddAgendaItem;
    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) =>
        new NewAgendaItemRequest(commandId, s.Title!.Normalize(System.Text.NormalizationForm.FormC), s.Seconds);
    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Format(Texts.ItemAdded, s.Title!.Trim(), commandId);
}

/// <summary><c>moderator agenda set ITEM</c>.</summary>
public sealed class AgendaSetCommand(CliEnvironment env) : HubCommand<AgendaSetCommand.Settings>(env)
{
    public sealed class Settings : CommandOptions
    {
        [CommandArgument(0, "<ITEM>")]
        [LocalizedDescription(nameof(Texts.ArgItem))]
        public string ItemId { get; init; } = "";
    }

    protected override string Method => HubMethods.SetCurrentAgendaItem;
    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) => new AgendaItemRequest(commandId, s.ItemId);
    protected override string Done(Settings s, HubSession session, string commandId) =>
        Texts.Format(Texts.ItemSet, s.ItemId);
}
