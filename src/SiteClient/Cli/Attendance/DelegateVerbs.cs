namespace EventHub.SiteClient.Cli.Attendance;

public class DelegateSettings : CommandOptions
{
    [CommandArgument(0, "<DELEGATE>")]
    [LocalizedDescription(nameof(Texts.ArgDelegate))]
    public string DelegateId { get; init; } = "";
}

/// <summary><c>moderator remove-delegate ID</c>.</summary>
public sealed class RemoveDelegateCommand(CliEnvironment env) : HubCommand<DelegateSettings>(env)
{
    protected override string Method => HubMethods.RemoveDelegate;
    protected override ICommandRequest? Request(DelegateSettings s, string commandId, ForumState forum) => new DelegateRequest(commandId, s.DelegateId);
    protected override string Done(DelegateSettings s, HubSession session, string commandId) => Texts.Format(Texts.DelegateRemoved, s.DelegateId);
}

/// <summary><c>moderator readmit-delegate ID</c>.</summary>
public sealed class ReadmitDelegateCommand(CliEnvironment env) : HubCommand<DelegateSettings>(env)
{
    protected override string Method => HubMethods.ReadmitDelegate;
    protected override ICommandRequest? Request(DelegateSettings s, string commandId, ForumState forum) => new DelegateRequest(commandId, s.DelegateId);
    protected override string Done(DelegateSettings s, HubSession session, string commandId) => Texts.Format(Texts.DelegateReadmitted, s.DelegateId);
}
