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
            RemoveDelegate c => Delegate(state, c.DelegateId) is { Removed: false } d
                ? [new DelegateRemoved(d.Id, d.Site) { Awardee = d.Awardee }]
                : [],
            ReadmitDelegate c => Delegate(state, c.DelegateId) is { Removed: true } d
                ? [new DelegateReadmitted(d.Id, d.Site) { Awardee = d.Awardee }]
                : [],
            ConfirmAwardee c => ConfirmAwardee(state, c, actor),
            // The system's alerts: a site that checked out meanwhile, or an alert already raised, is nothing new.
            ReportHostLost c => state.Site(c.Site) is { CheckedIn: true, HostLost: false }
                ? [new SiteHostLost(c.Site, c.LastHeardAt)]
                : [],
            ReportHostBack c => state.Site(c.Site).HostLost ? [new SiteHostBack(c.Site)] : [],
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
        // The same person joining again (a second phone, a reload) is the same delegate: no new event;
        // a removed one stays out until the moderator readmits them.
        return state.FindDelegate(c.Site, name) switch
        {
            { Removed: true } => throw Errors.DelegateRemoved(),
            not null => [],
            null => [new DelegateJoined(c.DelegateId, c.Site, name, agency, c.Recognised)
                { AwardeeClaimed = c.Awardee && !c.Recognised }],
        };
    }

    /// <summary>A host confirms only their own site's delegates; a removed delegate is not counted, so not confirmed.</summary>
    static IReadOnlyList<ForumEvent> ConfirmAwardee(AttendanceState state, ConfirmAwardee c, Actor actor)
    {
        var d = Delegate(state, c.DelegateId);
        if (actor.Role == Role.SiteHost && d.Site != actor.Site) throw Errors.OtherSite();
        if (d.Removed) throw Errors.DelegateRemoved();
        return d.Awardee ? [] : [new AwardeeConfirmed(d.Id, d.Site)];
    }

    static DelegateRecord Delegate(AttendanceState state, string? id) =>
        state.Delegates.GetValueOrDefault(Text.Required(id, "delegateId", 64)) ?? throw Errors.UnknownDelegate(id!);
}
