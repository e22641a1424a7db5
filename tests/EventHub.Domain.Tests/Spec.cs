using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Tests;

/// <summary>
/// The decider as a pure function, for every feature: <c>Given(events).When(command).Then(events)</c>,
/// <c>.ThenNothing()</c> or <c>.ThenThrows(code)</c>, over the real <see cref="ForumDecider"/> (so permissions and
/// the forum-open check are part of every test). Given events are committed one second apart from <see cref="T0"/>
/// (<see cref="GivenAt"/> for an exact time, <see cref="After"/> to move the clock on); the command is decided one
/// second after the last of them, by the moderator unless <see cref="By"/> or <c>When(command, actor)</c> says
/// otherwise. Events compare by catalog name and JSON, so lists inside them compare by content; <see cref="Then"/>
/// folds the decided events in, so a test can go on.
/// </summary>
public sealed class Spec
{
    public const long T0 = 1_724_115_600_000; // 20 August 2024, 08:00 (UTC+7)
    public static readonly string[] Sites = ["HCM", "DNG", "HPG", "CTO", "HUE"];
    public static readonly ForumOpened Opened = new("forum-1", "Tọa đàm", Sites);
    public static readonly Actor Moderator = Actor.Moderator();
    public static Actor Host(string site) => Actor.Host(site, $"Điểm cầu {site}");

    ForumState _state = ForumState.Initial;
    long _clock = T0;
    long _seq;
    ForumCommand? _command;
    Actor? _by;
    Actor _actor = Moderator;
    long? _decideAt;

    public ForumState State => _state;
    public SpeakerQueueState Queue => _state.SpeakerQueue;

    /// <summary>When the command is decided (and the next given event is committed).</summary>
    public long Now => _decideAt ?? _clock;

    /// <summary>No forum yet.</summary>
    public static Spec Closed() => new();

    /// <summary>The forum open on <see cref="Sites"/>, then <paramref name="events"/>.</summary>
    public static Spec Open(params ForumEvent[] events) => Closed().Given(Opened).Given(events);

    /// <summary>An open forum with two agenda items, "discussion" (300 s, current) and "closing" (120 s).</summary>
    public static Spec Agenda() => Open(
        new AgendaItemAdded("discussion", "Thảo luận", 300),
        new AgendaItemAdded("closing", "Bế mạc", 120));

    public Spec Given(params ForumEvent[] events) => GivenBy(Moderator, events);

    public Spec GivenBy(Actor actor, params ForumEvent[] events)
    {
        foreach (var e in events) Fold(e, actor, _clock);
        return this;
    }

    /// <summary>An event committed at an exact time (deadlines); the clock goes on from there.</summary>
    public Spec GivenAt(long at, ForumEvent e)
    {
        Fold(e, Moderator, at);
        return this;
    }

    public Spec After(long ms)
    {
        _clock += ms;
        return this;
    }

    /// <summary>Who sends the commands from now on (the moderator until then).</summary>
    public Spec By(Actor actor)
    {
        _by = actor;
        return this;
    }

    /// <summary>Decides the command at <paramref name="now"/> rather than a second after the last event.</summary>
    public Spec At(long now)
    {
        _decideAt = now;
        return this;
    }

    public Spec When(ForumCommand command, Actor? actor = null, long? now = null)
    {
        _command = command;
        _actor = actor ?? _by ?? Moderator;
        if (now is { } at) _decideAt = at;
        return this;
    }

    /// <summary>Decides the command, asserts its events, and folds them in.</summary>
    public Spec Then(params ForumEvent[] expected)
    {
        var actual = Decide();
        Assert.Equal(expected.Select(Wire), actual.Select(Wire));
        foreach (var e in actual) Fold(e, _actor, Now);
        _decideAt = null;
        return this;
    }

    public Spec ThenNothing() => Then();

    public ForumError ThenThrows(string code)
    {
        var ex = Assert.Throws<ForumRuleException>(() => Decide());
        Assert.Equal(code, ex.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(ex.Error.Message));
        Assert.False(string.IsNullOrWhiteSpace(ex.Error.MessageEn));
        return ex.Error;
    }

    public IReadOnlyList<ForumEvent> Decide() =>
        ForumDecider.Decide(_state, _command ?? throw new InvalidOperationException("When(...) first."), _actor, Now);

    void Fold(ForumEvent e, Actor actor, long at)
    {
        _state = ForumState.Evolve(_state, e, new EventContext(++_seq, at, actor));
        _clock = at + 1_000;
    }

    static string Wire(ForumEvent e) => $"{EventCatalog.NameOf(e).Type} {EventCatalog.Serialize(e)}";
}
