using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.Storage;

namespace EventHub.Forum;

/// <summary>The state every reader sees: the log's epoch, its head, and the fold of events 1..Head.</summary>
public sealed record ForumView(string Epoch, long Head, ForumState State);

/// <summary>
/// Runs one forum on this node: load → decide → append with the expected head → evolve → publish.
/// Commands are serialised per forum by one gate; a conflict (another node appended first) means catch up
/// and decide again, so two consoles pressing the same button get one winner. A command is known by its caller and
/// its id, and its first answer (events, no change, or a refusal) is the answer to every resend.
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
    /// One store round trip: decide against this node's view, then either append the events at its head or, for a
    /// refusal or a no-op, record that answer at its head. Either write checks the caller's command id and the head
    /// atomically, so a resend gets the first answer (whatever the state is now), and a node that is behind gets a
    /// conflict (catch up, decide again). A refusal is never written to the log.
    /// </remarks>
    public async Task<CommandResult> ExecuteAsync(Actor actor, string commandId, ForumCommand command,
        CancellationToken cancellationToken)
    {
        CommandIds.Validate(commandId);
        using var deadline = Deadline(cancellationToken);
        try
        {
            return await ExecuteWithinAsync(actor, commandId, command, deadline.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw NoAnswerInTime($"command {commandId}", ex);
        }
    }

    async Task<CommandResult> ExecuteWithinAsync(Actor actor, string commandId, ForumCommand command,
        CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var view = View;
                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                IReadOnlyList<ForumEvent> events;
                CommandOutcome? answer = null;
                try
                {
                    events = ForumDecider.Decide(view.State, command, actor, now);
                    if (events.Count == 0) answer = CommandOutcome.Unchanged.Instance;
                }
                catch (ForumRuleException refused)
                {
                    events = [];
                    answer = new CommandOutcome.Refused(refused.Error);
                }

                var encoded = events.Select(Encode).ToList();
                // Waited for until the deadline at most: a sent write runs to its end in the store whether or not anyone
                // still waits, and a resend with the same command id learns its outcome.
                var result = await WriteAsync(commandId, () => answer is null
                    ? log.AppendAsync(forumId, view.Head, commandId, now, actor, encoded, cancellationToken)
                    : log.RecordOutcomeAsync(forumId, view.Head, commandId, actor, answer, cancellationToken));
                switch (result)
                {
                    case AppendResult.Appended appended:
                        var committed = events.Select((e, i) => new CommittedEvent(
                            new StoredEvent(appended.First + i, now, actor, commandId, encoded[i].Type, encoded[i].Version,
                                encoded[i].Data), e)).ToList();
                        publisher.Appended(committed.ConvertAll(e => e.Stored));
                        // The feed may have brought these events already; AdvanceView takes each once.
                        AdvanceView(committed);
                        return CommandResult.Written(commandId, appended.First, appended.Last);
                    case AppendResult.Recorded when answer is not null:
                        return Answer(commandId, answer, duplicate: false);
                    case AppendResult.Duplicate duplicate:
                        // Written under an answer this node lost: read the events, so its clients get them too.
                        if (duplicate.First is CommandOutcome.Written { Last: var last } && last > View.Head)
                            await CatchUpLockedAsync(cancellationToken);
                        return Answer(commandId, duplicate.First, duplicate: true);
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
    /// The store write, where a lost answer gets its own refusal: the write may have landed, so the caller must
    /// resend the same id to learn how it ended rather than be told nothing changed.
    /// </summary>
    async Task<AppendResult> WriteAsync(string commandId, Func<Task<AppendResult>> write)
    {
        try
        {
            return await write();
        }
        catch (StoreOutcomeUnknownException ex)
        {
            EngineLog.OutcomeUnknown(logger, forumId, commandId, ex);
            throw Errors.OutcomeUnknown();
        }
    }

    /// <summary>What a command's answer tells its caller; a refusal is thrown, as the decider threw it the first time.</summary>
    static CommandResult Answer(string commandId, CommandOutcome outcome, bool duplicate) => outcome switch
    {
        CommandOutcome.Written written => CommandResult.Written(commandId, written.First, written.Last, duplicate),
        CommandOutcome.Unchanged => CommandResult.Unchanged(commandId, duplicate),
        CommandOutcome.Refused refused => throw new ForumRuleException(refused.Error),
        _ => throw new InvalidOperationException($"Unknown outcome {outcome}."),
    };

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
            Role.Reviewer => "reviewer",
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
        using var deadline = Deadline(cancellationToken);
        try
        {
            await CatchUpWithinAsync(deadline.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw NoAnswerInTime("catching up", ex);
        }
    }

    async Task CatchUpWithinAsync(CancellationToken cancellationToken)
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
            AdvanceView(page.Select(CommittedEvent.Decode).ToList());
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
        if (appended.Seq == head + 1 && AdvanceView([CommittedEvent.Decode(appended)])) return;
        await CatchUpAsync(cancellationToken);
    }

    /// <summary>
    /// Advances the view over the events it does not have yet and hands exactly those to the publisher, in order:
    /// whatever advanced the view (this node's command, a catch-up read, the feed), this node's clients get every
    /// event once and in log order. False when the events do not follow the view (the caller reads the log).
    /// </summary>
    bool AdvanceView(IReadOnlyList<CommittedEvent> events)
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
                e.About(QandAVisibility.Forms(state.QandA, e.Event));
                state = ForumState.Evolve(state, e.Event, e.Context);
                _recent.Add(e);
            }
            // Queued before the view moves: whoever reads the new head (the beacon) is behind these events.
            publisher.Publish(fresh);
            Volatile.Write(ref _view, view with { Head = fresh[^1].Seq, State = state });
            return true;
        }
    }

    /// <summary>
    /// One deadline for a whole command or catch-up, the wait for the gate included: when the store stalls, each call
    /// waiting its own timeout in turn, and each command waiting for the one before it, added up to several timeouts.
    /// </summary>
    CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.CommandTimeout is { } limit) deadline.CancelAfter(limit);
        return deadline;
    }

    StoreUnavailableException NoAnswerInTime(string what, Exception cancelled) =>
        new($"Forum {forumId}: {what} had no answer from the store within {options.CommandTimeout}.", cancelled);

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

    /// <summary>
    /// How long a command (or a catch-up) may take in all, its wait for its turn included, before it answers the
    /// retryable store.unavailable; null for no bound (the embedded file log). With Redis, its CommandTimeout.
    /// </summary>
    public TimeSpan? CommandTimeout { get; set; }
}

static partial class EngineLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Forum {ForumId} loaded: epoch {Epoch}, {Head} events")]
    public static partial void Loaded(ILogger logger, string forumId, string epoch, long head);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Forum {ForumId}: command {CommandId} lost a race (attempt {Attempt}); deciding again")]
    public static partial void Conflict(ILogger logger, string forumId, string commandId, int attempt);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Forum {ForumId}: the log's epoch changed from {Old} to {New}; reloading")]
    public static partial void EpochChanged(ILogger logger, string forumId, string old, string @new);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Forum {ForumId}: command {CommandId} was sent to the store and its answer lost; the caller must resend to learn the outcome")]
    public static partial void OutcomeUnknown(ILogger logger, string forumId, string commandId, Exception exception);
}
