namespace EventHub.Domain.Protocol;

// What clients send to the hub's command methods. Every command carries a client-generated id:
// sending the same id again returns the first outcome and changes nothing.

public interface ICommandRequest
{
    string CommandId { get; }
}

// Each capability keeps its requests beside this file (AttendanceRequests.cs, …).
