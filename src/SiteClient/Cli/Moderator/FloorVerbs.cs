namespace EventHub.SiteClient.Cli.Moderator;

// The floor. Each verb names the speech this console sees (from its up-to-date local copy), so when another
// console acted first the hub refuses with queue.floor_changed / queue.not_speaking instead of acting twice.

public sealed class NextCommand(CliEnvironment env) : HubCommand<FloorSettings>(env)
{
    protected override string Method => HubMethods.CallNext;
    protected override ICommandRequest? Request(FloorSettings s, string commandId, ForumState forum) =>
        new CallNextRequest(commandId, forum.SpeakerQueue.Floor?.RequestId, s.Limit);
    protected override string Done(FloorSettings s, HubSession session, string commandId) => Texts.Get(Texts.FloorGiven);
}

public sealed class GiveFloorCommand(CliEnvironment env) : HubCommand<GiveFloorCommand.Settings>(env)
{
    public sealed class Settings : FloorSettings
    {
        [CommandArgument(0, "<REQUEST>")]
        [LocalizedDescription(nameof(Texts.ArgRequest))]
        public string RequestId { get; init; } = "";
    }

    protected override string Method => HubMethods.GiveFloor;
    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) =>
        new GiveFloorRequest(commandId, s.RequestId, forum.SpeakerQueue.Floor?.RequestId, s.Limit);
    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Get(Texts.FloorGiven);
}

/// <summary>End, pause, resume: they act on the speech in progress.</summary>
public abstract class SpeechCommand<TSettings>(CliEnvironment env) : HubCommand<TSettings>(env) where TSettings : CommandOptions
{
    protected override (string Code, Phrase Message) NothingToDo => ("queue.not_speaking", Texts.NobodySpeaking);

    protected override ICommandRequest? Request(TSettings s, string commandId, ForumState forum) =>
        forum.SpeakerQueue.Floor is { } floor ? Make(s, commandId, floor.RequestId) : null;

    protected virtual ICommandRequest Make(TSettings s, string commandId, string requestId) => new QueueEntryRequest(commandId, requestId);
}

public sealed class EndCommand(CliEnvironment env) : SpeechCommand<CommandOptions>(env)
{
    protected override string Method => HubMethods.EndSpeech;
    protected override string Done(CommandOptions s, HubSession session, string commandId) => Texts.Get(Texts.SpeechEnded);
}

public sealed class PauseCommand(CliEnvironment env) : SpeechCommand<CommandOptions>(env)
{
    protected override string Method => HubMethods.PauseSpeech;
    protected override string Done(CommandOptions s, HubSession session, string commandId) => Texts.Get(Texts.SpeechPaused);
}

public sealed class ResumeCommand(CliEnvironment env) : SpeechCommand<CommandOptions>(env)
{
    protected override string Method => HubMethods.ResumeSpeech;
    protected override string Done(CommandOptions s, HubSession session, string commandId) => Texts.Get(Texts.SpeechResumed);
}

public sealed class AddTimeCommand(CliEnvironment env) : SpeechCommand<AddTimeCommand.Settings>(env)
{
    public sealed class Settings : CommandOptions
    {
        [CommandArgument(0, "<SECONDS>")]
        [LocalizedDescription(nameof(Texts.ArgSeconds))]
        public int Seconds { get; init; }

        public override ValidationResult Validate() => Seconds is < 1 or > 3600 ? Fail(Texts.SecondsRange) : base.Validate();
    }

    protected override string Method => HubMethods.AddTime;
    protected override ICommandRequest Make(Settings s, string commandId, string requestId) => new AddTimeRequest(commandId, requestId, s.Seconds);
    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Format(Texts.TimeAdded, s.Seconds);
}
