using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Tests.SpeakerQueue;

/// <summary>
/// Given(events).When(command).Then(events) / ThenThrows(code) over the real ForumDecider (so permissions and the
/// forum-open check are part of every test). Each given event is committed one second after the previous one;
/// <see cref="After"/> moves the clock on. Events are compared by catalog name and JSON, so lists inside compare by content.
/// </summary>
public sealed class QueueSpec
{
    public static readonly string[] Sites = ["HCM", "DNG", "HPG", "CTO", "HUE"];
    public const long Start = 1_724_130_000_000; // 20 August 2024, morning
    public static readonly Actor Moderator = Actor.Moderator();
    public static Actor Host(string site) => Actor.Host(site, $"Điểm cầu {site}");

    ForumState _state = ForumState.Initial;
    long _clock = Start;
    long _seq;
    ForumCommand? _command;
    Actor _actor = Moderator;

    public ForumState State => _state;
    public SpeakerQueueState Queue => _state.SpeakerQueue;
    public long Now => _clock;

    /// <summary>An open forum with two agenda items, "discussion" (300 s, current) and "closing" (120 s).</summary>
    public static QueueSpec Forum() => Unopened().Given(
        new ForumOpened("f", "Tọa đàm", Sites),
        new AgendaItemAdded("discussion", "Thảo luận", 300),
        new AgendaItemAdded("closing", "Bế mạc", 120));

    public static QueueSpec Unopened() => new();

    public QueueSpec Given(params ForumEvent[] events) => GivenBy(Moderator, events);

    public QueueSpec GivenBy(Actor actor, params ForumEvent[] events)
    {
        foreach (var e in events)
        {
            _state = ForumState.Evolve(_state, e, new EventContext(++_seq, _clock, actor));
            _clock += 1_000;
        }
        return this;
    }

    public QueueSpec After(long ms)
    {
        _clock += ms;
        return this;
    }

    public QueueSpec When(ForumCommand command, Actor? actor = null)
    {
        _command = command;
        _actor = actor ?? Moderator;
        return this;
    }

    /// <summary>Runs the command, asserts its events, and folds them in so a test can go on.</summary>
    public QueueSpec Then(params ForumEvent[] expected)
    {
        var actual = Decide();
        Assert.Equal(expected.Select(Wire), actual.Select(Wire));
        return GivenBy(_actor, [.. actual]);
    }

    public ForumError ThenThrows(string code)
    {
        var ex = Assert.Throws<ForumRuleException>(() => Decide());
        Assert.Equal(code, ex.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(ex.Error.Message));
        Assert.False(string.IsNullOrWhiteSpace(ex.Error.MessageEn));
        return ex.Error;
    }

    IReadOnlyList<ForumEvent> Decide() =>
        ForumDecider.Decide(_state, _command ?? throw new InvalidOperationException("When(...) first."), _actor, _clock);

    static string Wire(ForumEvent e) => $"{EventCatalog.NameOf(e).Type} {EventCatalog.Serialize(e)}";
}

/// <summary>Short builders for the events most tests start from.</summary>
public static class Make
{
    public static FloorRequested Requested(string id, string site, string item = "discussion") =>
        new(id, item, site, $"Người nói {id}", "Chuyên viên", $"Chủ đề {id}");

    public static RequestApproved Approved(string id, string site) =>
        new(id, site, $"Người nói {id}", "Chuyên viên", $"Chủ đề {id}");

    public static SpeakerAdded Hall(string id, int position, string item = "discussion") =>
        new(id, item, null, $"Khách mời {id}", "Đại biểu", null, position);

    public static SpeechStarted Started(string id, string? site, int limit = 300) => site is null
        ? new(id, null, $"Khách mời {id}", "Đại biểu", null, limit)
        : new(id, site, $"Người nói {id}", "Chuyên viên", $"Chủ đề {id}", limit);
}
