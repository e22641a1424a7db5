using System.Text.Json.Serialization;

namespace EventHub.Domain.Protocol;

// The records that cross the wire, in both the JSON and the MessagePack hub protocols.
// Times are Unix milliseconds (UTC) so every client language reads them the same way.

public sealed record ActorInfo(string Role, string? Site, string Name, string Id);

/// <summary>One event of the forum's log as a client receives it. <c>Data</c> is the event's JSON.</summary>
public sealed record EventEnvelope(long Seq, long At, ActorInfo Actor, string Type, int V, string Data);

/// <summary>The log's identity and length. A changed epoch means the log was recreated.</summary>
public sealed record LogPosition(string Epoch, long Head);

public sealed record ResumeRequest(string? Epoch, long AfterSeq);

/// <summary>
/// Everything after the caller's position: either the events themselves, or (when the caller is too far
/// behind or on another epoch) a snapshot of the state at <c>SnapshotSeq</c> followed by the later events.
/// </summary>
public sealed record ResumeResult(
    string Epoch, long Head, string? Snapshot, long SnapshotSeq, IReadOnlyList<EventEnvelope> Events);

/// <param name="RetryAfterMs">Only on <c>rate.limited</c>: milliseconds until the same call can succeed.</param>
public sealed record ErrorInfo(string Code, string Message, string MessageEn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? RetryAfterMs = null);

/// <summary>The answer to every command. A duplicate carries the first outcome's sequence numbers.</summary>
public sealed record CommandResult(
    bool Ok, string CommandId, long FirstSeq, long LastSeq, bool Duplicate, ErrorInfo? Error)
{
    /// <summary>Appended as events <paramref name="firstSeq"/>..<paramref name="lastSeq"/> (by this call, or by the first one when a duplicate).</summary>
    public static CommandResult Written(string commandId, long firstSeq, long lastSeq, bool duplicate = false) =>
        new(true, commandId, firstSeq, lastSeq, duplicate, null);

    /// <summary>Accepted, and nothing needed to change: no event.</summary>
    public static CommandResult Unchanged(string commandId, bool duplicate = false) => new(true, commandId, 0, 0, duplicate, null);

    public static CommandResult Failed(string commandId, ErrorInfo error) => new(false, commandId, 0, 0, false, error);
}

/// <summary>Who the token says you are, returned by WhoAmI and the token endpoint.</summary>
/// <param name="Node">The hub node this connection is on (support and load tests: which node a client landed on).</param>
public sealed record Identity(string Role, string? Site, string Name, string Id, string? Node = null);

public static class ClientMethods
{
    /// <summary>A committed event: <see cref="EventEnvelope"/>.</summary>
    public const string Event = "Event";
    /// <summary>
    /// Several committed events in log order, <see cref="EventEnvelope"/>[]: what a node had waiting for a connection
    /// when it wrote. Apply them one by one, exactly as if each came as an <see cref="Event"/>.
    /// </summary>
    public const string Events = "Events";
    /// <summary>The log's position, sent every few seconds so an idle client notices what it missed.</summary>
    public const string Position = "Position";
}

/// <summary>
/// The hub's methods (client → hub), one name each: the server, the client library, the tests and the load tests
/// all use these, and a test checks the list against the hub itself. docs/protocol.md documents each.
/// </summary>
public static class HubMethods
{
    public const string WhoAmI = "WhoAmI";
    public const string Resume = "Resume";
    public const string GetSnapshot = "GetSnapshot";
    public const string RefreshToken = "RefreshToken";

    // speaker queue: agenda
    public const string AddAgendaItem = "AddAgendaItem";
    public const string RenameAgendaItem = "RenameAgendaItem";
    public const string MoveAgendaItem = "MoveAgendaItem";
    public const string SetCurrentAgendaItem = "SetCurrentAgendaItem";
    public const string SetListOptions = "SetListOptions";
    public const string CloseList = "CloseList";
    public const string ReopenList = "ReopenList";
    public const string ClearList = "ClearList";

    // speaker queue: requests
    public const string RequestFloor = "RequestFloor";
    public const string WithdrawRequest = "WithdrawRequest";
    public const string AddSpeaker = "AddSpeaker";
    public const string ApproveRequest = "ApproveRequest";
    public const string DeclineRequest = "DeclineRequest";
    public const string MoveRequest = "MoveRequest";
    public const string MoveToTop = "MoveToTop";
    public const string RemoveRequest = "RemoveRequest";
    public const string ApplyOrder = "ApplyOrder";
    public const string ReAddLastSpeaker = "ReAddLastSpeaker";

    // speaker queue: the floor
    public const string CallNext = "CallNext";
    public const string GiveFloor = "GiveFloor";
    public const string EndSpeech = "EndSpeech";
    public const string PauseSpeech = "PauseSpeech";
    public const string ResumeSpeech = "ResumeSpeech";
    public const string AddTime = "AddTime";
    public const string SuggestFairOrder = "SuggestFairOrder";
    public const string GetSpeakingReport = "GetSpeakingReport";

    // attendance and roll call
    public const string CheckIn = "CheckIn";
    public const string UpdateHeadcount = "UpdateHeadcount";
    public const string CheckOut = "CheckOut";
    public const string RemoveDelegate = "RemoveDelegate";
    public const string ReadmitDelegate = "ReadmitDelegate";
    public const string ConfirmAwardee = "ConfirmAwardee";
    public const string StartRollCall = "StartRollCall";
    public const string ConfirmRollCall = "ConfirmRollCall";
    public const string CloseRollCall = "CloseRollCall";

    // presence
    public const string GetBoard = "GetBoard";
    public const string Pong = "Pong";

    // live Q&A
    public const string ConfigureQandA = "ConfigureQandA";
    public const string OpenQandA = "OpenQandA";
    public const string CloseQandA = "CloseQandA";
    public const string HighlightQuestion = "HighlightQuestion";
    public const string AskQuestion = "AskQuestion";
    public const string EditQuestion = "EditQuestion";
    public const string WithdrawQuestion = "WithdrawQuestion";
    public const string VoteQuestion = "VoteQuestion";
    public const string UnvoteQuestion = "UnvoteQuestion";
    public const string PublishQuestion = "PublishQuestion";
    public const string DismissQuestion = "DismissQuestion";
    public const string MergeQuestions = "MergeQuestions";
    public const string LabelQuestion = "LabelQuestion";
    public const string MarkAnswered = "MarkAnswered";
    public const string MyQuestions = "MyQuestions";
}
