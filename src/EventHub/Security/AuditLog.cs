namespace EventHub.Security;

/// <summary>
/// The audit trail, under the category "EventHub.Audit": who logged in (or failed to) from where, every moderator
/// action with its outcome, delegate removals and readmissions, lockouts. Enough to answer "who removed this
/// delegate, from where, when" after the forum. A key or join code is never written, only the role and site it
/// was tried for.
/// </summary>
public static partial class AuditLog
{
    public const string Category = "EventHub.Audit";

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Login: {Role} {ActorId} ({Name}) of site {Site} from {Client}")]
    public static partial void LoginSucceeded(ILogger logger, string role, string actorId, string name, string? site, string client);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning,
        Message = "Failed login as {Role} for site {Site} from {Client}: {Code}")]
    public static partial void LoginFailed(ILogger logger, string? role, string? site, string client, string code);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning,
        Message = "Logins locked out for {Scope} {Key} for {Seconds} s after repeated wrong keys or codes")]
    public static partial void LockedOut(ILogger logger, string scope, string key, int seconds);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information,
        Message = "Moderator action {Method} by {ActorId} ({ActorName}) from {Client} on connection {ConnectionId}: command {CommandId}, site {Site}, result {Result}; request {Request}")]
    public static partial void ModeratorAction(ILogger logger, string method, string actorId, string actorName, string client,
        string connectionId, string? commandId, string? site, string result, string request);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information,
        Message = "Delegate {DelegateId} ({DelegateName}, site {Site}) removed by {ActorId} ({ActorName}) from {Client}, command {CommandId}")]
    public static partial void DelegateRemoved(ILogger logger, string delegateId, string? delegateName, string? site,
        string actorId, string actorName, string client, string? commandId);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information,
        Message = "Delegate {DelegateId} ({DelegateName}, site {Site}) readmitted by {ActorId} ({ActorName}) from {Client}, command {CommandId}")]
    public static partial void DelegateReadmitted(ILogger logger, string delegateId, string? delegateName, string? site,
        string actorId, string actorName, string client, string? commandId);

    /// <summary>A refusal is expected (a display asking for the board, a second check-in): low level, no stack.</summary>
    [LoggerMessage(EventId = 6007, Level = LogLevel.Debug,
        Message = "Refused {Method} for {Role} {ActorId} from {Client}: {Code}")]
    public static partial void Refused(ILogger logger, string method, string role, string actorId, string client, string code);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Information,
        Message = "Site host action {Method} by {ActorId} from {Client}: command {CommandId}, result {Result}; request {Request}")]
    public static partial void HostAction(ILogger logger, string method, string actorId, string client, string? commandId,
        string result, string request);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information,
        Message = "Logout: {Role} {ActorId} of site {Site} from {Client}; the session's tokens are refused on every node")]
    public static partial void LoggedOut(ILogger logger, string role, string actorId, string? site, string client);

    /// <summary>The key itself is never written: the scope and its new generation say which tokens ended.</summary>
    [LoggerMessage(EventId = 6021, Level = LogLevel.Warning,
        Message = "Key {Scope} rotated to generation {Generation} by the operator from {Client}; tokens of the old key end")]
    public static partial void KeyRotated(ILogger logger, string scope, int generation, string client);

    /// <summary>The address a request came from, as the forwarded-headers middleware resolved it ("?" when unknown).</summary>
    public static string ClientOf(HttpContext? http) => http?.Connection.RemoteIpAddress?.ToString() ?? "?";
}
