using EventHub.Domain.Forum;

namespace EventHub.Domain.Attendance;

public interface IAttendanceEvent;

public sealed record SiteCheckedIn(string Site, string Lead, int Headcount) : ForumEvent, IAttendanceEvent, ISiteEvent;

public sealed record HeadcountUpdated(string Site, int Headcount) : ForumEvent, IAttendanceEvent, ISiteEvent;

public sealed record SiteCheckedOut(string Site) : ForumEvent, IAttendanceEvent, ISiteEvent;

/// <summary>
/// A delegate joined through their site's code. Name and agency are private to the moderator and the site.
/// <c>Awardee</c> (counted in public) is a recipient on the organisers' list; a recipient the joiner only claimed to
/// be is <c>AwardeeClaimed</c>, seen by the moderator and the site's host until one of them confirms it.
/// </summary>
public sealed record DelegateJoined(string DelegateId, string Site, string Name, string? Agency, bool Awardee)
    : ForumEvent, IAttendanceEvent, ISiteEvent
{
    public bool AwardeeClaimed { get; init; }
}

/// <summary>The moderator or the site's host confirmed that this delegate is an award recipient.</summary>
public sealed record AwardeeConfirmed(string DelegateId, string Site) : ForumEvent, IAttendanceEvent, ISiteEvent;

/// <summary><c>Awardee</c> rides along so that the public, who never learn who the delegate was, can keep count.</summary>
public sealed record DelegateRemoved(string DelegateId, string Site) : ForumEvent, IAttendanceEvent, ISiteEvent
{
    public bool Awardee { get; init; }
}

public sealed record DelegateReadmitted(string DelegateId, string Site) : ForumEvent, IAttendanceEvent, ISiteEvent
{
    public bool Awardee { get; init; }
}

/// <summary>The moderator's alert, kept in the history: the site's host has been away since <c>LastHeardAt</c> (Unix ms).</summary>
public sealed record SiteHostLost(string Site, long LastHeardAt) : ForumEvent, IAttendanceEvent, ISiteEvent;

public sealed record SiteHostBack(string Site) : ForumEvent, IAttendanceEvent, ISiteEvent;
