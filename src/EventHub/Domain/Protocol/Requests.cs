namespace EventHub.Domain.Protocol;

// What clients send to the hub's command methods. Every command carries a client-generated id:
// sending the same id again returns the first outcome and changes nothing.

public interface ICommandRequest
{
    string CommandId { get; }
}

/// <summary><c>Site</c> may be left out by a site host (their own site is meant); the moderator names it.</summary>
public sealed record CheckInRequest(string CommandId, string? Site, string? Lead, int Headcount) : ICommandRequest;

public sealed record HeadcountRequest(string CommandId, string? Site, int Headcount) : ICommandRequest;

public sealed record SiteRequest(string CommandId, string? Site) : ICommandRequest;
