using EventHub.Domain.SpeakerQueue;

namespace EventHub.SiteClient.Cli.Queue;

/// <summary><c>withdraw [REQUEST]</c>: without an id, the site's first queued request in the current list.</summary>
public sealed class WithdrawCommand(CliEnvironment env) : HubCommand<WithdrawCommand.Settings>(env)
{
    public sealed class Settings : CommandOptions
    {
        [CommandArgument(0, "[REQUEST]")]
        [LocalizedDescription(nameof(Texts.ArgRequest))]
        public string? RequestId { get; init; }
    }

    protected override string Method => HubMethods.WithdrawRequest;

    protected override (string Code, Phrase Message) NothingToDo => ("queue.unknown_request", Texts.NoOwnRequest);

    string? _chosen;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum)
    {
        var id = _chosen = s.RequestId ?? (Login.Site is { } site
            ? SpeakerQueueQueries.PositionsOf(forum.SpeakerQueue, site).FirstOrDefault()?.RequestId
            : null);
        return id is null ? null : new QueueEntryRequest(commandId, id);
    }

    protected override string Done(Settings s, HubSession session, string commandId) =>
        Texts.Format(Texts.Withdrawn, _chosen);
}
