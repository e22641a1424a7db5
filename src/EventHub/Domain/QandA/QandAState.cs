using System.Collections.Immutable;
using EventHub.Domain.Forum;

namespace EventHub.Domain.QandA;

public enum QuestionStatus
{
    /// <summary>Under review: seen by its author, their site's host, the reviewers and the moderator.</summary>
    Pending,
    Published,
    Answered,
    Dismissed,
    Withdrawn,
    /// <summary>Folded into another question (<see cref="Question.MergedInto"/>).</summary>
    Merged,
}

/// <summary>
/// The author of a duplicate merged into a question: their site, and their name unless anonymous (blank too for a
/// site's own submission). Public: the duplicate was published, so everyone knew of it.
/// </summary>
public sealed record CoAuthor(string Site, string AuthorName, bool Anonymous, bool Public);

/// <summary>
/// One question or proposal. <see cref="Voters"/> is held only by the hub (no client's form names a voter);
/// clients hold <see cref="Votes"/>, which every vote event carries as an absolute tally.
/// </summary>
public sealed record Question(string Id, string Kind, string Site, string AuthorId, string AuthorName, string Text,
    string? Topic, string? ItemId, string? Speaker, bool Anonymous, long SubmittedAt)
{
    public QuestionStatus Status { get; init; }
    public bool NamesToReviewers { get; init; }
    /// <summary>True once published: the public knows it, whatever happens to it next.</summary>
    public bool Public { get; init; }
    public long? PublishedAt { get; init; }
    public int Votes { get; init; }
    public ImmutableSortedSet<string> Voters { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
    /// <summary>The text as the author sent it, kept when a reviewer corrected it.</summary>
    public string? OriginalText { get; init; }
    public string? DismissReason { get; init; }
    public string? AnsweredBy { get; init; }
    public long? AnsweredAt { get; init; }
    public string? MergedInto { get; init; }
    public ImmutableList<CoAuthor> CoAuthors { get; init; } = [];

    /// <summary>Still open: under review or published and not yet answered.</summary>
    public bool IsLive => Status is QuestionStatus.Pending or QuestionStatus.Published;
}

public sealed record QandAState
{
    public const int DefaultQuestionsPerTenMinutes = 5;

    public static readonly QandAState Empty = new();

    public bool Review { get; init; } = true;
    public bool AllowAnonymous { get; init; }
    public bool NamesToReviewers { get; init; }
    public ImmutableList<string> Topics { get; init; } = [];
    public int QuestionsPerTenMinutes { get; init; } = DefaultQuestionsPerTenMinutes;
    /// <summary>Q&A for the whole forum; an item in <see cref="ClosedItems"/> is closed even while this is open.</summary>
    public bool IsOpen { get; init; }
    public ImmutableSortedSet<string> ClosedItems { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
    public ImmutableSortedDictionary<string, Question> Questions { get; init; } =
        ImmutableSortedDictionary<string, Question>.Empty.WithComparers(StringComparer.Ordinal);
    /// <summary>The question "now answering" on the projector (at most one).</summary>
    public string? Highlighted { get; init; }

    public Question? Question(string id) => Questions.GetValueOrDefault(id);

    public bool IsOpenFor(string? itemId) => IsOpen && (itemId is null || !ClosedItems.Contains(itemId));

    public static QandAState Evolve(QandAState state, IQandAEvent @event, EventContext context)
    {
        switch (@event)
        {
            case QandAConfigured e:
                return state with
                {
                    Review = e.Review, AllowAnonymous = e.AllowAnonymous, NamesToReviewers = e.NamesToReviewers,
                    Topics = [.. e.Topics], QuestionsPerTenMinutes = e.QuestionsPerTenMinutes,
                };
            case QandAOpened { ItemId: null }:
                return state with { IsOpen = true };
            case QandAOpened e:
                return state with { ClosedItems = state.ClosedItems.Remove(e.ItemId) };
            case QandAClosed { ItemId: null }:
                return state with { IsOpen = false };
            case QandAClosed e:
                return state with { ClosedItems = state.ClosedItems.Add(e.ItemId) };
            // A redacted submission (blank id) tells the public only that the log moved on.
            case QuestionSubmitted e when e.QuestionId.Length > 0:
                return state.With(new Question(e.QuestionId, e.Kind, e.Site, e.AuthorId, e.AuthorName, e.Text, e.Topic,
                    e.ItemId, e.Speaker, e.Anonymous, context.At) { NamesToReviewers = e.NamesToReviewers });
            case QuestionPublished e when e.QuestionId.Length > 0:
            {
                // Whoever saw the submission keeps what they knew (the author's id); the public learns the question here.
                var known = state.Question(e.QuestionId) ?? new Question(e.QuestionId, e.Kind, e.Site, "", e.AuthorName,
                    e.Text, e.Topic, e.ItemId, e.Speaker, e.Anonymous, e.SubmittedAt);
                return state.With(known with
                {
                    Status = QuestionStatus.Published, Public = true, PublishedAt = context.At, Votes = e.Votes,
                    Text = e.Text, Topic = e.Topic,
                });
            }
            case QuestionEdited e:
                return state.Change(e.QuestionId, q => q with
                {
                    Text = e.Text, Topic = e.Topic, OriginalText = q.OriginalText ?? e.Original,
                });
            case QuestionWithdrawn e:
                return state.Change(e.QuestionId, q => q with { Status = QuestionStatus.Withdrawn }).Unhighlight(e.QuestionId);
            case QuestionDismissed e:
                return state.Change(e.QuestionId, q => q with { Status = QuestionStatus.Dismissed, DismissReason = e.Reason })
                    .Unhighlight(e.QuestionId);
            case QuestionsMerged e:
            {
                var duplicate = state.Question(e.DuplicateId);
                var merged = state.Change(e.KeptId, q => q with
                {
                    Votes = e.Votes,
                    Voters = duplicate is null ? q.Voters : q.Voters.Union(duplicate.Voters),
                    // A copy that never saw the duplicate (one under review at another site) cannot say who joined.
                    CoAuthors = duplicate is null ? q.CoAuthors
                        : q.CoAuthors.Add(new CoAuthor(duplicate.Site, duplicate.Anonymous ? "" : duplicate.AuthorName,
                            duplicate.Anonymous, duplicate.Public)).AddRange(duplicate.CoAuthors),
                });
                return merged.Change(e.DuplicateId, q => q with { Status = QuestionStatus.Merged, MergedInto = e.KeptId })
                    .Unhighlight(e.DuplicateId);
            }
            case QuestionLabelled e:
                return state.Change(e.QuestionId, q => q with { Topic = e.Topic });
            case QuestionHighlighted e:
                return state with { Highlighted = e.QuestionId };
            case QuestionAnswered e:
                return state.Change(e.QuestionId, q => q with
                {
                    Status = QuestionStatus.Answered, AnsweredBy = e.RequestId, AnsweredAt = context.At,
                }).Unhighlight(e.QuestionId);
            case QuestionVoted e:
                return state.Change(e.QuestionId, q => q with
                {
                    Votes = e.Votes, Voters = e.DelegateId.Length > 0 ? q.Voters.Add(e.DelegateId) : q.Voters,
                });
            case QuestionUnvoted e:
                return state.Change(e.QuestionId, q => q with { Votes = e.Votes, Voters = q.Voters.Remove(e.DelegateId) });
            case VoteTallies e:
            {
                foreach (var tally in e.Tallies) state = state.Change(tally.QuestionId, q => q with { Votes = tally.Votes });
                return state;
            }
            case DelegateVotesWithdrawn e:
            {
                foreach (var tally in e.Tallies)
                    state = state.Change(tally.QuestionId, q => q with { Votes = tally.Votes, Voters = q.Voters.Remove(e.DelegateId) });
                return state;
            }
            default:
                return state;
        }
    }

    QandAState With(Question question) => this with { Questions = Questions.SetItem(question.Id, question) };

    /// <summary>A question this copy does not hold (a pending one the public never saw) is left alone.</summary>
    QandAState Change(string id, Func<Question, Question> change) =>
        Question(id) is { } q ? With(change(q)) : this;

    QandAState Unhighlight(string id) => Highlighted == id ? this with { Highlighted = null } : this;
}
