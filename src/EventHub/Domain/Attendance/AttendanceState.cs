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
}

public sealed record DelegateRecord(string Id, string Site, string Name, string? Agency, bool Awardee, long JoinedAt);

public sealed record AttendanceState
{
    public static readonly AttendanceState Empty = new();

    public ImmutableSortedDictionary<string, SiteAttendance> Sites { get; init; } =
        ImmutableSortedDictionary<string, SiteAttendance>.Empty.WithComparers(StringComparer.Ordinal);
    public ImmutableSortedDictionary<string, DelegateRecord> Delegates { get; init; } =
        ImmutableSortedDictionary<string, DelegateRecord>.Empty.WithComparers(StringComparer.Ordinal);

    public SiteAttendance Site(string code) => Sites.GetValueOrDefault(code) ?? new SiteAttendance();

    public DelegateRecord? FindDelegate(string site, string name)
    {
        var key = Text.Key(name);
        return Delegates.Values.FirstOrDefault(d => d.Site == site && Text.Key(d.Name) == key);
    }

    public static AttendanceState Evolve(AttendanceState state, IAttendanceEvent @event, EventContext context)
    {
        switch (@event)
        {
            case SiteCheckedIn e:
            {
                var site = state.Site(e.Site);
                return state.With(e.Site, site with
                {
                    CheckedIn = true, Lead = e.Lead, Headcount = e.Headcount,
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
                    CheckedIn = false, Headcount = 0,
                    Spells = site.Spells.SetItem(site.Spells.Count - 1, last with { CheckedOutAt = context.At }),
                });
            }
            case DelegateJoined e:
                return state with
                {
                    Delegates = state.Delegates.SetItem(e.DelegateId,
                        new DelegateRecord(e.DelegateId, e.Site, e.Name, e.Agency, e.Awardee, context.At)),
                };
            default:
                return state;
        }
    }

    AttendanceState With(string code, SiteAttendance site) => this with { Sites = Sites.SetItem(code, site) };
}
