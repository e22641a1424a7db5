using EventHub.Domain.Forum;

namespace EventHub.Domain.Attendance;

/// <summary>Roll call rules. <c>now</c> (Unix ms) decides whether an answer is still in time.</summary>
public static class RollCallDecider
{
    public const int MinDeadlineSeconds = 10;
    public const int MaxDeadlineSeconds = 3_600;

    public static IReadOnlyList<ForumEvent> Decide(ForumState state, RollCallCommand command, long now) => command switch
    {
        StartRollCall c => Start(state, c, now),
        ConfirmRollCall c => Confirm(state.Attendance, c, now),
        CloseRollCall c => Close(state, Find(state.Attendance, c.RollCallId)),
        _ => throw Errors.Forbidden(),
    };

    static IReadOnlyList<ForumEvent> Start(ForumState state, StartRollCall c, long now)
    {
        var id = Text.Required(c.RollCallId, "rollCallId", 64);
        var deadline = Text.InRange(c.DeadlineSeconds, "deadlineSeconds", MinDeadlineSeconds, MaxDeadlineSeconds);
        if (state.Attendance.FindRollCall(id) is not null) throw Errors.RollCallExists(id);
        var started = new RollCallStarted(id, deadline);
        return state.Attendance.UnclosedRollCall switch
        {
            null => [started],
            // The last one's deadline has passed but nobody closed it: close it first, so its result is in the log.
            var last when now > last.DeadlineAt => [.. Close(state, last), started],
            var last => throw Errors.RollCallStillOpen(last.Id),
        };
    }

    static IReadOnlyList<ForumEvent> Confirm(AttendanceState state, ConfirmRollCall c, long now)
    {
        var rollCall = Find(state, c.RollCallId);
        if (rollCall.Confirmed.ContainsKey(c.Site)) return []; // a second press changes nothing
        if (!rollCall.AcceptsAnswers(now)) throw Errors.RollCallClosed(rollCall.Id);
        if (!state.Site(c.Site).CheckedIn) throw Errors.NotCheckedIn(c.Site);
        return [new RollCallConfirmed(rollCall.Id, c.Site)];
    }

    static IReadOnlyList<ForumEvent> Close(ForumState state, RollCallRecord rollCall)
    {
        if (rollCall.ClosedAt is not null) return [];
        var answered = rollCall.Confirmed.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key).ToList();
        var missing = state.SiteCodes.Where(s => !rollCall.Confirmed.ContainsKey(s)).ToList();
        return [new RollCallClosed(rollCall.Id, answered, missing)];
    }

    static RollCallRecord Find(AttendanceState state, string? id) =>
        state.FindRollCall(Text.Required(id, "rollCallId", 64)) ?? throw Errors.UnknownRollCall(id!);
}
