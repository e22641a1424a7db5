namespace EventHub.Domain.Protocol;

// What clients send to the speaker-queue hub methods (docs/protocol.md, section 6). Every one carries a
// client-generated CommandId. A method that creates something (an agenda item, a request) uses the CommandId
// as the new thing's id, so a retry with the same id can never create a second one.
// An omitted ItemId means the current agenda item.

/// <summary>A new agenda item; its id is the CommandId.</summary>
public sealed record NewAgendaItemRequest(string CommandId, string? Title, int DefaultSpeakingSeconds) : ICommandRequest;

public sealed record AgendaTitleRequest(string CommandId, string? ItemId, string? Title) : ICommandRequest;

/// <summary>Position is 1-based.</summary>
public sealed record AgendaPositionRequest(string CommandId, string? ItemId, int Position) : ICommandRequest;

public sealed record AgendaItemRequest(string CommandId, string? ItemId) : ICommandRequest;

public sealed record ListOptionsRequest(string CommandId, string? ItemId, int DefaultSpeakingSeconds, bool OneRequestPerSite)
    : ICommandRequest;

/// <summary>A site host asks the floor; the request's id is the CommandId. A host may leave Site out.</summary>
public sealed record FloorAskRequest(string CommandId, string? Site, string? ItemId, string? Speaker, string? SpeakerTitle,
    string? Topic) : ICommandRequest;

/// <summary>Names one entry of a speaker list by its request id.</summary>
public sealed record QueueEntryRequest(string CommandId, string? RequestId) : ICommandRequest;

/// <summary>The moderator adds an approved speaker; Site null means a speaker in the hall; Position null appends.</summary>
public sealed record NewSpeakerRequest(string CommandId, string? ItemId, string? Site, string? Speaker, string? SpeakerTitle,
    string? Topic, int? Position) : ICommandRequest;

public sealed record DeclineEntryRequest(string CommandId, string? RequestId, string? Reason) : ICommandRequest;

public sealed record QueuePositionRequest(string CommandId, string? RequestId, int Position) : ICommandRequest;

public sealed record QueueOrderRequest(string CommandId, string? ItemId, IReadOnlyList<string>? RequestIds) : ICommandRequest;

/// <summary>A command with nothing but its id (re-add the last speaker: the new entry's id is the CommandId).</summary>
public sealed record BareCommandRequest(string CommandId) : ICommandRequest;

/// <summary>ExpectedCurrent: the request the console shows speaking (null: nobody). Another value means someone acted first.</summary>
public sealed record CallNextRequest(string CommandId, string? ExpectedCurrent, int? LimitSeconds) : ICommandRequest;

public sealed record GiveFloorRequest(string CommandId, string? RequestId, string? ExpectedCurrent, int? LimitSeconds)
    : ICommandRequest;

public sealed record AddTimeRequest(string CommandId, string? RequestId, int Seconds) : ICommandRequest;
