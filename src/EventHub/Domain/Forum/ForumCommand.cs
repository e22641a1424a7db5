namespace EventHub.Domain.Forum;

/// <summary>A request to change a forum. Each capability adds its own sealed records.</summary>
public abstract record ForumCommand;

/// <summary>A command that acts for one bridge point: a host may send it only for their own site.</summary>
public interface ISiteCommand
{
    string Site { get; }
}

public sealed record OpenForum(string ForumId, string Title, IReadOnlyList<string> Sites) : ForumCommand;
