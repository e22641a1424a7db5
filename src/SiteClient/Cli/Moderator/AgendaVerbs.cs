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
        new NewAgendaItemRequest(commandId, Nfc(s.Title), s.Seconds);
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
        Texts.Format(Texts.ItemSet, Forum.SpeakerQueue.Item(s.ItemId)?.Title ?? s.ItemId);
}

/// <summary><c>moderator agenda rename ITEM --title …</c>.</summary>
public sealed class AgendaRenameCommand(CliEnvironment env) : HubCommand<AgendaRenameCommand.Settings>(env)
{
    public sealed class Settings : CommandOptions
    {
        [CommandArgument(0, "<ITEM>")]
        [LocalizedDescription(nameof(Texts.ArgItem))]
        public string ItemId { get; init; } = "";

        [CommandOption("--title <TITLE>")]
        [LocalizedDescription(nameof(Texts.OptTitle))]
        public string? Title { get; init; }

        public override ValidationResult Validate() => string.IsNullOrWhiteSpace(Title) ? Fail(Texts.TitleRequired) : base.Validate();
    }

    protected override string Method => HubMethods.RenameAgendaItem;
    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) => new AgendaTitleRequest(commandId, s.ItemId, Nfc(s.Title));
    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Format(Texts.ItemRenamed, s.Title!.Trim());
}

/// <summary><c>moderator agenda move ITEM POSITION</c>.</summary>
public sealed class AgendaMoveCommand(CliEnvironment env) : HubCommand<AgendaMoveCommand.Settings>(env)
{
    public sealed class Settings : CommandOptions
    {
        [CommandArgument(0, "<ITEM>")]
        [LocalizedDescription(nameof(Texts.ArgItem))]
        public string ItemId { get; init; } = "";

        [CommandArgument(1, "<POSITION>")]
        [LocalizedDescription(nameof(Texts.ArgPosition))]
        public int Position { get; init; }

        public override ValidationResult Validate() => Position < 1 ? Fail(Texts.PositionRange) : base.Validate();
    }

    protected override string Method => HubMethods.MoveAgendaItem;
    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) => new AgendaPositionRequest(commandId, s.ItemId, s.Position);
    protected override string Done(Settings s, HubSession session, string commandId) =>
        Texts.Format(Texts.ItemMoved, Forum.SpeakerQueue.Item(s.ItemId)?.Title ?? s.ItemId, s.Position);
}
