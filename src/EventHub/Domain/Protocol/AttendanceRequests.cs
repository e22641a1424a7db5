namespace EventHub.Domain.Protocol;

// What the attendance hub methods take. docs/protocol.md (section 7) documents each.

/// <summary><c>Site</c> may be left out by a site host (their own site is meant); the moderator names it.</summary>
public sealed record CheckInRequest(string CommandId, string? Site, string? Lead, int Headcount) : ICommandRequest;

public sealed record HeadcountRequest(string CommandId, string? Site, int Headcount) : ICommandRequest;

public sealed record SiteRequest(string CommandId, string? Site) : ICommandRequest;

/// <summary>RemoveDelegate / ReadmitDelegate: the delegate's id (from their DelegateJoined event).</summary>
public sealed record DelegateRequest(string CommandId, string? DelegateId) : ICommandRequest;

/// <summary>StartRollCall. <c>RollCallId</c> left out means "use the command id".</summary>
public sealed record StartRollCallRequest(string CommandId, string? RollCallId, int DeadlineSeconds) : ICommandRequest;

/// <summary>
/// ConfirmRollCall (host: <c>Site</c> may be left out) and CloseRollCall. <c>RollCallId</c> left out means the
/// roll call that is not yet closed.
/// </summary>
public sealed record RollCallRequest(string CommandId, string? Site, string? RollCallId) : ICommandRequest;
