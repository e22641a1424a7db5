using EventHub.Domain.Attendance;
using EventHub.Domain.QandA;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Forum;

/// <summary>
/// Least privilege in one table: which role may send which command, and the site-scope rule
/// (a host or delegate acts only for the site in their token).
/// </summary>
public static class Permissions
{
    public static void Check(Actor actor, ForumCommand command)
    {
        if (!Allowed(actor.Role, command)) throw Errors.Forbidden();
        if (actor.Role is Role.SiteHost or Role.Delegate && command is ISiteCommand scoped &&
            !string.Equals(scoped.Site, actor.Site, StringComparison.Ordinal))
            throw Errors.OtherSite();
    }

    static bool Allowed(Role role, ForumCommand command) => command switch
    {
        OpenForum => role == Role.Moderator,
        ConfirmRollCall => role == Role.SiteHost,
        CheckIn or UpdateHeadcount or CheckOut => role is Role.SiteHost or Role.Moderator,
        JoinAsDelegate => role == Role.Delegate,
        // A host confirms only their own site's recipients: the decider checks the delegate's site.
        ConfirmAwardee => role is Role.SiteHost or Role.Moderator,
        // A host withdraws only their own site's request: the decider checks the request's site.
        RequestFloor or WithdrawRequest => role is Role.SiteHost or Role.Moderator,
        // Q&A: the decider checks that an edit or withdrawal comes from the author (or, for edits, the staff).
        AskQuestion or WithdrawQuestion => role is Role.Delegate or Role.SiteHost,
        EditQuestion => role is Role.Delegate or Role.SiteHost or Role.Reviewer or Role.Moderator,
        VoteQuestion or UnvoteQuestion => role == Role.Delegate,
        PublishQuestion or DismissQuestion or MergeQuestions or LabelQuestion or MarkAnswered =>
            role is Role.Reviewer or Role.Moderator,
        _ => role == Role.Moderator,
    };
}
