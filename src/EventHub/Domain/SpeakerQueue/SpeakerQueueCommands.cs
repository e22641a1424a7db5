using EventHub.Domain.Forum;

namespace EventHub.Domain.SpeakerQueue;

// The speaker queue's commands. Ids that name something new (an agenda item, a request) come in the command,
// chosen by the hub from the command id, so a retried command decides the same thing.
// An omitted ItemId means the current agenda item.

public abstract record SpeakerQueueCommand : ForumCommand;

// ---- agenda ----

public sealed record AddAgendaItem(string ItemId, string Title, int DefaultSpeakingSeconds) : SpeakerQueueCommand;

public sealed record RenameAgendaItem(string ItemId, string Title) : SpeakerQueueCommand;

/// <summary>Moves an item to a 1-based position in the agenda.</summary>
public sealed record MoveAgendaItem(string ItemId, int Position) : SpeakerQueueCommand;

public sealed record SetCurrentAgendaItem(string ItemId) : SpeakerQueueCommand;

/// <summary>The item's default speaking time and whether a site may have several requests waiting at once.</summary>
public sealed record SetListOptions(string? ItemId, int DefaultSpeakingSeconds, bool OneRequestPerSite)
    : SpeakerQueueCommand;

public sealed record CloseList(string? ItemId) : SpeakerQueueCommand;

public sealed record ReopenList(string? ItemId) : SpeakerQueueCommand;

/// <summary>Removes every waiting and approved request of the item; speeches already given stay in the record.</summary>
public sealed record ClearList(string? ItemId) : SpeakerQueueCommand;

// ---- requests ----

/// <summary>A site host asks the floor for a named person of their site.</summary>
public sealed record RequestFloor(string RequestId, string Site, string? ItemId, string Speaker, string? SpeakerTitle,
    string Topic) : SpeakerQueueCommand, ISiteCommand;

/// <summary>The requesting site takes back its own request while it is still in the list.</summary>
public sealed record WithdrawRequest(string RequestId) : SpeakerQueueCommand;

/// <summary>
/// The moderator puts a speaker straight on the list, already approved: a speaker in the hall (no site) or a
/// site invited to speak. Position is 1-based; null appends.
/// </summary>
public sealed record AddSpeaker(string RequestId, string? ItemId, string? Site, string Speaker, string? SpeakerTitle,
    string? Topic, int? Position) : SpeakerQueueCommand;

public sealed record ApproveRequest(string RequestId) : SpeakerQueueCommand;

/// <summary>The reason is shown to the requesting site only.</summary>
public sealed record DeclineRequest(string RequestId, string? Reason) : SpeakerQueueCommand;

/// <summary>Moves a queued request to a 1-based position in its list (1 = top).</summary>
public sealed record MoveRequest(string RequestId, int Position) : SpeakerQueueCommand;

public sealed record RemoveRequest(string RequestId) : SpeakerQueueCommand;

/// <summary>Puts the given permutation of the list's queued requests in place (e.g. the fair-order suggestion).</summary>
public sealed record ApplyOrder(string? ItemId, IReadOnlyList<string> RequestIds) : SpeakerQueueCommand;

/// <summary>Adds the speaker who spoke last again, approved, at the top of the current list.</summary>
public sealed record ReAddLastSpeaker(string RequestId) : SpeakerQueueCommand;

// ---- the floor ----
// Floor commands name the speech the console was looking at (Expected*/RequestId). When two consoles press
// "next" at once, the second one names a speech that is no longer current and is refused: one winner.

/// <summary>Ends the current speech (if any) and gives the floor to the first approved request of the current list.</summary>
/// <param name="ExpectedCurrent">The request the caller saw speaking, or null when they saw nobody speaking.</param>
public sealed record CallNext(string? ExpectedCurrent, int? LimitSeconds) : SpeakerQueueCommand;

/// <summary>Ends the current speech (if any) and gives the floor to this waiting or approved request.</summary>
public sealed record GiveFloor(string RequestId, string? ExpectedCurrent, int? LimitSeconds) : SpeakerQueueCommand;

public sealed record EndSpeech(string RequestId) : SpeakerQueueCommand;

public sealed record PauseSpeech(string RequestId) : SpeakerQueueCommand;

public sealed record ResumeSpeech(string RequestId) : SpeakerQueueCommand;

public sealed record AddTime(string RequestId, int Seconds) : SpeakerQueueCommand;
