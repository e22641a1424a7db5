namespace EventHub.Domain.SpeakerQueue;

/// <summary>A queued entry's place in its list: 1-based over waiting and approved requests.</summary>
public sealed record ListPosition(string RequestId, string? Site, int Position, RequestStatus Status);

/// <summary>
/// Questions every client answers from its own copy of the state, so the hub sends no extra notices:
/// who is on deck, where a site stands, and the fair-order suggestion.
/// </summary>
public static class SpeakerQueueQueries
{
    /// <summary>
    /// The next <paramref name="count"/> approved entries of the current list, in the order "call next" takes them.
    /// Their sites get "you are next" / "after that" on their screens.
    /// </summary>
    public static IReadOnlyList<ListPosition> OnDeck(SpeakerQueueState state, int count = 2) =>
        Positions(state).Where(p => p.Status == RequestStatus.Approved).Take(count).ToList();

    /// <summary>Every queued entry of the current list with its position.</summary>
    public static IReadOnlyList<ListPosition> Positions(SpeakerQueueState state) =>
        state.CurrentItem is not { } item
            ? []
            : state.QueueOf(item).Select((r, i) => new ListPosition(r.Id, r.Site, i + 1, r.Status)).ToList();

    /// <summary>A site's own entries in the current list (empty when it has none).</summary>
    public static IReadOnlyList<ListPosition> PositionsOf(SpeakerQueueState state, string site) =>
        Positions(state).Where(p => p.Site == site).ToList();

    /// <summary>Sites that have taken the floor (or hold it now) anywhere in this forum.</summary>
    public static IReadOnlySet<string> SitesThatSpoke(SpeakerQueueState state) =>
        state.Requests.Values
            .Where(r => r.Site is not null && r.Status is RequestStatus.Speaking or RequestStatus.Done)
            .Select(r => r.Site!)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The list reordered so that each site that has not spoken yet in this forum comes first, with its first entry
    /// only (a site's second request waits its turn); everything else keeps its relative order.
    /// Apply it with <see cref="ApplyOrder"/>.
    /// </summary>
    public static IReadOnlyList<string> SuggestFairOrder(SpeakerQueueState state, AgendaItem item)
    {
        var spoke = SitesThatSpoke(state);
        var promoted = new HashSet<string>(StringComparer.Ordinal);
        var first = new List<string>();
        var rest = new List<string>();
        foreach (var r in state.QueueOf(item))
        {
            if (r.Site is { } site && !spoke.Contains(site) && promoted.Add(site)) first.Add(r.Id);
            else rest.Add(r.Id);
        }
        return [.. first, .. rest];
    }
}
