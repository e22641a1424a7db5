using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.Storage;

namespace EventHub.Forum;

/// <summary>The state every reader sees: the log's epoch, its head, and the fold of events 1..Head.</summary>
public sealed record ForumView(string Epoch, long Head, ForumState State);

/// <summary>
/// Runs one forum on this node: load → decide → append with the expected head → evolve → publish.
/// Commands are serialised per forum by one gate, in batches that share one store write (group commit); a conflict
/// (another node appended first) means catch up and decide again, so two consoles pressing the same button get one
/// winner. A command is known by its caller and
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
    // Commands waiting for the next batch, in arrival order, and whether a drain is writing them.
    readonly Lock _queueLock = new();
    readonly List<PendingCommand> _queue = [];
    bool _draining;
    // Guards every change of the view: commands, catch-up reads and the feed all advance it, one event at a time.
    readonly Lock _advance = new();
    readonly RecentEvents _recent = new(options.ResumeWindow);
    ForumView _view = new("", 0, ForumState.Initial);
    volatile SnapshotCache? _snapshots;
    volatile bool _followsFeed;
    volatile bool _serving;

    public string ForumId => forumId;
    public ForumView View => Volatile.Read(ref _view);

    /// <summary>
    /// True once the node has loaded and opened the forum (<see cref="StartServing"/>). Until then callers' commands
    /// and reads get the retryable store.unavailable: a node that waits for its store at start-up takes connections
    /// already, and must neither answer from an empty view nor keep a refusal as a command's answer.
    /// </summary>
    public bool IsServing => _serving;

    /// <summary>Loads the log. Safe to call again after a failure part-way (a store that went away mid-load).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var head = await log.OpenAsync(forumId, cancellationToken);
            if (View.Epoch.Length == 0) Volatile.Write(ref _view, new ForumView(head.Epoch, 0, ForumState.Initial));
            await CatchUpLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
        EngineLog.Loaded(logger, forumId, View.Epoch, View.Head);
    }

    public void StartServing() => _serving = true;

    void ThrowUnlessServing(Actor? actor)
    {
        // The system's own start-up commands (opening the forum, seeding the programme) run before it serves.
        if (!_serving && (actor is null || actor != Actor.System)) throw Errors.StoreUnavailable();
    }

    /// <summary>
    /// Follows the store's feed of appended events (a store shared by several nodes): this node's view then moves as
    /// the log does, without asking the store, and its clients get other nodes' events from it.
    /// </summary>
    public async Task<IAsyncDisposable> FollowAsync(IEventFeed feed, CancellationToken stopping, CancellationToken cancellationToken)
    {
        var following = await feed.FollowAsync(forumId, e => HearAsync(e, stopping), cancellationToken);
        try
        {
            await CatchUpAsync(cancellationToken); // what was appended before the feed was heard
        }
        catch
        {
            await following.DisposeAsync(); // a start-up that is tried again follows anew
            throw;
        }
        _followsFeed = true;
        return following;
    }

    /// <remarks>
    /// The command joins the next batch (<see cref="DrainAsync"/>); its caller's deadline bounds the wait, in the queue
    /// and for the store. A refusal comes back as the decider threw it.
    /// </remarks>
    public async Task<CommandResult> ExecuteAsync(Actor actor, string commandId, ForumCommand command,
        CancellationToken cancellationToken)
    {
        CommandIds.Validate(commandId);
        ThrowUnlessServing(actor);
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
        var pending = new PendingCommand(actor, commandId, command);
        bool drain;
        lock (_queueLock)
        {
            _queue.Add(pending);
            drain = !_draining;
            _draining = true;
        }
        if (drain) _ = Task.Run(DrainAsync);
        try
        {
            return await pending.Result.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            bool neverTaken;
            lock (_queueLock) neverTaken = _queue.Remove(pending);
            if (neverTaken) throw; // nothing was sent
            // Taken into a batch that may have reached the store: a resend with the same id learns how it ended.
            EngineLog.OutcomeUnknown(logger, forumId, commandId, ex);
            throw Errors.OutcomeUnknown();
        }
    }

    /// <summary>
    /// Group commit: while one batch is being written, the commands that arrive wait in the queue, and the next batch
    /// takes them all (up to <see cref="EngineOptions.MaxBatch"/>), so a crowd of callers shares one store round trip
    /// and one fsync instead of queueing for one each. One drain runs at a time, started by the command that finds none
    /// running.
    /// </summary>
    async Task DrainAsync()
    {
        while (true)
        {
            List<PendingCommand> batch;
            lock (_queueLock)
            {
                if (_queue.Count == 0)
                {
                    _draining = false;
                    return;
                }
                batch = TakeBatch();
            }
            await WriteBatchAsync(batch);
        }
    }

    /// <summary>
    /// Up to <see cref="EngineOptions.MaxBatch"/> commands in arrival order (the caller holds the queue's lock). A resend
    /// of a command already in the batch stays for the next one, where it finds the first one's answer.
    /// </summary>
    List<PendingCommand> TakeBatch()
    {
        var batch = new List<PendingCommand>();
        var taken = new HashSet<(string, string)>();
        for (var i = 0; i < _queue.Count && batch.Count < options.MaxBatch;)
        {
            if (taken.Add((_queue[i].Actor.Id, _queue[i].CommandId)))
            {
                batch.Add(_queue[i]);
                _queue.RemoveAt(i);
            }
            else i++;
        }
        return batch;
    }

    /// <summary>Writes one batch under the gate and answers every member; never throws (a failure is every member's answer).</summary>
    async Task WriteBatchAsync(List<PendingCommand> batch)
    {
        using var deadline = Deadline(CancellationToken.None);
        try
        {
            await _gate.WaitAsync(deadline.Token);
            try
            {
                await DecideAndWriteAsync(batch, deadline.Token);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (OperationCanceledException ex)
        {
            var unavailable = NoAnswerInTime("a batch of commands", ex);
            foreach (var p in batch) p.Fail(unavailable);
        }
        catch (Exception ex)
        {
            foreach (var p in batch) p.Fail(ex);
        }
    }

    /// <remarks>
    /// One store round trip for the batch: decide each command in turn against this node's view as the commands before
    /// it in the batch leave it, then write all their events and answers (refusals and no-ops) at its head, as one. The
    /// write checks every command id and the head atomically: a command answered before gets that first answer (and the
    /// others are decided again without it), and a node that is behind gets a conflict (catch up, decide again). A
    /// refusal is never written to the log.
    /// </remarks>
    async Task DecideAndWriteAsync(List<PendingCommand> batch, CancellationToken cancellationToken)
    {
        var open = batch;
        for (var attempt = 0; open.Count > 0;)
        {
            var view = View;
            var state = view.State;
            var head = view.Head;
            var members = new List<Decision>(open.Count);
            foreach (var p in open)
            {
                try
                {
                    var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                    IReadOnlyList<ForumEvent> events;
                    CommandOutcome? answer = null;
                    try
                    {
                        events = ForumDecider.Decide(state, p.Command, p.Actor, now);
                        if (events.Count == 0) answer = CommandOutcome.Unchanged.Instance;
                    }
                    catch (ForumRuleException refused)
                    {
                        events = [];
                        answer = new CommandOutcome.Refused(refused.Error);
                    }
                    var encoded = events.Select(Encode).ToList();
                    foreach (var e in events) state = ForumState.Evolve(state, e, new EventContext(++head, now, p.Actor));
                    members.Add(new Decision(p, now, events, encoded, answer));
                }
                catch (Exception ex)
                {
                    p.Fail(ex); // a fault in one decision is that command's alone
                }
            }
            if (members.Count == 0) return;

            var writes = members.ConvertAll(m => m.Answer is null
                ? CommandWrite.Append(m.Pending.CommandId, m.Now, m.Pending.Actor, m.Encoded)
                : CommandWrite.Record(m.Pending.CommandId, m.Pending.Actor, m.Answer));
            // Waited for until the deadline at most: a sent write runs to its end in the store whether or not anyone
            // still waits, and a resend with the same command id learns its outcome.
            var result = await WriteAsync(members, () => log.WriteAsync(forumId, view.Head, writes, cancellationToken));
            switch (result)
            {
                case BatchResult.Written written:
                    var committed = new List<CommittedEvent>();
                    for (var m = 0; m < members.Count; m++)
                        if (written.Results[m] is AppendResult.Appended appended)
                            committed.AddRange(members[m].Committed(appended.First));
                    if (committed.Count > 0)
                    {
                        publisher.Appended(committed.ConvertAll(e => e.Stored));
                        // The feed may have brought these events already; AdvanceView takes each once.
                        AdvanceView(committed);
                    }
                    foreach (var (member, stored) in members.Zip(written.Results))
                        member.Pending.Answer(() => stored is AppendResult.Appended a
                            ? CommandResult.Written(member.Pending.CommandId, a.First, a.Last)
                            : Answer(member.Pending.CommandId, member.Answer!, duplicate: false));
                    return;
                case BatchResult.Answered answered:
                    // Written under an answer this node lost: read the events, so its clients get them too.
                    if (answered.Earlier.Values.Any(o => o is CommandOutcome.Written { Last: var last } && last > View.Head))
                        await CatchUpLockedAsync(cancellationToken);
                    foreach (var (m, first) in answered.Earlier)
                        members[m].Pending.Answer(() => Answer(members[m].Pending.CommandId, first, duplicate: true));
                    open = members.Where((_, m) => !answered.Earlier.ContainsKey(m)).Select(m => m.Pending).ToList();
                    continue;
                case BatchResult.Conflict when attempt < MaxConflictRetries:
                    attempt++;
                    EngineLog.Conflict(logger, forumId, members[0].Pending.CommandId, attempt);
                    await CatchUpLockedAsync(cancellationToken);
                    open = members.ConvertAll(m => m.Pending);
                    continue;
                default:
                    var busy = Errors.Busy();
                    foreach (var m in members) m.Pending.Fail(busy);
                    return;
            }
        }
    }

    /// <summary>
    /// The store write, where a lost answer gets its own refusal: the write may have landed, so each caller must
    /// resend the same id to learn how it ended rather than be told nothing changed.
    /// </summary>
    async Task<BatchResult> WriteAsync(List<Decision> members, Func<Task<BatchResult>> write)
    {
        try
        {
            return await write();
        }
        catch (StoreOutcomeUnknownException ex)
        {
            foreach (var m in members) EngineLog.OutcomeUnknown(logger, forumId, m.Pending.CommandId, ex);
            throw Errors.OutcomeUnknown();
        }
    }

    /// <summary>A command waiting for its batch, and the answer its caller waits for.</summary>
    sealed class PendingCommand(Actor actor, string commandId, ForumCommand command)
    {
        readonly TaskCompletionSource<CommandResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Actor Actor => actor;
        public string CommandId => commandId;
        public ForumCommand Command => command;
        public Task<CommandResult> Result => _result.Task;

        /// <summary>Answers with what <paramref name="answer"/> returns, or the refusal it throws.</summary>
        public void Answer(Func<CommandResult> answer)
        {
            try
            {
                _result.TrySetResult(answer());
            }
            catch (Exception ex)
            {
                _result.TrySetException(ex);
            }
        }

        public void Fail(Exception ex) => _result.TrySetException(ex);
    }

    /// <summary>One command decided in a batch: its events (encoded for the store) or its answer without events.</summary>
    sealed record Decision(PendingCommand Pending, long Now, IReadOnlyList<ForumEvent> Events, IReadOnlyList<NewEvent> Encoded,
        CommandOutcome? Answer)
    {
        public IEnumerable<CommittedEvent> Committed(long first) => Events.Select((e, i) => new CommittedEvent(
            new StoredEvent(first + i, Now, Pending.Actor, Pending.CommandId, Encoded[i].Type, Encoded[i].Version, Encoded[i].Data), e));
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
        ThrowUnlessServing(null);
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
        ThrowUnlessServing(null);
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
        if (View.Epoch.Length == 0) return; // not loaded yet: StartAsync reads the log
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
            // Snapshots of an older head are never served again: let them go now rather than at the next snapshot
            // (after a hall connects, the moderator's, each site's and the public one: several MB, with their states).
            _snapshots = null;
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

    /// <summary>
    /// At most this many commands share one store write (group commit); 1 writes each command on its own (the
    /// benchmark's baseline).
    /// </summary>
    public int MaxBatch { get; set; } = 128;
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
