using EventHub.Domain.Attendance;
using EventHub.Domain.QandA;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Forum;

/// <summary>
/// Decide(command, state) → events. Pure: time and the caller come in as arguments, nothing is stored.
/// A refusal throws <see cref="ForumRuleException"/> and produces no event.
/// </summary>
public static class ForumDecider
{
    public static IReadOnlyList<ForumEvent> Decide(ForumState state, ForumCommand command, Actor actor, long now)
    {
        Permissions.Check(actor, command);
        if (command is ISiteCommand scoped && !state.HasSite(scoped.Site))
            throw state.IsOpen ? Errors.UnknownSite(scoped.Site) : Errors.ForumNotOpen();

        return command switch
        {
            OpenForum open => DecideOpen(state, open),
            RollCallCommand c when state.IsOpen => RollCallDecider.Decide(state, c, now),
            AttendanceCommand c when state.IsOpen => WithQandA(state, AttendanceDecider.Decide(state.Attendance, c, actor)),
            SpeakerQueueCommand c when state.IsOpen => SpeakerQueueDecider.Decide(state, c, actor, now),
            QandACommand c when state.IsOpen => QandADecider.Decide(state, c, actor, now),
            _ => throw Errors.ForumNotOpen(),
        };
    }

    /// <summary>A removed delegate's questions under review leave the review queue and their votes are taken back, in the same append.</summary>
    static IReadOnlyList<ForumEvent> WithQandA(ForumState state, IReadOnlyList<ForumEvent> events) =>
        events is [DelegateRemoved removed] ? [removed, .. QandADecider.OnDelegateRemoved(state.QandA, removed.DelegateId)] : events;

    static IReadOnlyList<ForumEvent> DecideOpen(ForumState state, OpenForum command)
    {
        if (state.IsOpen) throw Errors.ForumAlreadyOpen();
        var title = Text.Required(command.Title, "title", 300);
        if (command.Sites.Count == 0) throw Errors.Required("sites");
        return [new ForumOpened(command.ForumId, title, command.Sites)];
    }
}
