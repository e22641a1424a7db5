using EventHub.Domain.Forum;

namespace EventHub.Domain.SpeakerQueue;

/// <summary>Marks the speaker queue's events so <see cref="ForumState.Evolve"/> hands them to <see cref="SpeakerQueueState"/>.</summary>
public interface ISpeakerQueueEvent;

// ---- agenda ----

public sealed record AgendaItemAdded(string ItemId, string Title, int DefaultSpeakingSeconds)
    : ForumEvent, ISpeakerQueueEvent;

public sealed record AgendaItemRenamed(string ItemId, string Title) : ForumEvent, ISpeakerQueueEvent;

public sealed record AgendaItemMoved(string ItemId, int Position) : ForumEvent, ISpeakerQueueEvent;

public sealed record CurrentAgendaItemSet(string ItemId) : ForumEvent, ISpeakerQueueEvent;

public sealed record ListOptionsSet(string ItemId, int DefaultSpeakingSeconds, bool OneRequestPerSite)
    : ForumEvent, ISpeakerQueueEvent;

public sealed record ListClosed(string ItemId) : ForumEvent, ISpeakerQueueEvent;

public sealed record ListReopened(string ItemId) : ForumEvent, ISpeakerQueueEvent;

public sealed record ListCleared(string ItemId) : ForumEvent, ISpeakerQueueEvent;

// ---- requests ----

/// <summary>
/// A site asked the floor. Speaker, title and topic are private to the moderator and that site until the
/// request is approved or given the floor (those events carry them for everyone).
/// </summary>
public sealed record FloorRequested(string RequestId, string ItemId, string Site, string Speaker, string? SpeakerTitle,
    string Topic) : ForumEvent, ISpeakerQueueEvent, ISiteEvent;

public sealed record RequestWithdrawn(string RequestId, string Site) : ForumEvent, ISpeakerQueueEvent, ISiteEvent;

/// <summary>The moderator added an approved speaker (hall speaker when Site is null). Public in full.</summary>
public sealed record SpeakerAdded(string RequestId, string ItemId, string? Site, string Speaker, string? SpeakerTitle,
    string? Topic, int Position) : ForumEvent, ISpeakerQueueEvent;

/// <summary>Approval makes the request public, so it carries the speaker's details for clients that saw them redacted.</summary>
public sealed record RequestApproved(string RequestId, string Site, string Speaker, string? SpeakerTitle, string Topic)
    : ForumEvent, ISpeakerQueueEvent, ISiteEvent;

/// <summary>The reason is private to the moderator and the requesting site.</summary>
public sealed record RequestDeclined(string RequestId, string Site, string? Reason)
    : ForumEvent, ISpeakerQueueEvent, ISiteEvent;

public sealed record RequestMoved(string RequestId, int Position) : ForumEvent, ISpeakerQueueEvent;

public sealed record RequestRemoved(string RequestId) : ForumEvent, ISpeakerQueueEvent;

public sealed record ListReordered(string ItemId, IReadOnlyList<string> RequestIds) : ForumEvent, ISpeakerQueueEvent;

// ---- the floor ----

/// <summary>
/// The floor is given; the commit time is the start of the countdown. Carries the speaker's details because a
/// waiting request may go straight to the floor without an approval event.
/// </summary>
public sealed record SpeechStarted(string RequestId, string? Site, string Speaker, string? SpeakerTitle, string? Topic,
    int LimitSeconds) : ForumEvent, ISpeakerQueueEvent;

public sealed record SpeechEnded(string RequestId) : ForumEvent, ISpeakerQueueEvent;

public sealed record SpeechPaused(string RequestId) : ForumEvent, ISpeakerQueueEvent;

public sealed record SpeechResumed(string RequestId) : ForumEvent, ISpeakerQueueEvent;

public sealed record SpeechTimeAdded(string RequestId, int Seconds) : ForumEvent, ISpeakerQueueEvent;
