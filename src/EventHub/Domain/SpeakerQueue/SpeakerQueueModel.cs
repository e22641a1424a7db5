using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace EventHub.Domain.SpeakerQueue;

/// <summary>
/// waiting → approved → speaking → done; waiting/approved → withdrawn, declined or removed.
/// Done, withdrawn, declined and removed are final.
/// </summary>
public enum RequestStatus
{
    Waiting,
    Approved,
    Speaking,
    Done,
    Withdrawn,
    Declined,
    Removed,
}

/// <summary>
/// One entry on a speaker list, from the request (or the moderator's addition) to its end. Kept after it ends,
/// because statistics and "re-add the last speaker" read finished entries.
/// </summary>
/// <param name="Site">The requesting or invited bridge point; null for a speaker in the hall.</param>
public sealed record SpeakerRequest(string Id, string ItemId, string? Site, string Speaker, string? SpeakerTitle,
    string? Topic, RequestStatus Status, long RequestedAt)
{
    /// <summary>True once everyone may see the speaker's details (approved, added by the moderator, or given the floor).</summary>
    public bool Disclosed { get; init; }
    public string? DeclineReason { get; init; }
    public long? StartedAt { get; init; }
    public long? EndedAt { get; init; }
    /// <summary>Time actually spoken, pauses excluded; set when the speech ends.</summary>
    public long SpokenMs { get; init; }

    [JsonIgnore]
    public bool IsQueued => Status is RequestStatus.Waiting or RequestStatus.Approved;
    [JsonIgnore]
    public bool IsFinished => Status is RequestStatus.Done or RequestStatus.Withdrawn or RequestStatus.Declined
        or RequestStatus.Removed;
}

/// <summary>An agenda item and its speaker list. <see cref="Queue"/> holds the waiting and approved requests, in order.</summary>
public sealed record AgendaItem(string Id, string Title, int DefaultSpeakingSeconds)
{
    public bool OneRequestPerSite { get; init; } = true;
    public bool IsClosed { get; init; }
    public ImmutableList<string> Queue { get; init; } = [];
}

/// <summary>
/// The speech in progress. The countdown is computed from these numbers on every client, so the hub never
/// broadcasts a tick: remaining = limit − (now − start − pauses), frozen while paused.
/// </summary>
public sealed record Speech(string RequestId, long StartedAt, int LimitSeconds, long? PausedAt, long PausedMs)
{
    [JsonIgnore]
    public bool IsPaused => PausedAt is not null;

    /// <summary>Milliseconds spoken so far (pauses excluded), as of <paramref name="now"/> (Unix ms).</summary>
    public long ElapsedMs(long now) => Math.Max(0, (PausedAt ?? now) - StartedAt - PausedMs);

    /// <summary>Milliseconds left; negative once the speaker is over time.</summary>
    public long RemainingMs(long now) => LimitSeconds * 1000L - ElapsedMs(now);
}
