using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.Domain.Tests.SpeakerQueue;
using static EventHub.Domain.Tests.QandA.QandAGiven;

namespace EventHub.Domain.Tests.QandA;

public sealed class QandAVisibilityTests
{
    static QuestionForms Forms(Spec spec, ForumEvent e) => QandAVisibility.Forms(spec.State.QandA, e)!;

    [Fact]
    public void APendingQuestion_IsSeenByItsAuthorHostAndStaff_AndIsABlankToThePublic()
    {
        var forms = Forms(QandAOpen(), Submitted("q1", Lan));
        var scope = forms.Scope;

        Assert.Equal(QuestionForm.Full, scope.FormFor(Role.Delegate, "HCM", "d-lan"));
        Assert.Equal(QuestionForm.Full, scope.FormFor(Role.SiteHost, "HCM", "host:HCM"));
        Assert.Equal(QuestionForm.Full, scope.FormFor(Role.Reviewer, null, "reviewer"));
        Assert.Equal(QuestionForm.Full, scope.FormFor(Role.Moderator, null, "moderator"));
        Assert.Equal(QuestionForm.Public, scope.FormFor(Role.Delegate, "HCM", "d-cuong"));
        Assert.Equal(QuestionForm.Public, scope.FormFor(Role.SiteHost, "DNG", "host:DNG"));
        Assert.Equal(QuestionForm.Public, scope.FormFor(Role.Display, null, "display"));

        var blank = Assert.IsType<QuestionSubmitted>(forms.Public);
        Assert.Equal(("", "", "", ""), (blank.QuestionId, blank.Text, blank.AuthorName, blank.Site));
        // Folding the blank form leaves the public copy without the question.
        Assert.Empty(QandAState.Evolve(QandAState.Empty, blank, new EventContext(1, 1, Actor.System)).Questions);
    }

    [Fact]
    public void AnAnonymousQuestion_HidesTheNameFromTheHostAndStaff_UnlessTheForumLetsReviewersSee()
    {
        var forms = Forms(QandAOpen(), Submitted("q1", Lan, anonymous: true));
        Assert.Equal(QuestionForm.Full, forms.Scope.FormFor(Role.Delegate, "HCM", "d-lan"));
        Assert.Equal(QuestionForm.Unnamed, forms.Scope.FormFor(Role.SiteHost, "HCM", "host:HCM"));
        Assert.Equal(QuestionForm.Unnamed, forms.Scope.FormFor(Role.Reviewer, null, "reviewer"));
        var unnamed = Assert.IsType<QuestionSubmitted>(forms.Unnamed);
        Assert.Equal(("", "", "HCM", "Câu hỏi?"), (unnamed.AuthorId, unnamed.AuthorName, unnamed.Site, unnamed.Text));

        var named = Forms(QandAOpen(), Submitted("q1", Lan, anonymous: true) with { NamesToReviewers = true });
        Assert.Equal(QuestionForm.Full, named.Scope.FormFor(Role.Reviewer, null, "reviewer"));
        Assert.Equal(QuestionForm.Unnamed, named.Scope.FormFor(Role.SiteHost, "HCM", "host:HCM"));
    }

    [Fact]
    public void AVote_NamesTheVoterOnlyToTheVoter()
    {
        var spec = QandAOpen().WithPublished("q1", Lan);
        var forms = Forms(spec, new QuestionVoted("q1", "d-binh", 1));
        Assert.Equal(QuestionForm.Full, forms.Scope.FormFor(Role.Delegate, "DNG", "d-binh"));
        Assert.Equal(QuestionForm.Public, forms.Scope.FormFor(Role.Moderator, null, "moderator"));
        Assert.Equal(QuestionForm.Public, forms.Scope.FormFor(Role.Delegate, "HCM", "d-lan")); // not even the author
        Assert.Equal(new QuestionVoted("q1", "", 1), forms.Public);
    }

    [Fact]
    public void ADismissalsReason_ReachesTheAuthor_NotThePublic()
    {
        var forms = Forms(QandAOpen().WithPublished("q1", Lan), new QuestionDismissed("q1", "Không phù hợp"));
        Assert.Equal(new QuestionDismissed("q1", null), forms.Public);
        Assert.Equal(new QuestionDismissed("q1", "Không phù hợp"), forms.Full);
    }

    /// <summary>
    /// What each audience folds from the forms it is sent equals the snapshot it would be given: a client that
    /// resumes from a snapshot holds the same questions and tallies as one that stayed.
    /// </summary>
    [Theory]
    [InlineData("public")]
    [InlineData("hostHCM")]
    [InlineData("hostDNG")]
    [InlineData("reviewer")]
    [InlineData("moderator")]
    public void TheFoldOfAnAudiencesForms_EqualsTheSnapshotItIsGiven(string audience)
    {
        var (role, site, id) = audience switch
        {
            "public" => (Role.Display, (string?)null, "display"),
            "hostHCM" => (Role.SiteHost, "HCM", "host:HCM"),
            "hostDNG" => (Role.SiteHost, "DNG", "host:DNG"),
            "reviewer" => (Role.Reviewer, null, "reviewer"),
            _ => (Role.Moderator, null, "moderator"),
        };
        var story = new (Actor By, ForumEvent Event)[]
        {
            (Lan, Submitted("q1", Lan)),
            (Binh, Submitted("q2", Binh, anonymous: true)),
            (Cuong, Submitted("q3", Cuong)),
            (Lan, Submitted("q4", Lan, anonymous: true)),
            (Reviewer, new QuestionEdited("q1", "Câu hỏi một.", "Chuyển đổi số", "Câu hỏi?")),
            (Reviewer, new QuestionPublished("q1", "question", "HCM", "Nguyễn Thị Lan", "Câu hỏi một.", "Chuyển đổi số", "discussion", null, false, 101, 0)),
            (Reviewer, new QuestionPublished("q2", "question", "DNG", "", "Câu hỏi?", null, "discussion", null, true, 102, 0)),
            (Binh, new QuestionVoted("q1", "d-binh", 1)),
            (Cuong, new QuestionVoted("q1", "d-cuong", 2)),
            (Lan, new QuestionVoted("q2", "d-lan", 1)),
            (Reviewer, new QuestionsMerged("q1", "q3", 2)),
            (Reviewer, new QuestionsMerged("q1", "q2", 3)),
            (Reviewer, new QuestionDismissed("q4", "Trùng")),
            (Spec.Moderator, new QuestionHighlighted("q1")),
            (Cuong, new QuestionUnvoted("q1", "d-cuong", 2)),
        };

        var full = QandAOpen().State;
        var folded = full;
        var seq = 100L;
        foreach (var (by, e) in story)
        {
            var context = new EventContext(++seq, seq, by);
            var forms = QandAVisibility.Forms(full.QandA, e);
            var seen = forms?.For(forms.Scope.FormFor(role, site, id)) ?? e;
            full = ForumState.Evolve(full, e, context);
            folded = ForumState.Evolve(folded, seen, context);
        }

        var snapshot = Visibility.StateFor(full, role, site).QandA;
        var foldedView = folded.QandA with
        {
            Questions = folded.QandA.Questions.SetItems(folded.QandA.Questions.Select(p =>
                KeyValuePair.Create(p.Key, p.Value with { Voters = p.Value.Voters.Clear() }))),
        };
        Assert.Equal(Snapshots.Serialize(full with { QandA = snapshot }), Snapshots.Serialize(full with { QandA = foldedView }));
        Assert.Equal(2, snapshot.Question("q1")!.Votes);
    }
}
