namespace EventHub.SiteClient.Cli.Attendance;

/// <summary>Roll call verbs name a roll call, or mean the one still open.</summary>
public class RollCallSettings : CommandOptions
{
    [CommandOption("--id <ID>")]
    [LocalizedDescription(nameof(Texts.OptRollCall))]
    public string? RollCallId { get; init; }
}

/// <summary>Confirm and close: without <c>--id</c> they need a roll call open, which the local copy knows.</summary>
public abstract class OpenRollCallCommand(CliEnvironment env) : HubCommand<RollCallSettings>(env)
{
    protected override (string Code, Phrase Message) NothingToDo => ("rollcall.none_open", Texts.NoRollCallOpen);

    protected override ICommandRequest? Request(RollCallSettings s, string commandId, ForumState forum) =>
        s.RollCallId is null && forum.Attendance.UnclosedRollCall is null ? null : new RollCallRequest(commandId, null, s.RollCallId);
}

/// <summary><c>roll-call confirm</c>: the host says the site is there.</summary>
public sealed class RollCallConfirmCommand(CliEnvironment env) : OpenRollCallCommand(env)
{
    protected override string Method => HubMethods.ConfirmRollCall;
    protected override string Done(RollCallSettings s, HubSession session, string commandId) => Texts.Get(Texts.RollCallConfirmed);
}

/// <summary><c>moderator roll-call start [--deadline S]</c>: its id is the command id unless <c>--id</c> names one.</summary>
public sealed class RollCallStartCommand(CliEnvironment env) : HubCommand<RollCallStartCommand.Settings>(env)
{
    public sealed class Settings : RollCallSettings
    {
        [CommandOption("--deadline <SECONDS>")]
        [LocalizedDescription(nameof(Texts.OptDeadline))]
        public int Deadline { get; init; } = 120;

        public override ValidationResult Validate() => Deadline is < 10 or > 3600 ? Fail(Texts.DeadlineRange) : base.Validate();
    }

    protected override string Method => HubMethods.StartRollCall;
    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) => new StartRollCallRequest(commandId, s.RollCallId, s.Deadline);
    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Format(Texts.RollCallStarted, s.Deadline, s.RollCallId ?? commandId);
}

/// <summary><c>moderator roll-call close</c>.</summary>
public sealed class RollCallCloseCommand(CliEnvironment env) : OpenRollCallCommand(env)
{
    protected override string Method => HubMethods.CloseRollCall;
    protected override string Done(RollCallSettings s, HubSession session, string commandId) => Texts.Get(Texts.RollCallClosed);
}
