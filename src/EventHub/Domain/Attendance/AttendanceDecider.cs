using EventHub.Domain.Forum;

namespace EventHub.Domain.Attendance;

public static class AttendanceDecider
{
    /// <summary>A bridge point holds at most this many people; more is a typing slip, not a crowd.</summary>
    public const int MaxHeadcount = 5_000;

    public static IReadOnlyList<ForumEvent> Decide(AttendanceState state, AttendanceCommand command, Actor actor) =>
        command switch
        {
            CheckIn c => CheckIn(state, c),
            UpdateHeadcount c => UpdateHeadcount(state, c),
            CheckOut c => CheckOut(state, c),
            JoinAsDelegate c => Join(state, c),
            _ => throw Errors.Forbidden(),
        };

    static IReadOnlyList<ForumEvent> CheckIn(AttendanceState state, CheckIn c)
    {
        var lead = Text.Required(c.Lead, "lead");
        var headcount = Text.InRange(c.Headcount, "headcount", 1, MaxHeadcount);
        if (state.Site(c.Site).CheckedIn) throw Errors.AlreadyCheckedIn(c.Site);
        return [new SiteCheckedIn(c.Site, lead, headcount)];
    }

    static IReadOnlyList<ForumEvent> UpdateHeadcount(AttendanceState state, UpdateHeadcount c)
    {
        var headcount = Text.InRange(c.Headcount, "headcount", 1, MaxHeadcount);
        var site = state.Site(c.Site);
        if (!site.CheckedIn) throw Errors.NotCheckedIn(c.Site);
        return site.Headcount == headcount ? [] : [new HeadcountUpdated(c.Site, headcount)];
    }

    static IReadOnlyList<ForumEvent> CheckOut(AttendanceState state, CheckOut c) =>
        state.Site(c.Site).CheckedIn ? [new SiteCheckedOut(c.Site)] : throw Errors.NotCheckedIn(c.Site);

    static IReadOnlyList<ForumEvent> Join(AttendanceState state, JoinAsDelegate c)
    {
        var name = Text.Required(c.Name, "name");
        var agency = Text.Optional(c.Agency, "agency", Text.TopicMax);
        // The same person joining again (a second phone, a reload) is the same delegate: no new event.
        return state.FindDelegate(c.Site, name) is not null
            ? []
            : [new DelegateJoined(c.DelegateId, c.Site, name, agency, c.Awardee)];
    }
}
