using System.Collections.Immutable;
using EventHub.Domain.Forum;

namespace EventHub.Domain.Attendance;

/// <summary>One stay of a site in the forum: from check-in to check-out (open while still checked in).</summary>
public sealed record AttendanceSpell(long CheckedInAt, string Lead, long? CheckedOutAt);

public sealed record SiteAttendance
{
    public bool CheckedIn { get; init; }
    public string? Lead { get; init; }
    public int Headcount { get; init; }
    public ImmutableList<AttendanceSpell> Spells { get; init; } = [];
    /// <summary>Set by <see cref="SiteHostLost"/> until the host is back or the site checks out or in again.</summary>
    public bool HostLost { get; init; }
}

/// <summary>How many delegates a site has (not removed), and how many of them are award recipients.</summary>
public sealed record DelegateTally(int Delegates, int Awardees)
{
    public static readonly DelegateTally None = new(0, 0);

    public DelegateTally Add(int delegates, bool awardee) => new(Delegates + delegates, Awardees + (awardee ? delegates : 0));
}

public sealed record DelegateRecord(string Id, string Site, string Name, string? Agency, bool Awardee, long JoinedAt)
{
    /// <summary>Says they are an award recipient; not on the organisers' list and not yet confirmed.</summary>
    public bool AwardeeClaimed { get; init; }

    /// <summary>Removed by the moderator: their token is refused and they cannot join again under this name.</summary>
    public bool Removed { get; init; }
}

public sealed record AttendanceState
{
    public static readonly AttendanceState Empty = new();

    public ImmutableSortedDictionary<string, SiteAttendance> Sites { get; init; } =
        ImmutableSortedDictionary<string, SiteAttendance>.Empty.WithComparers(StringComparer.Ordinal);
    public ImmutableSortedDictionary<string, DelegateRecord> Delegates { get; init; } =
        ImmutableSortedDictionary<string, DelegateRecord>.Empty.WithComparers(StringComparer.Ordinal);
    public ImmutableList<RollCallRecord> RollCalls { get; init; } = [];

    /// <summary>
    /// Delegates present per site (not removed), and how many of them are award recipients. Everyone keeps these;
    /// only the moderator (and each host for their own site) keeps the records behind them, so the public copy of
    /// a 3,000-delegate forum stays small.
    /// </summary>
    public ImmutableSortedDictionary<string, DelegateTally> Tallies { get; init; } =
        ImmutableSortedDictionary<string, DelegateTally>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>"site\nname key" → delegate id, so a join is matched to an earlier one without scanning everyone.</summary>
    public ImmutableDictionary<string, string> NameIndex { get; init; } = ImmutableDictionary<string, string>.Empty;

    public SiteAttendance Site(string code) => Sites.GetValueOrDefault(code) ?? new SiteAttendance();

    public DelegateTally Tally(string site) => Tallies.GetValueOrDefault(site) ?? DelegateTally.None;

    public DelegateRecord? FindDelegate(string site, string name) =>
        NameIndex.TryGetValue(NameKey(site, name), out var id) ? Delegates.GetValueOrDefault(id) : null;

    static string NameKey(string site, string name) => $"{site}\n{Text.Key(name)}";

    AttendanceState Count(string site, int delegates, bool awardee) =>
        this with { Tallies = Tallies.SetItem(site, Tally(site).Add(delegates, awardee)) };

    public bool IsRemoved(string delegateId) => Delegates.GetValueOrDefault(delegateId)?.Removed == true;

    public RollCallRecord? FindRollCall(string id) => RollCalls.FirstOrDefault(r => r.Id == id);

    /// <summary>The roll call not yet closed (at most one), whether or not its deadline has passed.</summary>
    public RollCallRecord? UnclosedRollCall => RollCalls.Count > 0 && RollCalls[^1].ClosedAt is null ? RollCalls[^1] : null;

    public static AttendanceState Evolve(AttendanceState state, IAttendanceEvent @event, EventContext context)
    {
        switch (@event)
        {
            case SiteCheckedIn e:
            {
                var site = state.Site(e.Site);
                return state.With(e.Site, site with
                {
                    CheckedIn = true, Lead = e.Lead, Headcount = e.Headcount, HostLost = false,
                    Spells = site.Spells.Add(new AttendanceSpell(context.At, e.Lead, null)),
                });
            }
            case HeadcountUpdated e:
                return state.With(e.Site, state.Site(e.Site) with { Headcount = e.Headcount });
            case SiteCheckedOut e:
            {
                var site = state.Site(e.Site);
                var last = site.Spells[^1];
                return state.With(e.Site, site with
                {
                    CheckedIn = false, Headcount = 0, HostLost = false,
                    Spells = site.Spells.SetItem(site.Spells.Count - 1, last with { CheckedOutAt = context.At }),
                });
            }
            case DelegateJoined e:
            {
                var counted = state.Count(e.Site, +1, e.Awardee);
                // The public form carries no id: a head count, not a person.
                return e.DelegateId.Length == 0 ? counted : counted with
                {
                    Delegates = state.Delegates.SetItem(e.DelegateId,
                        new DelegateRecord(e.DelegateId, e.Site, e.Name, e.Agency, e.Awardee, context.At)
                            { AwardeeClaimed = e.AwardeeClaimed }),
                    NameIndex = state.NameIndex.SetItem(NameKey(e.Site, e.Name), e.DelegateId),
                };
            }
            case DelegateRemoved e:
                return state.Count(e.Site, -1, e.Awardee).WithDelegate(e.DelegateId, removed: true);
            case DelegateReadmitted e:
                return state.Count(e.Site, +1, e.Awardee).WithDelegate(e.DelegateId, removed: false);
            case AwardeeConfirmed e:
            {
                // The public form carries no id: the site's count of recipients still grows.
                var tally = state.Tally(e.Site);
                var counted = state with { Tallies = state.Tallies.SetItem(e.Site, tally with { Awardees = tally.Awardees + 1 }) };
                return counted.Delegates.GetValueOrDefault(e.DelegateId) is { } d
                    ? counted with { Delegates = counted.Delegates.SetItem(e.DelegateId, d with { Awardee = true, AwardeeClaimed = false }) }
                    : counted;
            }
            case SiteHostLost e:
                return state.With(e.Site, state.Site(e.Site) with { HostLost = true });
            case SiteHostBack e:
                return state.With(e.Site, state.Site(e.Site) with { HostLost = false });
            case RollCallStarted e:
                return state with { RollCalls = state.RollCalls.Add(RollCallRecord.Started(e, context.At)) };
            case RollCallConfirmed e:
                return state.WithRollCall(e.RollCallId, r => r with { Confirmed = r.Confirmed.SetItem(e.Site, context.At) });
            case RollCallClosed e:
                return state.WithRollCall(e.RollCallId, r => r with { ClosedAt = context.At });
            default:
                return state;
        }
    }

    AttendanceState With(string code, SiteAttendance site) => this with { Sites = Sites.SetItem(code, site) };

    AttendanceState WithDelegate(string id, bool removed) =>
        Delegates.GetValueOrDefault(id) is { } d ? this with { Delegates = Delegates.SetItem(id, d with { Removed = removed }) } : this;

    AttendanceState WithRollCall(string id, Func<RollCallRecord, RollCallRecord> change)
    {
        var index = RollCalls.FindIndex(r => r.Id == id);
        return index < 0 ? this : this with { RollCalls = RollCalls.SetItem(index, change(RollCalls[index])) };
    }
}
