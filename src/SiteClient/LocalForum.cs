namespace EventHub.SiteClient;

/// <summary>An event the local copy took in; <c>FromResume</c> when it came from a resume, not live.</summary>
public sealed class AppliedEvent(EventEnvelope envelope, ForumEvent? decoded, long last)
{
    ForumEvent? _event = decoded;

    public EventEnvelope Envelope { get; } = envelope;

    /// <summary>The last number it stands for: its own, or the last vote of the hub's coalesced votes.</summary>
    public long Last { get; } = last;

    /// <summary>The decoded event (decoded on first use when the copy keeps no state).</summary>
    public ForumEvent Event => _event ??= EventCatalog.Deserialize(Envelope.Type, Envelope.V, Envelope.Data);

    public bool FromResume { get; init; }
}

/// <summary>
/// The client's copy of the forum: folds envelopes in sequence order with the domain's own Evolve, never skips a
/// number, and ignores what it has already seen. An event that arrives ahead of a missing one (the backplane
/// does not order messages from different nodes) is held until the missing one comes, or until a resume fills
/// the gap. No I/O, so it is tested on its own.
/// </summary>
/// <param name="keepState">
/// False for a client that only follows the log (a monitor, a load generator): it still takes every number once and
/// in order and resumes over gaps, but folds nothing, so <see cref="State"/> stays empty.
/// </param>
public sealed class LocalForum(bool keepState = true)
{
    /// <summary>Past this many held events the gap is not a reordering any more; the holder lets go and resumes.</summary>
    const int MaxHeld = 4_096;

    readonly SortedDictionary<long, EventEnvelope> _held = [];

    public string? Epoch { get; private set; }
    public long LastSeq { get; private set; }
    public ForumState State { get; private set; } = ForumState.Initial;

    /// <summary>True while some event is held because an earlier one has not arrived.</summary>
    public bool HasGap => _held.Count > 0;

    /// <summary>
    /// Takes a live event: applies it and every held one that now follows. One ahead of a missing number is held;
    /// one already seen (or already held) is a repeat and changes nothing.
    /// </summary>
    public IReadOnlyList<AppliedEvent> Receive(EventEnvelope envelope, out bool repeat)
    {
        var last = EventCatalog.LastSeqOf(envelope);
        repeat = last <= LastSeq || _held.ContainsKey(envelope.Seq);
        if (repeat) return [];
        if (envelope.Seq > LastSeq + 1)
        {
            if (_held.Count >= MaxHeld) _held.Clear();
            _held[envelope.Seq] = envelope;
            return [];
        }
        var first = Fold(envelope, last);
        if (_held.Count == 0) return [first]; // nearly always: one event, nothing held behind it
        var applied = new List<AppliedEvent> { first };
        DrainHeld(applied, fromResume: false);
        return applied;
    }

    /// <summary>Takes in a resume answer: a snapshot (when present) replaces everything, then the events follow.</summary>
    public IReadOnlyList<AppliedEvent> Apply(ResumeResult result)
    {
        if (result.Snapshot is not null)
        {
            if (keepState) State = Snapshots.Deserialize(result.Snapshot);
            LastSeq = result.SnapshotSeq;
        }
        else if (result.Epoch != Epoch && Epoch is not null)
        {
            throw new InvalidOperationException("A resume on a new epoch must carry a snapshot.");
        }
        if (result.Epoch != Epoch) _held.Clear(); // held events of another log mean nothing here
        Epoch = result.Epoch;
        var applied = new List<AppliedEvent>(result.Events.Count);
        foreach (var envelope in result.Events)
        {
            var last = EventCatalog.LastSeqOf(envelope);
            if (last <= LastSeq) continue;
            if (envelope.Seq > LastSeq + 1) throw new InvalidOperationException($"Resume skipped from {LastSeq} to {envelope.Seq}.");
            applied.Add(Fold(envelope, last, fromResume: true));
        }
        DrainHeld(applied, fromResume: true);
        return applied;
    }

    void DrainHeld(List<AppliedEvent> applied, bool fromResume)
    {
        while (_held.Count > 0)
        {
            var (seq, envelope) = _held.First();
            if (seq > LastSeq + 1) return;
            _held.Remove(seq);
            var last = EventCatalog.LastSeqOf(envelope);
            if (last > LastSeq) applied.Add(Fold(envelope, last, fromResume));
        }
    }

    /// <remarks>
    /// <paramref name="last"/> is the last number the envelope stands for (<see cref="EventCatalog.LastSeqOf"/>): a run of
    /// the hub's coalesced votes overlapping what a resume already gave is still taken, since its tallies are those after
    /// its last vote.
    /// </remarks>
    AppliedEvent Fold(EventEnvelope envelope, long last, bool fromResume = false)
    {
        // The state first, then the number: a reader that sees the number (WaitForSeqAsync) must see the state.
        ForumEvent? @event = null;
        if (keepState)
        {
            @event = EventCatalog.Deserialize(envelope.Type, envelope.V, envelope.Data);
            State = ForumState.Evolve(State, @event, new EventContext(envelope.Seq, envelope.At, ToActor(envelope.Actor)));
        }
        LastSeq = last;
        return new AppliedEvent(envelope, @event, last) { FromResume = fromResume };
    }

    /// <summary>True when the hub's position shows an event this copy has not got.</summary>
    public bool IsBehind(LogPosition position) => position.Epoch != Epoch || position.Head > LastSeq;

    public ResumeRequest ResumeRequest() => new(Epoch, LastSeq);

    static Actor ToActor(ActorInfo info) => new(
        Enum.TryParse<Role>(info.Role, ignoreCase: true, out var role) ? role : Role.Display, info.Site, info.Name, info.Id);
}
