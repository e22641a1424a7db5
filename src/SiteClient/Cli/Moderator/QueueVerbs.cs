using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.SiteClient.Cli.Commands;
using Spectre.Console.Cli;

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
        new DeclineEntryRequest(commandId, s.RequestId, s.Reason?.Normalize(System.Text.NormalizationForm.FormC));
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
