using EventHub.Domain.Forum;

namespace EventHub.Domain.Attendance;

public abstract record AttendanceCommand : ForumCommand;

public sealed record CheckIn(string Site, string Lead, int Headcount) : AttendanceCommand, ISiteCommand;

public sealed record UpdateHeadcount(string Site, int Headcount) : AttendanceCommand, ISiteCommand;

public sealed record CheckOut(string Site) : AttendanceCommand, ISiteCommand;

/// <param name="Awardee">The joiner says they are an award recipient: a claim, until it is recognised or confirmed.</param>
public sealed record JoinAsDelegate(string Site, string DelegateId, string Name, string? Agency, bool Awardee)
    : AttendanceCommand, ISiteCommand
{
    /// <summary>
    /// The name is on the organisers' list of recipients (<see cref="AwardRecipients"/>), as the token endpoint,
    /// the only place that builds this command, found it.
    /// </summary>
    public bool Recognised { get; init; }
}

/// <summary>Moderator, or the delegate's own site host: this delegate is an award recipient.</summary>
public sealed record ConfirmAwardee(string DelegateId) : AttendanceCommand;

/// <summary>Moderator: take a delegate out (a wrong or abusive name). Their token stops working.</summary>
public sealed record RemoveDelegate(string DelegateId) : AttendanceCommand;

/// <summary>Moderator: let a removed delegate back in (the only way they can join again under that name).</summary>
public sealed record ReadmitDelegate(string DelegateId) : AttendanceCommand;

/// <summary>System: a checked-in site's host has not been heard for longer than the alert threshold.</summary>
public sealed record ReportHostLost(string Site, long LastHeardAt) : AttendanceCommand, ISiteCommand;

/// <summary>System: the host of a site reported lost is connected again.</summary>
public sealed record ReportHostBack(string Site) : AttendanceCommand, ISiteCommand;
