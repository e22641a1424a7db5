using EventHub.Domain.Forum;

namespace EventHub.Domain.Attendance;

public interface IAttendanceEvent;

public sealed record SiteCheckedIn(string Site, string Lead, int Headcount) : ForumEvent, IAttendanceEvent, ISiteEvent;

public sealed record HeadcountUpdated(string Site, int Headcount) : ForumEvent, IAttendanceEvent, ISiteEvent;

public sealed record SiteCheckedOut(string Site) : ForumEvent, IAttendanceEvent, ISiteEvent;

/// <summary>A delegate joined through their site's code. Name and agency are private to the moderator and the site.</summary>
public sealed record DelegateJoined(string DelegateId, string Site, string Name, string? Agency, bool Awardee)
    : ForumEvent, IAttendanceEvent, ISiteEvent;
