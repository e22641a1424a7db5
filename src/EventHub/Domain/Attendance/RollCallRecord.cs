using System.Collections.Immutable;

namespace EventHub.Domain.Attendance;

/// <summary>One roll call as the log made it: when it started, its deadline, who confirmed when (Unix ms).</summary>
public sealed record RollCallRecord(string Id, long StartedAt, long DeadlineAt)
{
    public ImmutableSortedDictionary<string, long> Confirmed { get; init; } =
        ImmutableSortedDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);

    public long? ClosedAt { get; init; }

    /// <summary>A confirmation counts only before the deadline and before the moderator closes it.</summary>
    public bool AcceptsAnswers(long now) => ClosedAt is null && now <= DeadlineAt;

    public static RollCallRecord Started(RollCallStarted e, long at) => new(e.RollCallId, at, at + e.DeadlineSeconds * 1_000L);
}
