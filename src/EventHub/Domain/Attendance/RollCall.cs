using EventHub.Domain.Forum;

namespace EventHub.Domain.Attendance;

// Roll call (điểm danh): the moderator asks every site to confirm it is there, with a deadline.
// Its commands are not AttendanceCommands because deciding them needs the clock and the forum's site list.

public abstract record RollCallCommand : ForumCommand;

public sealed record StartRollCall(string RollCallId, int DeadlineSeconds) : RollCallCommand;

public sealed record ConfirmRollCall(string Site, string RollCallId) : RollCallCommand, ISiteCommand;

public sealed record CloseRollCall(string RollCallId) : RollCallCommand;

/// <summary>The deadline is counted from the event's commit time (its <see cref="EventContext.At"/>).</summary>
public sealed record RollCallStarted(string RollCallId, int DeadlineSeconds) : ForumEvent, IAttendanceEvent;

public sealed record RollCallConfirmed(string RollCallId, string Site) : ForumEvent, IAttendanceEvent, ISiteEvent;

/// <summary>The result kept in the log: the sites that answered (in the order they did) and every other site.</summary>
public sealed record RollCallClosed(string RollCallId, IReadOnlyList<string> Answered, IReadOnlyList<string> Missing)
    : ForumEvent, IAttendanceEvent;
