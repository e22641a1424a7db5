using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Forum;
using EventHub.Storage;
using EventHub.Storage.Redis;
using EventHub.Tests.Infrastructure;
using EventHub.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace EventHub.Tests.Forum;

/// <summary>
/// Group commit on a real Redis (appendfsync always): commands that arrive while a write is under way share the next
/// store write, and still get the log's order, one answer each, and "acknowledged means durable".
/// </summary>
public sealed class GroupCommitTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    const string ForumId = "group-commit";
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    readonly ConnectionMultiplexer _connection = ConnectionMultiplexer.Connect(
        new RedisSettings { CommandTimeout = Timeout }.Connection(redis.Server.ConnectionString));
    readonly string _prefix = $"test-{Guid.NewGuid():N}";

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task ConcurrentFirstLogins_ShareStoreWrites_AndEachIsInTheLogOnce_InOrder_WithOneAnswerPerCommand()
    {
        var store = new HeldStore(Log());
        var engine = await OpenForumAsync(store);
        store.HoldNextWrite();
        var first = engine.ExecuteAsync(Delegate(0), "join-00000", Join(0), default);
        await store.WriteStarted.WaitAsync(Timeouts.Call);

        // 200 first logins arrive while the first one is being written; each is also resent at once with its id, and
        // five people join a second time under a new id (a second phone).
        const int people = 200;
        var joins = Enumerable.Range(1, people).Select(i => engine.ExecuteAsync(Delegate(i), $"join-{i:D5}", Join(i), default)).ToList();
        var resends = Enumerable.Range(1, people).Select(i => engine.ExecuteAsync(Delegate(i), $"join-{i:D5}", Join(i), default)).ToList();
        var secondPhones = Enumerable.Range(1, 5).Select(i => engine.ExecuteAsync(Delegate(i), $"again-{i:D5}", Join(i), default)).ToList();
        store.Release();
        var answers = await Task.WhenAll(joins).WaitAsync(Timeouts.Call);
        var resent = await Task.WhenAll(resends).WaitAsync(Timeouts.Call);
        var again = await Task.WhenAll(secondPhones).WaitAsync(Timeouts.Call);
        await first.WaitAsync(Timeouts.Call);

        Assert.True(store.Writes < people / 4, $"{store.Writes} store writes for {people * 2 + 6} commands");
        Assert.All(answers, a => Assert.True(a.Ok && !a.Duplicate && a.FirstSeq == a.LastSeq));
        Assert.Equal(answers.Select(a => (a.FirstSeq, a.LastSeq)), resent.Select(a => (a.FirstSeq, a.LastSeq)));
        Assert.All(resent, a => Assert.True(a.Ok && a.Duplicate));
        Assert.All(again, a => Assert.True(a.Ok && a.FirstSeq == 0)); // the same person: nothing new
        Assert.Equal(answers.Length, answers.Select(a => a.FirstSeq).Distinct().Count());

        var log = await Log().ReadAsync(ForumId, 0, 1_000, default);
        Assert.Equal(Enumerable.Range(1, people + 2).Select(i => (long)i), log.Select(e => e.Seq));
        Assert.Equal(people + 1, log.Count(e => e.Type == "delegate.joined"));
        Assert.Equal(log.Count, log.Select(e => (e.Actor.Id, e.CommandId)).Distinct().Count());
        foreach (var (answer, i) in answers.Select((a, i) => (a, i + 1)))
            Assert.Equal($"join-{i:D5}", log[(int)answer.FirstSeq - 1].CommandId);
        Assert.Equal(log.Count, engine.View.Head);
    }

    [Fact]
    public async Task ABatchWhoseAnswerIsLost_FailsEveryMemberWithOutcomeUnknown_AndEachResendLearnsItsOneAnswer()
    {
        var store = new HeldStore(Log());
        var engine = await OpenForumAsync(store);
        store.HoldNextWrite();
        var first = engine.ExecuteAsync(Delegate(0), "join-00000", Join(0), default);
        await store.WriteStarted.WaitAsync(Timeouts.Call);
        store.LoseTheAnswerOfBatches = true;
        var joins = Enumerable.Range(1, 20).Select(i => engine.ExecuteAsync(Delegate(i), $"join-{i:D5}", Join(i), default)).ToList();
        store.Release();
        await first.WaitAsync(Timeouts.Call);

        foreach (var join in joins)
            Assert.Equal("store.outcome_unknown", (await Assert.ThrowsAsync<ForumRuleException>(() => join.WaitAsync(Timeouts.Call))).Error.Code);

        store.LoseTheAnswerOfBatches = false;
        var resent = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => engine.ExecuteAsync(Delegate(i), $"join-{i:D5}", Join(i), default)))
            .WaitAsync(Timeouts.Call);
        Assert.All(resent, a => Assert.True(a.Ok && a.Duplicate));
        var log = await Log().ReadAsync(ForumId, 0, 1_000, default);
        Assert.Equal(22, log.Count);
        Assert.Equal(log.Count, log.Select(e => e.CommandId).Distinct().Count());
        Assert.Equal(log.Count, engine.View.Head); // the lost batch's events reached this node's view too
    }

    [Fact]
    public async Task ABatchThatNeverReachesTheStore_FailsEveryMemberAsUnavailable_AndChangesNothing()
    {
        var store = new HeldStore(Log());
        var engine = await OpenForumAsync(store);
        store.HoldNextWrite();
        var first = engine.ExecuteAsync(Delegate(0), "join-00000", Join(0), default);
        await store.WriteStarted.WaitAsync(Timeouts.Call);
        store.RefuseBatches = true;
        var joins = Enumerable.Range(1, 20).Select(i => engine.ExecuteAsync(Delegate(i), $"join-{i:D5}", Join(i), default)).ToList();
        store.Release();
        await first.WaitAsync(Timeouts.Call);

        foreach (var join in joins)
            Assert.IsType<StoreUnavailableException>(await Record.ExceptionAsync(() => join.WaitAsync(Timeouts.Call)));
        Assert.Equal(2, (await Log().GetHeadAsync(ForumId, default)).Head);
        Assert.Null(await Log().FindOutcomeAsync(ForumId, "join-00001", Delegate(1), default));

        store.RefuseBatches = false;
        var retried = await engine.ExecuteAsync(Delegate(1), "join-00001", Join(1), default).WaitAsync(Timeouts.Call);
        Assert.True(retried.Ok && !retried.Duplicate && retried.FirstSeq == 3);
    }

    [Fact]
    public async Task InABatch_EachCommandIsDecidedOnTheStateTheOnesBeforeItLeave()
    {
        var store = new HeldStore(Log());
        var engine = await OpenForumAsync(store);
        store.HoldNextWrite();
        var first = engine.ExecuteAsync(Delegate(0), "join-00000", Join(0), default);
        await store.WriteStarted.WaitAsync(Timeouts.Call);
        var host = Actor.Host("HCM", "Trần Thị Hòa");
        var checkIn = engine.ExecuteAsync(host, "check-in-1", new CheckIn("HCM", "Trần Thị Hòa", 40), default);
        var again = engine.ExecuteAsync(host, "check-in-again", new CheckIn("HCM", "Trần Thị Hòa", 41), default);
        var headcount = engine.ExecuteAsync(host, "headcount-1", new UpdateHeadcount("HCM", 45), default);
        store.Release();
        await first.WaitAsync(Timeouts.Call);

        Assert.True((await checkIn.WaitAsync(Timeouts.Call)).Ok);
        var refused = await Assert.ThrowsAsync<ForumRuleException>(() => again.WaitAsync(Timeouts.Call));
        Assert.Equal("attendance.already_checked_in", refused.Error.Code);
        Assert.True((await headcount.WaitAsync(Timeouts.Call)).Ok);
        Assert.Equal(3, store.Writes); // the opening, the held join, then one batch of three
        Assert.Equal(45, engine.View.State.Attendance.Site("HCM").Headcount);
        Assert.Equal(new CommandOutcome.Refused(refused.Error), await Log().FindOutcomeAsync(ForumId, "check-in-again", host, default));
    }

    RedisEventLog Log() => new(_connection, new RedisKeys(_prefix), Timeout, NullLogger<RedisEventLog>.Instance);

    static async Task<ForumEngine> OpenForumAsync(IEventLog log)
    {
        var engine = new ForumEngine(ForumId, log, new NoClients(), TimeProvider.System, new EngineOptions { CommandTimeout = Timeout },
            NullLogger<ForumEngine>.Instance);
        await engine.StartAsync(default);
        await engine.ExecuteAsync(Actor.System, "open-forum", new OpenForum(ForumId, "Diễn đàn", ["HNI", "HCM"]), default);
        engine.StartServing(); // as ForumStartup does once the forum is open
        return engine;
    }

    static Actor Delegate(int i) => Actor.Delegate("HCM", $"Đại biểu {i}", $"dlg-{i}");

    static JoinAsDelegate Join(int i) => new("HCM", $"dlg-{i}", $"Đại biểu {i}", null, false);

    sealed class NoClients : IEventPublisher
    {
        public void Publish(IReadOnlyList<CommittedEvent> events) { }
        public void Appended(IReadOnlyList<StoredEvent> events) { }
    }

    /// <summary>
    /// The Redis log, counting writes; it can hold one write until released, lose the answer of a batch (the batch
    /// lands), or fail a batch before sending it.
    /// </summary>
    sealed class HeldStore(IEventLog inner) : EventLogDecorator(inner)
    {
        TaskCompletionSource? _hold;
        readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int _writes;

        public int Writes => Volatile.Read(ref _writes);
        public Task WriteStarted => _started.Task;
        public volatile bool LoseTheAnswerOfBatches;
        public volatile bool RefuseBatches;

        public void HoldNextWrite() => _hold = _released;
        public void Release() => _released.TrySetResult();

        public override async Task<BatchResult> WriteAsync(string forumId, long expectedHead, IReadOnlyList<CommandWrite> writes,
            CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _writes);
            if (Interlocked.Exchange(ref _hold, null) is { } hold)
            {
                _started.TrySetResult();
                await hold.Task;
            }
            else if (writes.Count > 1 && RefuseBatches)
                throw new StoreUnavailableException("Redis did not answer (the batch was never sent).");
            var result = await Inner.WriteAsync(forumId, expectedHead, writes, cancellationToken);
            return writes.Count > 1 && LoseTheAnswerOfBatches
                ? throw new StoreOutcomeUnknownException("The batch's answer was lost on the way back.")
                : result;
        }
    }
}
