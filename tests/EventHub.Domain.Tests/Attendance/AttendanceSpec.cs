using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;

namespace EventHub.Domain.Tests.Attendance;

/// <summary>
/// Attendance's Given(events).When(command).Then(events) / ThenThrows(code), distinct from the foundation's
/// <see cref="Tests.Spec"/> because roll-call deadlines need each given event's commit time. Given events are
/// committed one second apart from <see cref="T0"/>; the command is decided at <c>now</c> (by default one second
/// after the last one).
/// </summary>
public sealed class AttendanceSpec
{
    public const long T0 = 1_724_115_600_000; // 20 Aug 2024 08:00 (UTC+7)
    public static readonly string[] Sites = ["DNG", "HCM", "HPG", "HUE"];
    public static readonly ForumOpened Opened = new("f1", "Tọa đàm", Sites);

    readonly List<(ForumEvent Event, long At)> _given = [(Opened, T0)];
    ForumCommand? _command;
    Actor _actor = Actor.Moderator();
    long? _now;

    public static AttendanceSpec Given(params ForumEvent[] events)
    {
        var spec = new AttendanceSpec();
        foreach (var e in events) spec._given.Add((e, spec.LastAt + 1_000));
        return spec;
    }

    /// <summary>Adds an event committed at an exact time (for deadlines).</summary>
    public AttendanceSpec AndAt(long at, ForumEvent e)
    {
        _given.Add((e, at));
        return this;
    }

    public AttendanceSpec When(ForumCommand command, Actor? actor = null, long? now = null)
    {
        (_command, _actor, _now) = (command, actor ?? Actor.Moderator(), now);
        return this;
    }

    public long LastAt => _given[^1].At;

    public ForumState State()
    {
        var state = ForumState.Initial;
        var seq = 0L;
        foreach (var (e, at) in _given) state = ForumState.Evolve(state, e, new EventContext(++seq, at, Actor.Moderator()));
        return state;
    }

    public IReadOnlyList<ForumEvent> Decide() =>
        ForumDecider.Decide(State(), _command ?? throw new InvalidOperationException("When(...) first."), _actor,
            _now ?? LastAt + 1_000);

    /// <summary>Compares by catalog name and JSON, so events holding lists compare by content.</summary>
    public void Then(params ForumEvent[] expected) => Assert.Equal(Wire(expected), Wire(Decide()));

    public void ThenNothing() => Then();

    public void ThenThrows(string code)
    {
        var ex = Assert.Throws<ForumRuleException>(() => Decide());
        Assert.Equal(code, ex.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(ex.Error.Message));
        Assert.False(string.IsNullOrWhiteSpace(ex.Error.MessageEn));
    }

    static List<string> Wire(IEnumerable<ForumEvent> events) =>
        events.Select(e => $"{EventCatalog.NameOf(e).Type} {EventCatalog.Serialize(e)}").ToList();
}
