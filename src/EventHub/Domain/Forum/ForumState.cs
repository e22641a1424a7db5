using System.Collections.Immutable;
using EventHub.Domain.Attendance;
using EventHub.Domain.QandA;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Forum;

/// <summary>
/// The fold of a forum's events. Immutable, so a snapshot is just the value, and the hub and every
/// client compute it with the same <see cref="Evolve"/>.
/// </summary>
public sealed record ForumState
{
    public static readonly ForumState Initial = new();

    public string? ForumId { get; init; }
    public string? Title { get; init; }
    public bool IsOpen => ForumId is not null;
    public long OpenedAt { get; init; }
    public ImmutableSortedSet<string> SiteCodes { get; init; } = ImmutableSortedSet<string>.Empty;
    public AttendanceState Attendance { get; init; } = AttendanceState.Empty;
    public SpeakerQueueState SpeakerQueue { get; init; } = SpeakerQueueState.Empty;
    public QandAState QandA { get; init; } = QandAState.Empty;

    public bool HasSite(string code) => SiteCodes.Contains(code);

    public static ForumState Evolve(ForumState state, ForumEvent @event, EventContext context) => @event switch
    {
        ForumOpened e => state with
        {
            ForumId = e.ForumId,
            Title = e.Title,
            OpenedAt = context.At,
            SiteCodes = e.Sites.ToImmutableSortedSet(StringComparer.Ordinal),
        },
        IAttendanceEvent e => state with { Attendance = AttendanceState.Evolve(state.Attendance, e, context) },
        ISpeakerQueueEvent e => state with { SpeakerQueue = SpeakerQueueState.Evolve(state.SpeakerQueue, e, context) },
        IQandAEvent e => state with { QandA = QandAState.Evolve(state.QandA, e, context) },
        _ => state,
    };
}
