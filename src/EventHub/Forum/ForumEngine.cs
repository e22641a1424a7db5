using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Storage;

namespace EventHub.Forum;

/// <summary>The state every reader sees: the log's epoch, its head, and the fold of events 1..Head.</summary>
public sealed record ForumView(string Epoch, long Head, ForumState State);

/// <summary>
/// Runs one forum on this node: load → decide → append with the expected head → evolve → publish.
/// Commands are serialised per forum by one gate; a conflict (another node appended first) means catch up
/// and decide again, so two consoles pressing the same button get one winner.
/// </summary>
public sealed class ForumEngine(
    string forumId,
    IEventLog log,
    IEventPublisher publisher,
    TimeProvider time,
    EngineOptions options,
    ILogger<ForumEngine> logger)
{
    const int ReadPage = 1_000;
    const int MaxConflictRetries = 8;

    readonly SemaphoreSlim _gate = new(1, 1);
    // Guards every change of the view: commands, catch-up reads and the feed all advance it, one event at a time.
    readonly Lock _advance = new();
    readonly RecentEvents _recent = new(options.ResumeWindow);
    ForumView _view = new("", 0, ForumState.Initial);
    volatile SnapshotCache? _snapshots;
    volatile bool _followsFeed;

    public string ForumId => forumId;
    public ForumView View => Volatile.Read(ref _view);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var head = await log.OpenAsync(forumId, cancellationToken);
        Volatile.Write(ref _view, new ForumView(head.Epoch, 0, ForumState.Initial));
        await CatchUpLockedAsync(cancellationToken);
        EngineLog.Loaded(logger, forumId, View.Epoch, View.Head);
    }

    /// <summary>
    /// Follows the store's feed of appended events (a store shared by several nodes): this node's view then moves as
    /// the log does, without asking the store, and its clients get other nodes' events from it.
    /// </summary>
    public async Task<IAsyncDisposable> FollowAsync(IEventFeed feed, CancellationToken stopping, CancellationToken cancellationToken)
    {
        var following = await feed.FollowAsync(forumId, e => HearAsync(e, stopping), cancellationToken);
        await CatchUpAsync(cancellationToken); // what was appended before the feed was heard
        _followsFeed = true;
        return following;
    }

    /// <remarks>
    /// The happy path is one store round trip: decide against this node's view and append at its head. The store
    /// checks the command id and the head atomically, so a retry comes back as a duplicate and a node that is
    /// behind gets a conflict (catch up, decide again). A refusal or a no-op, which might only be a retry of a
    /// command that already succeeded or a view that is behind, is confirmed against the store before it is final.
    /// </remarks>
    public async Task<CommandResult> ExecuteAsync(Actor actor, string commandId, ForumCommand command,
        CancellationToken cancellationToken)
    {
        CommandIds.Validate(commandId);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var view = View;
                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                IReadOnlyList<ForumEvent> events;
                try
                {
                    events = ForumDecider.Decide(view.State, command, actor, now);
                }
                catch (ForumRuleException)
                {
                    if (await EarlierOutcomeAsync(commandId, cancellationToken) is { } earlier) return earlier;
                    if (await MovedOnAsync(view, attempt, cancellationToken)) continue;
                    throw;
                }
                if (events.Count == 0)
                {
                    if (await EarlierOutcomeAsync(commandId, cancellationToken) is { } earlier) return earlier;
                    if (await MovedOnAsync(view, attempt, cancellationToken)) continue;
                    return new CommandResult(true, commandId, 0, 0, false, null);
                }

                var encoded = events.Select(Encode).ToList();
                // Once the append is sent it runs to the end: a half-seen outcome would only force a retry.
                var result = await log.AppendAsync(forumId, view.Head, commandId, now, actor, encoded, CancellationToken.None);
                switch (result)
                {
                    case AppendResult.Appended appended:
                        var committed = events.Select((e, i) => new CommittedEvent(
                            new StoredEvent(appended.First + i, now, actor, commandId, encoded[i].Type, encoded[i].Version,
                                encoded[i].Data), e)).ToList();
                        publisher.Appended(committed.ConvertAll(e => e.Stored));
                        // The feed may have brought these events already; Commit takes each once.
                        Commit(committed);
                        return new CommandResult(true, commandId, appended.First, appended.Last, false, null);
                    case AppendResult.Duplicate duplicate:
                        return new CommandResult(true, commandId, duplicate.First, duplicate.Last, true, null);
                    case AppendResult.Conflict when attempt < MaxConflictRetries:
                        EngineLog.Conflict(logger, forumId, commandId, attempt + 1);
                        await CatchUpLockedAsync(cancellationToken);
                        continue;
                    default:
                        throw Errors.Busy();
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Catches up with the store; true when the view is no longer the one the command was decided on, so deciding
    /// again may end otherwise. The feed may have moved it meanwhile (during the store round trips before this
    /// read), which the read alone would not see.
    /// </summary>
    async Task<bool> MovedOnAsync(ForumView decidedOn, int attempt, CancellationToken cancellationToken)
    {
        await CatchUpLockedAsync(cancellationToken);
        return !ReferenceEquals(View, decidedOn) && attempt < MaxConflictRetries;
    }

    async Task<CommandResult?> EarlierOutcomeAsync(string commandId, CancellationToken cancellationToken) =>
        await log.FindCommandAsync(forumId, commandId, cancellationToken) is { } earlier
            ? new CommandResult(true, commandId, earlier.First, earlier.Last, true, null)
            : null;

    /// <summary>
    /// Everything after the caller's position, as this viewer may see it; a snapshot instead when the caller
    /// is on another epoch, ahead of the log, or further behind than the resume window reaches.
    /// </summary>
    /// <remarks>
    /// A node that follows the feed answers from its view, without a store round trip (a connect storm is thousands
    /// of resumes): if the view is a little behind, whatever it advances over next reaches this client live, in
    /// order. It asks the store first only when the caller is ahead of the view or on another epoch (it came from
    /// a node further on, or the log changed), which the view alone would answer with a needless snapshot.
    /// </remarks>
    public async Task<ResumeResult> ResumeAsync(Viewer viewer, ResumeRequest request, CancellationToken cancellationToken)
    {
        var view = View;
        if (!_followsFeed || request.AfterSeq > view.Head || (request.Epoch is not null && request.Epoch != view.Epoch))
        {
            await CatchUpAsync(cancellationToken);
            view = View;
        }
        var sameLog = request.Epoch is null ? request.AfterSeq == 0 : request.Epoch == view.Epoch;
        var events = sameLog && request.AfterSeq <= view.Head ? _recent.Range(request.AfterSeq, view.Head) : null;
        if (events is not null)
            return new ResumeResult(view.Epoch, view.Head, null, request.AfterSeq, events.ConvertAll(e => e.For(viewer)));

        return new ResumeResult(view.Epoch, view.Head, SnapshotFor(view, viewer), view.Head, []);
    }

    /// <summary>The state the viewer may see at the store's head now, as a snapshot with no events after it.</summary>
    public async Task<ResumeResult> SnapshotAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        var view = View;
        return new ResumeResult(view.Epoch, view.Head, SnapshotFor(view, viewer), view.Head, []);
    }

    /// <summary>
    /// A snapshot serialised once per audience and head: after a restart every client of one audience asks for
    /// the same one, and 3,000 delegates should cost one serialisation, not 3,000.
    /// </summary>
    string SnapshotFor(ForumView view, Viewer viewer)
    {
        var cache = _snapshots;
        if (cache is null || !ReferenceEquals(cache.View, view)) _snapshots = cache = new SnapshotCache(view);
        var audience = viewer.Role switch
        {
            Role.Moderator => "moderator",
            Role.SiteHost => $"host:{viewer.Site}",
            _ => "public",
        };
        return cache.ByAudience.GetOrAdd(audience, _ => Snapshots.Serialize(cache.States.For(viewer.Role, viewer.Site)));
    }

    sealed record SnapshotCache(ForumView View)
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, string> ByAudience { get; } = new();
        public Visibility.VisibleStates States { get; } = new(View.State);
    }

    /// <summary>Brings this node's view up to the store's head (events other nodes appended).</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var head = await log.GetHeadAsync(forumId, cancellationToken);
        var view = View;
        if (head.Epoch == view.Epoch && head.Head <= view.Head) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads what other nodes appended (the caller holds the gate).</summary>
    async Task CatchUpLockedAsync(CancellationToken cancellationToken)
    {
        var head = await log.GetHeadAsync(forumId, cancellationToken);
        var before = View;
        if (head.Epoch != before.Epoch)
        {
            // The log was recreated (for example a store that lost its data): start over from it.
            EngineLog.EpochChanged(logger, forumId, before.Epoch, head.Epoch);
            lock (_advance)
            {
                _recent.Clear();
                Volatile.Write(ref _view, new ForumView(head.Epoch, 0, ForumState.Initial));
            }
        }
        while (View.Head < head.Head)
        {
            var page = await log.ReadAsync(forumId, View.Head, ReadPage, cancellationToken);
            if (page.Count == 0) break;
            Commit(page.Select(CommittedEvent.Decode).ToList());
        }
    }

    /// <summary>
    /// An event some node appended, heard on the store's feed (in log order, but a message can be lost). The next
    /// one is applied at once; one this node already has is ignored; one further ahead means the feed lost
    /// something, and the log is read.
    /// </summary>
    async Task HearAsync(StoredEvent appended, CancellationToken cancellationToken)
    {
        var head = View.Head;
        if (appended.Seq <= head) return;
        if (appended.Seq == head + 1 && Commit([CommittedEvent.Decode(appended)])) return;
        await CatchUpAsync(cancellationToken);
    }

    /// <summary>
    /// Advances the view over the events it does not have yet and hands exactly those to the publisher, in order:
    /// whatever advanced the view (this node's command, a catch-up read, the feed), this node's clients get every
    /// event once and in log order. False when the events do not follow the view (the caller reads the log).
    /// </summary>
    bool Commit(IReadOnlyList<CommittedEvent> events)
    {
        lock (_advance)
        {
            var view = View;
            var fresh = events.Where(e => e.Seq > view.Head).ToList();
            if (fresh.Count == 0) return true;
            if (fresh[0].Seq != view.Head + 1) return false;
            var state = view.State;
            var expected = view.Head + 1;
            foreach (var e in fresh)
            {
                if (e.Seq != expected++) throw new InvalidOperationException($"Event {e.Seq} does not follow {expected - 2}.");
                state = ForumState.Evolve(state, e.Event, e.Context);
                _recent.Add(e);
            }
            // Queued before the view moves: whoever reads the new head (the beacon) is behind these events.
            publisher.Publish(fresh);
            Volatile.Write(ref _view, view with { Head = fresh[^1].Seq, State = state });
            return true;
        }
    }

    static NewEvent Encode(ForumEvent e)
    {
        var (type, version) = EventCatalog.NameOf(e);
        return new NewEvent(type, version, EventCatalog.Serialize(e));
    }
}

public sealed class EngineOptions
{
    /// <summary>How many recent events each node keeps for resume; a client further behind gets a snapshot.</summary>
    public int ResumeWindow { get; set; } = 2_000;
}

static partial class EngineLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Forum {ForumId} loaded: epoch {Epoch}, {Head} events")]
    public static partial void Loaded(ILogger logger, string forumId, string epoch, long head);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Forum {ForumId}: command {CommandId} lost a race (attempt {Attempt}); deciding again")]
    public static partial void Conflict(ILogger logger, string forumId, string commandId, int attempt);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Forum {ForumId}: the log's epoch changed from {Old} to {New}; reloading")]
    public static partial void EpochChanged(ILogger logger, string forumId, string old, string @new);
}
