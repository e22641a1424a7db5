namespace EventHub.Domain.Forum;

/// <summary>Something that happened to a forum. Each capability adds its own sealed records.</summary>
public abstract record ForumEvent;

/// <summary>An event that concerns one bridge point (its host sees it in full).</summary>
public interface ISiteEvent
{
    string Site { get; }
}

/// <summary>Where an event sits in the log: sequence number, commit time (Unix ms) and who caused it.</summary>
public sealed record EventContext(long Seq, long At, Actor Actor);

public sealed record ForumOpened(string ForumId, string Title, IReadOnlyList<string> Sites) : ForumEvent;
