namespace EventHub.SiteClient.Cli.Moderator;

// The moderator's list verbs: each names the hub method, the request, and what it says when done.

public sealed class ApproveCommand(CliEnvironment env) : HubCommand<RequestIdSettings>(env)
{
    protected override string Method => HubMethods.ApproveRequest;
    protected override ICommandRequest? Request(RequestIdSettings s, string commandId, ForumState forum) => new QueueEntryRequest(commandId, s.RequestId);
    protected override string Done(RequestIdSettings s, HubSession session, string commandId) => Texts.Format(Texts.RequestApproved, s.RequestId);
}

public sealed class DeclineCommand(CliEnvironment env) : HubCommand<DeclineCommand.Settings>(env)
{
    public sealed class Settings : RequestIdSettings
    {
        [CommandOption("--reason <TEXT>")]
        [LocalizedDescription(nameof(Texts.OptReason))]
        public string? Reason { get; init; }
    }

    protected override string Method => HubMethods.DeclineRequest;
    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) =>
        new DeclineEntryRequest(commandId, s.RequestId, Nfc(s.Reason));
    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Format(Texts.RequestDeclined, s.RequestId);
}

public sealed class RemoveCommand(CliEnvironment env) : HubCommand<RequestIdSettings>(env)
{
    protected override string Method => HubMethods.RemoveRequest;
    protected override ICommandRequest? Request(RequestIdSettings s, string commandId, ForumState forum) => new QueueEntryRequest(commandId, s.RequestId);
    protected override string Done(RequestIdSettings s, HubSession session, string commandId) => Texts.Format(Texts.RequestRemoved, s.RequestId);
}

public sealed class CloseListCommand(CliEnvironment env) : HubCommand<ItemSettings>(env)
{
    protected override string Method => HubMethods.CloseList;
    protected override ICommandRequest? Request(ItemSettings s, string commandId, ForumState forum) => new AgendaItemRequest(commandId, s.Item);
    protected override string Done(ItemSettings s, HubSession session, string commandId) => Texts.Get(Texts.ListClosed);
}

public sealed class ReopenListCommand(CliEnvironment env) : HubCommand<ItemSettings>(env)
{
    protected override string Method => HubMethods.ReopenList;
    protected override ICommandRequest? Request(ItemSettings s, string commandId, ForumState forum) => new AgendaItemRequest(commandId, s.Item);
    protected override string Done(ItemSettings s, HubSession session, string commandId) => Texts.Get(Texts.ListReopened);
}

public sealed class ClearListCommand(CliEnvironment env) : HubCommand<ItemSettings>(env)
{
    protected override string Method => HubMethods.ClearList;
    protected override ICommandRequest? Request(ItemSettings s, string commandId, ForumState forum) => new AgendaItemRequest(commandId, s.Item);
    protected override string Done(ItemSettings s, HubSession session, string commandId) => Texts.Get(Texts.ListCleared);
}

public sealed class MoveToTopCommand(CliEnvironment env) : HubCommand<RequestIdSettings>(env)
{
    protected override string Method => HubMethods.MoveToTop;
    protected override ICommandRequest? Request(RequestIdSettings s, string commandId, ForumState forum) => new QueueEntryRequest(commandId, s.RequestId);
    protected override string Done(RequestIdSettings s, HubSession session, string commandId) => Texts.Format(Texts.MovedToTop, s.RequestId);
}

/// <summary><c>moderator re-add-last</c>: the last speaker back on the list; the new entry's id is the command id.</summary>
public sealed class ReAddLastCommand(CliEnvironment env) : HubCommand<CommandOptions>(env)
{
    protected override string Method => HubMethods.ReAddLastSpeaker;
    protected override (string Code, Phrase Message) NothingToDo => ("queue.no_last_speaker", Texts.NoLastSpeaker);
    protected override ICommandRequest? Request(CommandOptions s, string commandId, ForumState forum) =>
        forum.SpeakerQueue.LastSpeakerId is null ? null : new BareCommandRequest(commandId);
    protected override string Done(CommandOptions s, HubSession session, string commandId) => Texts.Format(Texts.LastReAdded, commandId);
}

/// <summary>
/// <c>moderator list-options [--item ID] [--seconds N] [--one-per-site true|false]</c>: the hub takes both
/// settings at once, so the one not given keeps the item's current value (from the local copy).
/// </summary>
public sealed class ListOptionsCommand(CliEnvironment env) : HubCommand<ListOptionsCommand.Settings>(env)
{
    public sealed class Settings : ItemSettings
    {
        [CommandOption("--seconds <SECONDS>")]
        [LocalizedDescription(nameof(Texts.OptListSeconds))]
        public int? Seconds { get; init; }

        [CommandOption("--one-per-site <BOOL>")]
        [LocalizedDescription(nameof(Texts.OptOnePerSite))]
        public bool? OnePerSite { get; init; }

        public override ValidationResult Validate() => Seconds is < 1 or > 3600 ? Fail(Texts.SecondsRange) : base.Validate();
    }

    protected override string Method => HubMethods.SetListOptions;
    protected override (string Code, Phrase Message) NothingToDo => ("agenda.no_current_item", Texts.NoCurrentItem);

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum)
    {
        var queue = forum.SpeakerQueue;
        var item = s.Item is null ? queue.CurrentItem : queue.Item(s.Item);
        if (item is null && s.Item is null) return null;
        // An item this copy does not know: let the hub name the problem (agenda.unknown_item).
        return new ListOptionsRequest(commandId, s.Item, s.Seconds ?? item?.DefaultSpeakingSeconds ?? 180,
            s.OnePerSite ?? item?.OneRequestPerSite ?? true);
    }

    protected override string Done(Settings s, HubSession session, string commandId)
    {
        var queue = Forum.SpeakerQueue;
        var item = s.Item is null ? queue.CurrentItem : queue.Item(s.Item);
        if (item is null) return Texts.Get(Texts.NothingChanged);
        return Texts.Format(Texts.ListOptionsSet, item.Title, item.DefaultSpeakingSeconds, Texts.Get(item.OneRequestPerSite ? Texts.Yes : Texts.No));
    }
}
