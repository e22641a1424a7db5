namespace EventHub.Domain.SpeakerQueue;

/// <param name="Site">The bridge point; null for speakers in the hall.</param>
public sealed record SiteStatistics(string? Site, int Speeches, long SpokenMs, long WaitedMs);

/// <param name="Speaker">The name as first written; two spellings of the same name (case, NFC) count as one speaker.</param>
public sealed record SpeakerStatistics(string Speaker, string? Site, int Speeches, long SpokenMs, long WaitedMs);

/// <summary>Per site and per speaker: how many speeches, how long they spoke, how long they waited from request to floor.</summary>
public sealed record SpeakingReport(IReadOnlyList<SiteStatistics> Sites, IReadOnlyList<SpeakerStatistics> Speakers)
{
    /// <summary>
    /// A pure projection over finished speeches (live during the forum, final at its end). Waiting time runs
    /// from the request (or the moderator's addition) to the moment the floor was given.
    /// </summary>
    public static SpeakingReport Of(SpeakerQueueState state)
    {
        var done = state.Requests.Values.Where(r => r.Status == RequestStatus.Done).ToList();
        var sites = done
            .GroupBy(r => r.Site ?? "")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SiteStatistics(g.Key == "" ? null : g.Key, g.Count(), g.Sum(r => r.SpokenMs), g.Sum(Waited)))
            .ToList();
        var speakers = done
            .GroupBy(r => (Name: Forum.Text.Key(r.Speaker), Site: r.Site ?? ""))
            .OrderBy(g => g.Key.Site, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new SpeakerStatistics(g.First().Speaker, g.First().Site, g.Count(), g.Sum(r => r.SpokenMs), g.Sum(Waited)))
            .ToList();
        return new SpeakingReport(sites, speakers);
    }

    static long Waited(SpeakerRequest r) => Math.Max(0, (r.StartedAt ?? r.RequestedAt) - r.RequestedAt);
}
