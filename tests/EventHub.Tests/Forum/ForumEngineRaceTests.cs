using EventHub.Domain.Forum;
using EventHub.Domain.SpeakerQueue;
using EventHub.Forum;
using EventHub.Storage;
using EventHub.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventHub.Tests.Forum;

/// <summary>
/// A node decides on its view while the store's feed moves that view on. A refusal is final only when it is recorded
/// at the head it was decided on: a command refused on a view the log has left behind is decided again.
/// </summary>
public sealed class ForumEngineRaceTests : IDisposable
{
    const string ForumId = "race-forum";
    readonly string _folder = TempFolder.Create("engine-race");
    readonly FileEventLog _log;

    public ForumEngineRaceTests() => _log = new FileEventLog(_folder, NullLogger<FileEventLog>.Instance);

    public void Dispose()
    {
        _log.Dispose();
        TempFolder.TryDelete(_folder);
    }

    [Fact]
    public async Task ACommandRefusedOnAStaleView_WhileTheFeedBringsWhatItNeeds_IsDecidedAgainAndSucceeds()
    {
        // Another node opens the forum; this node has not heard it yet.
        var otherNode = Engine(_log);
        await otherNode.StartAsync(default);
        var feed = new HandFeed();
        var storeWithFeed = new FeedDuringRecord(_log, feed);
        var thisNode = Engine(storeWithFeed);
        await thisNode.StartAsync(default);
        await using var following = await thisNode.FollowAsync(feed, default, default);
        var opened = await otherNode.ExecuteAsync(Actor.System, "open-forum", new OpenForum(ForumId, "Diễn đàn", ["HNI", "HCM"]), default);
        Assert.False(thisNode.View.State.IsOpen);

        // Decided on the stale view, the agenda item is refused (the forum is not open). While the node records the
        // refusal, the feed brings the opening: the head the refusal came from is gone, and the record conflicts.
        var result = await thisNode.ExecuteAsync(Actor.System, "agenda-1", new AddAgendaItem("opening", "Khai mạc", 180), default);

        Assert.True(result.Ok);
        Assert.Equal(1, storeWithFeed.Records);
        Assert.Equal(opened.LastSeq + 1, result.FirstSeq);
        Assert.NotNull(thisNode.View.State.SpeakerQueue.Item("opening"));
    }

    [Fact]
    public async Task ACommandRefusedOnTheLatestView_IsRefused_AndChangesNothing()
    {
        var feed = new HandFeed();
        var store = new FeedDuringRecord(_log, feed);
        var engine = Engine(store);
        await engine.StartAsync(default);
        await using var following = await engine.FollowAsync(feed, default, default);

        var refusal = await Assert.ThrowsAsync<ForumRuleException>(() =>
            engine.ExecuteAsync(Actor.System, "agenda-1", new AddAgendaItem("opening", "Khai mạc", 180), default));

        Assert.Equal("forum.not_open", refusal.Error.Code);
        Assert.Equal(1, store.Records);
        Assert.Equal(0, (await _log.GetHeadAsync(ForumId, default)).Head);
    }

    static ForumEngine Engine(IEventLog log) => new(ForumId, log, new NoClients(), TimeProvider.System, new EngineOptions(),
        NullLogger<ForumEngine>.Instance);

    sealed class NoClients : IEventPublisher
    {
        public void Publish(IReadOnlyList<CommittedEvent> events) { }
        public void Appended(IReadOnlyList<StoredEvent> events) { }
    }

    /// <summary>A feed the test drives: it delivers what the log holds beyond what it delivered, when told to.</summary>
    sealed class HandFeed : IEventFeed
    {
        Func<StoredEvent, Task>? _listener;
        long _delivered;

        public Task<IAsyncDisposable> FollowAsync(string forumId, Func<StoredEvent, Task> onAppended, CancellationToken cancellationToken)
        {
            _listener = onAppended;
            return Task.FromResult<IAsyncDisposable>(new Nothing());
        }

        public async Task DeliverAsync(IEventLog log)
        {
            foreach (var e in await log.ReadAsync(ForumId, _delivered, 100, default))
            {
                await _listener!(e);
                _delivered = e.Seq;
            }
        }

        sealed class Nothing : IAsyncDisposable
        {
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    /// <summary>The store, where the feed catches up while the engine records a refusal or a no-op.</summary>
    sealed class FeedDuringRecord(IEventLog inner, HandFeed feed) : EventLogDecorator(inner)
    {
        public int Records { get; private set; }

        public override async Task<BatchResult> WriteAsync(string forumId, long expectedHead, IReadOnlyList<CommandWrite> writes,
            CancellationToken cancellationToken)
        {
            if (writes.Any(w => w.Events.Count == 0))
            {
                Records++;
                await feed.DeliverAsync(Inner);
            }
            return await Inner.WriteAsync(forumId, expectedHead, writes, cancellationToken);
        }
    }
}
