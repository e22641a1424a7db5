namespace EventHub.Domain.Forum;

/// <summary>A refusal the caller can act on: a stable code, a Vietnamese message and its English twin.</summary>
/// <param name="RetryAfterMs">For <c>rate.limited</c>: how long to wait before the same call can succeed.</param>
public sealed record ForumError(string Code, string Message, string MessageEn, long? RetryAfterMs = null)
{
    public override string ToString() => $"{Code}: {Message} / {MessageEn}";
}

/// <summary>Thrown by deciders and validators; carries the error the client sees. Nothing was changed.</summary>
public sealed class ForumRuleException(ForumError error) : Exception(error.ToString())
{
    public ForumError Error { get; } = error;
}
