using System.Runtime.CompilerServices;
using EventHub.Domain.Forum;
using EventHub.Domain.SpeakerQueue;
using EventHub.Forum;
using EventHub.Storage;
using EventHub.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventHub.Tests.Forum;

/// <summary>
/// A snapshot is serialised once per audience and head, and kept while that head is the view's: every client of an
/// audience that asks for it then gets the same one. Once the view moves on, it is never served again.
/// </summary>
public sealed class SnapshotCacheTests : IDisposable
{
    const string ForumId = "snapshot-forum";
    static readonly Viewer Moderator = Viewer.Of(new Actor(Role.Moderator, null, "Điều hành", "moderator-1"));
    readonly string _folder = TempFolder.Create("snapshot-cache");
    readonly FileEventLog _log;

    public SnapshotCacheTests() => _log = new FileEventLog(_folder, NullLogger<FileEventLog>.Instance);

    public void Dispose()
    {
        _log.Dispose();
        TempFolder.TryDelete(_folder);
    }

    [Fact]
    public async Task GivenASnapshotServed_WhileTheHeadStays_ThenTheSameOneIsServedAgain()
    {
        var engine = await OpenedEngineAsync();

        var first = await engine.SnapshotAsync(Moderator, default);
        var second = await engine.SnapshotAsync(Moderator, default);

        Assert.Same(first.Snapshot, second.Snapshot);
    }

    [Fact]
    public async Task GivenASnapshotServed_WhenTheViewMovesOn_ThenTheNodeNoLongerHoldsIt()
    {
        var engine = await OpenedEngineAsync();
        var served = SnapshotHeldOnlyByTheEngine(engine);
        Collect();
        Assert.True(served.IsAlive); // the cache keeps it for the next client of the audience

        await engine.ExecuteAsync(Actor.System, "agenda-1", new AddAgendaItem("opening", "Khai mạc", 180), default);
        Collect();

        Assert.False(served.IsAlive);
    }

    async Task<ForumEngine> OpenedEngineAsync()
    {
        var engine = new ForumEngine(ForumId, _log, new NoClients(), TimeProvider.System, new EngineOptions(),
            NullLogger<ForumEngine>.Instance);
        await engine.StartAsync(default);
        await engine.ExecuteAsync(Actor.System, "open-forum", new OpenForum(ForumId, "Diễn đàn", ["HNI", "HCM"]), default);
        engine.StartServing(); // as ForumStartup does once the forum is open
        return engine;
    }

    /// <summary>The moderator's snapshot, weakly: no reference to it is left on the test's side (not inlined, run apart).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference SnapshotHeldOnlyByTheEngine(ForumEngine engine) =>
        new(Task.Run(() => engine.SnapshotAsync(Moderator, default)).GetAwaiter().GetResult().Snapshot
            ?? throw new InvalidOperationException("A snapshot request answered without a snapshot."));

    static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    sealed class NoClients : IEventPublisher
    {
        public void Publish(IReadOnlyList<CommittedEvent> events) { }
        public void Appended(IReadOnlyList<StoredEvent> events) { }
    }
}
