using System.Collections.Immutable;
using EventHub.Domain.Forum;

namespace EventHub.Domain.QandA;

/// <summary>The three forms of a question's event: as its owner sees it, with anonymous names taken out, and as the public sees it.</summary>
public enum QuestionForm
{
    Full,
    Unnamed,
    Public,
}

/// <summary>
/// Who sees which form of an event about one question, decided from the question as it stood before the event.
/// Owner: the author (or, for a vote, the voter), who always sees the full form.
/// </summary>
public sealed record QuestionScope(string Site, string OwnerId, bool Anonymous, bool NamesToReviewers, bool Ballot)
{
    public QuestionForm FormFor(Role role, string? site, string? viewerId)
    {
        if (viewerId is { Length: > 0 } && viewerId == OwnerId) return QuestionForm.Full;
        // Nobody but the voter learns who voted.
        if (Ballot) return QuestionForm.Public;
        return role switch
        {
            Role.Moderator or Role.Reviewer => Anonymous && !NamesToReviewers ? QuestionForm.Unnamed : QuestionForm.Full,
            // The site always shows: its host sees its own questions, under review too, but not an anonymous name.
            Role.SiteHost when site == Site => Anonymous ? QuestionForm.Unnamed : QuestionForm.Full,
            _ => QuestionForm.Public,
        };
    }
}

/// <summary>An event about a question in its three forms (the same instance where a form hides nothing).</summary>
public sealed record QuestionForms(QuestionScope Scope, ForumEvent Full, ForumEvent Unnamed, ForumEvent Public)
{
    public ForumEvent For(QuestionForm form) => form switch
    {
        QuestionForm.Full => Full,
        QuestionForm.Unnamed => Unnamed,
        _ => Public,
    };
}

/// <summary>
/// Who may see what of live Q&A. A question under review is seen by its author, its site's host, the reviewers and
/// the moderator; the public sees it from its publication on. An anonymous author's name and id reach only the
/// author (and the staff when the forum says so). Every client still gets every sequence number: what the public
/// gets of a hidden question is the same event with its id and text blank, which folding skips.
/// </summary>
public static class QandAVisibility
{
    /// <summary>The forms of a question's event, or null for an event that is not about one question.</summary>
    public static QuestionForms? Forms(QandAState before, ForumEvent @event)
    {
        if (@event is not IQuestionEvent about) return null;
        if (@event is QuestionSubmitted s)
        {
            var scope = new QuestionScope(s.Site, s.AuthorId, s.Anonymous, s.NamesToReviewers, Ballot: false);
            var unnamed = s.Anonymous ? s with { AuthorId = "", AuthorName = "" } : s;
            return new QuestionForms(scope, s, unnamed, Hidden(s));
        }
        var q = before.Question(about.QuestionId);
        if (q is null) return null; // refused by the decider; a log from elsewhere is shown as it is
        return @event switch
        {
            QuestionVoted v => Ballot(q, v.DelegateId, v, v with { DelegateId = "" }),
            QuestionUnvoted v => Ballot(q, v.DelegateId, v, v with { DelegateId = "" }),
            _ => new QuestionForms(ScopeOf(q), @event, @event, PublicForm(q, @event)),
        };
    }

    static QuestionForms Ballot(Question q, string voter, ForumEvent full, ForumEvent blank) =>
        new(ScopeOf(q) with { OwnerId = voter, Ballot = true }, full, blank, blank);

    static QuestionScope ScopeOf(Question q) => new(q.Site, q.AuthorId, q.Anonymous, q.NamesToReviewers, Ballot: false);

    static ForumEvent PublicForm(Question q, ForumEvent e)
    {
        // A merge keeps a published question (the decider's rule), so everyone may see it; a copy that never saw the
        // duplicate skips that half. The published event carries no author id, and no name when anonymous.
        if (e is QuestionsMerged or QuestionPublished) return e;
        if (!q.Public) return Hidden(e);
        return e switch
        {
            QuestionDismissed d => d with { Reason = null },
            QuestionEdited ed => ed with { Original = null },
            _ => e,
        };
    }

    /// <summary>An event about a question the public does not see: the same type, every field blank.</summary>
    static ForumEvent Hidden(ForumEvent e) => e switch
    {
        QuestionSubmitted => new QuestionSubmitted("", "", "", "", "", "", null, null, null, false, false),
        QuestionEdited => new QuestionEdited("", "", null, null),
        QuestionWithdrawn => new QuestionWithdrawn(""),
        QuestionDismissed => new QuestionDismissed("", null),
        QuestionLabelled => new QuestionLabelled("", null),
        QuestionAnswered => new QuestionAnswered("", null),
        _ => e,
    };

    /// <summary>
    /// Q&A as one viewer may hold it (snapshots), matching what the forms above let them fold: nobody holds voters,
    /// the staff and a site's host see questions under review, the public only published ones, and an anonymous
    /// author's name and id reach nobody who may not see them. A delegate's own questions under review are not in
    /// the public copy: the hub's MyQuestions gives them.
    /// </summary>
    public static QandAState StateFor(QandAState state, Role role, string? site)
    {
        var questions = state.Questions;
        foreach (var (id, q) in state.Questions)
        {
            var form = ScopeOf(q).FormFor(role, site, null);
            var unnamed = q.Anonymous ? q with { AuthorId = "", AuthorName = "" } : q;
            Question? visible = form switch
            {
                QuestionForm.Full => q with { Voters = q.Voters.Clear(), CoAuthors = Known(q.CoAuthors, role, site) },
                QuestionForm.Unnamed => unnamed with { Voters = q.Voters.Clear(), CoAuthors = Known(q.CoAuthors, role, site) },
                _ => q.Public
                    ? unnamed with
                    {
                        AuthorId = "", Voters = q.Voters.Clear(), CoAuthors = Known(q.CoAuthors, role, site),
                        OriginalText = null, DismissReason = null, NamesToReviewers = false,
                    }
                    : null,
            };
            questions = visible is null ? questions.Remove(id) : questions.SetItem(id, visible);
        }
        return state with { Questions = questions };
    }

    /// <summary>The co-authors a viewer saw join: the staff saw every duplicate; a host, its own site's and the published ones.</summary>
    static ImmutableList<CoAuthor> Known(ImmutableList<CoAuthor> authors, Role role, string? site) =>
        role is Role.Moderator or Role.Reviewer ? authors
        : authors.RemoveAll(a => !a.Public && !(role == Role.SiteHost && a.Site == site));
}
