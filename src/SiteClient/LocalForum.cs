using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;

namespace EventHub.SiteClient;

/// <summary>An event the local copy took in, decoded; <c>FromResume</c> when it came from a resume, not live.</summary>
public sealed record AppliedEvent(EventEnvelope Envelope, ForumEvent Event)
{
    public bool FromResume { get; init; }
}

/// <summary>
/// The client's copy of the forum: folds envelopes in sequence order with the domain's own Evolve, refuses
/// to skip a number, and ignores what it has already seen. No I/O, so it is tested on its own.
/// </summary>
public sealed class LocalForum
{
    public string? Epoch { get; private set; }
    public long LastSeq { get; private set; }
    public ForumState State { get; private set; } = ForumState.Initial;

    public enum Outcome { Applied, AlreadySeen, Gap }

    /// <summary>Applies the next event; a repeat is ignored, a jump is reported (the caller resumes).</summary>
    public Outcome Offer(EventEnvelope envelope, out AppliedEvent? applied)
    {
        applied = null;
        if (envelope.Seq <= LastSeq) return Outcome.AlreadySeen;
        if (envelope.Seq != LastSeq + 1) return Outcome.Gap;
        var @event = EventCatalog.Deserialize(envelope.Type, envelope.V, envelope.Data);
        State = ForumState.Evolve(State, @event, new EventContext(envelope.Seq, envelope.At, ToActor(envelope.Actor)));
        LastSeq = envelope.Seq;
        applied = new AppliedEvent(envelope, @event);
        return Outcome.Applied;
    }

    /// <summary>Takes in a resume answer: a snapshot (when present) replaces everything, then the events follow.</summary>
    public IReadOnlyList<AppliedEvent> Apply(ResumeResult result)
    {
        if (result.Snapshot is not null)
        {
            State = Snapshots.Deserialize(result.Snapshot);
            LastSeq = result.SnapshotSeq;
        }
        else if (result.Epoch != Epoch && Epoch is not null)
        {
            throw new InvalidOperationException("A resume on a new epoch must carry a snapshot.");
        }
        Epoch = result.Epoch;
        var applied = new List<AppliedEvent>(result.Events.Count);
        foreach (var envelope in result.Events)
            if (Offer(envelope, out var one) == Outcome.Applied) applied.Add(one! with { FromResume = true });
            else if (envelope.Seq > LastSeq) throw new InvalidOperationException($"Resume skipped from {LastSeq} to {envelope.Seq}.");
        return applied;
    }

    /// <summary>True when the hub's position shows an event this copy has not got.</summary>
    public bool IsBehind(LogPosition position) => position.Epoch != Epoch || position.Head > LastSeq;

    public ResumeRequest ResumeRequest() => new(Epoch, LastSeq);

    static Actor ToActor(ActorInfo info) => new(
        Enum.TryParse<Role>(info.Role, ignoreCase: true, out var role) ? role : Role.Display, info.Site, info.Name, info.Id);
}
