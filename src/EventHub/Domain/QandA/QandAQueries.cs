namespace EventHub.Domain.QandA;

public enum QuestionOrder
{
    /// <summary>Most votes first; among equals, the one asked first.</summary>
    Votes,
    Newest,
    Oldest,
}

/// <summary>What a list shows; a null field does not filter.</summary>
public sealed record QuestionFilter(string? Topic = null, string? Site = null, QuestionStatus? Status = null, string? Kind = null);

/// <summary>
/// The views every client computes from its own copy (no extra broadcast): the list sorted and filtered, the
/// display's top questions and the one "now answering".
/// </summary>
public static class QandAQueries
{
    public static IReadOnlyList<Question> List(QandAState state, QuestionOrder order, QuestionFilter? filter = null)
    {
        var f = filter ?? new QuestionFilter();
        var chosen = state.Questions.Values.Where(q =>
            (f.Topic is null || q.Topic == f.Topic) && (f.Site is null || q.Site == f.Site) &&
            (f.Status is null || q.Status == f.Status) && (f.Kind is null || q.Kind == f.Kind));
        return order switch
        {
            QuestionOrder.Votes => [.. chosen.OrderByDescending(q => q.Votes).ThenBy(q => q.SubmittedAt).ThenBy(q => q.Id, StringComparer.Ordinal)],
            QuestionOrder.Newest => [.. chosen.OrderByDescending(q => q.SubmittedAt).ThenBy(q => q.Id, StringComparer.Ordinal)],
            _ => [.. chosen.OrderBy(q => q.SubmittedAt).ThenBy(q => q.Id, StringComparer.Ordinal)],
        };
    }

    /// <summary>The display's list: the published questions with the most votes.</summary>
    public static IReadOnlyList<Question> Top(QandAState state, int count) =>
        [.. List(state, QuestionOrder.Votes, new QuestionFilter(Status: QuestionStatus.Published)).Take(count)];

    public static Question? NowAnswering(QandAState state) =>
        state.Highlighted is { } id ? state.Question(id) : null;
}
