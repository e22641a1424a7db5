using EventHub.Domain.Forum;

namespace EventHub.Domain.Tests;

/// <summary>
/// Given(events).When(command).Then(events) / ThenFails(code): the decider tested as a pure function.
/// The forum is already open on four sites unless a test says otherwise.
/// </summary>
public sealed class Spec
{
    public static readonly string[] Sites = ["HCM", "DNG", "HPG", "CTO"];
    public static readonly ForumOpened Opened = new("forum-1", "Tọa đàm", Sites);

    readonly List<(ForumEvent Event, Actor Actor)> _given = [];
    Actor _actor = Actor.Moderator();
    long _now = 1_000_000;

    public static Spec Open() => new Spec().Given(Opened);
    public static Spec Closed() => new();

    public Spec Given(params ForumEvent[] events) => Given(Actor.Moderator(), events);

    public Spec Given(Actor actor, params ForumEvent[] events)
    {
        _given.AddRange(events.Select(e => (e, actor)));
        return this;
    }

    public Spec By(Actor actor)
    {
        _actor = actor;
        return this;
    }

    public Spec At(long now)
    {
        _now = now;
        return this;
    }

    public ForumState State()
    {
        var state = ForumState.Initial;
        var seq = 0L;
        foreach (var (e, actor) in _given) state = ForumState.Evolve(state, e, new EventContext(++seq, _now - 1_000, actor));
        return state;
    }

    public Outcome When(ForumCommand command) => new(() => ForumDecider.Decide(State(), command, _actor, _now));

    public sealed class Outcome(Func<IReadOnlyList<ForumEvent>> decide)
    {
        public void Then(params ForumEvent[] expected) => Assert.Equal(expected, decide());

        public void ThenNothing() => Assert.Empty(decide());

        public ForumError ThenFails(string code)
        {
            var ex = Assert.Throws<ForumRuleException>(() => decide());
            Assert.Equal(code, ex.Error.Code);
            Assert.False(string.IsNullOrWhiteSpace(ex.Error.Message));
            Assert.False(string.IsNullOrWhiteSpace(ex.Error.MessageEn));
            return ex.Error;
        }
    }
}
