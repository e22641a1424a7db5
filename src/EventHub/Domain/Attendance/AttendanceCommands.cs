using EventHub.Domain.Forum;

namespace EventHub.Domain.Attendance;

public abstract record AttendanceCommand : ForumCommand;

public sealed record CheckIn(string Site, string Lead, int Headcount) : AttendanceCommand, ISiteCommand;

public sealed record UpdateHeadcount(string Site, int Headcount) : AttendanceCommand, ISiteCommand;

public sealed record CheckOut(string Site) : AttendanceCommand, ISiteCommand;

public sealed record JoinAsDelegate(string Site, string DelegateId, string Name, string? Agency, bool Awardee)
    : AttendanceCommand, ISiteCommand;
