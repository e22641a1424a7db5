using EventHub.Domain.Forum;
using EventHub.Storage;

namespace EventHub.Tests.Storage;

/// <summary>
/// What every event log must do, run against each implementation (the file log and Redis).
/// Subclasses create a fresh, empty store and can reopen the same data as a new instance.
/// </summary>
public abstract class EventLogContract
{
    protected const string Forum = "contract-forum";
    static readonly Actor Host = Actor.Host("HCM", "Trần Thị Hòa");
    static readonly Actor OtherHost = Actor.Host("DNG", "Lê Văn Tám");
    static readonly ForumError Refusal = new("attendance.not_checked_in",
        "Điểm cầu HCM chưa điểm danh.", "Site HCM has not checked in.");

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IEventLog> CreateAsync();

    /// <summary>The same data opened anew, as after a restart (the old instance may be closed).</summary>
    protected abstract Task<IEventLog> ReopenAsync(IEventLog log);

    /// <summary>Another writer on the same data at the same time (another node); the instance itself where there is none.</summary>
    protected virtual Task<IEventLog> SecondWriterAsync(IEventLog log) => Task.FromResult(log);

    static IReadOnlyList<NewEvent> Events(int count, string tag = "e") =>
        Enumerable.Range(1, count).Select(i => new NewEvent("test.event", 1, $"{{\"tag\":\"{tag}\",\"i\":{i}}}")).ToList();

    [Fact]
    public async Task Open_OnAnEmptyStore_CreatesAnEmptyLogWithAnEpoch()
    {
        var log = await CreateAsync();
        var head = await log.OpenAsync(Forum, default);
        Assert.Equal(0, head.Head);
        Assert.False(string.IsNullOrWhiteSpace(head.Epoch));
        Assert.Equal(head, await log.GetHeadAsync(Forum, default));
    }

    [Fact]
    public async Task Append_AssignsGaplessSequenceNumbersFromOne_AndReadReturnsThemInOrder()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);
        Assert.Equal(new AppendResult.Appended(1, 2), await log.AppendAsync(Forum, 0, "cmd-00001", 1000, Host, Events(2), default));
        Assert.Equal(new AppendResult.Appended(3, 3), await log.AppendAsync(Forum, 2, "cmd-00002", 2000, Host, Events(1, "x"), default));

        var all = await log.ReadAsync(Forum, 0, 100, default);
        Assert.Equal([1L, 2L, 3L], all.Select(e => e.Seq));
        Assert.Equal(new StoredEvent(3, 2000, Host, "cmd-00002", "test.event", 1, "{\"tag\":\"x\",\"i\":1}"), all[2]);
        Assert.Equal([2L, 3L], (await log.ReadAsync(Forum, 1, 100, default)).Select(e => e.Seq));
        Assert.Equal([2L], (await log.ReadAsync(Forum, 1, 1, default)).Select(e => e.Seq));
        Assert.Empty(await log.ReadAsync(Forum, 3, 100, default));
        Assert.Equal(3, (await log.GetHeadAsync(Forum, default)).Head);
    }

    [Fact]
    public async Task Append_AtAStaleHead_ConflictsAndAddsNothing()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);
        await log.AppendAsync(Forum, 0, "cmd-00001", 1000, Host, Events(1), default);

        Assert.Equal(new AppendResult.Conflict(1), await log.AppendAsync(Forum, 0, "cmd-00002", 1000, Host, Events(1), default));
        Assert.Single(await log.ReadAsync(Forum, 0, 100, default));
        Assert.Null(await log.FindOutcomeAsync(Forum, "cmd-00002", Host, default));
    }

    [Fact]
    public async Task Append_WithAUsedCommandId_ReturnsTheFirstPositionsAndAddsNothing()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);
        await log.AppendAsync(Forum, 0, "cmd-00001", 1000, Host, Events(2), default);
        await log.AppendAsync(Forum, 2, "cmd-00002", 1000, Host, Events(1), default);

        Assert.Equal(new AppendResult.Duplicate(new CommandOutcome.Written(1, 2)), await log.AppendAsync(Forum, 3, "cmd-00001", 1000, Host, Events(2), default));
        Assert.Equal(new CommandOutcome.Written(1, 2), await log.FindOutcomeAsync(Forum, "cmd-00001", Host, default));
        Assert.Equal(3, (await log.GetHeadAsync(Forum, default)).Head);
    }

    [Fact]
    public async Task ConcurrentAppends_AtTheSameHead_HaveExactlyOneWinner()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            log.AppendAsync(Forum, 0, $"race-{i:D5}", 1000, Host, Events(1, $"w{i}"), default)));

        Assert.Single(results.OfType<AppendResult.Appended>());
        Assert.Equal(15, results.OfType<AppendResult.Conflict>().Count());
        Assert.Single(await log.ReadAsync(Forum, 0, 100, default));
    }

    [Fact]
    public async Task ManyWritersRetryingOnConflict_ProduceOneGaplessLogWithEveryCommandOnce()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);
        var other = await SecondWriterAsync(log);
        const int writers = 6, perWriter = 15;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var store = w % 2 == 0 ? log : other;
            for (var i = 0; i < perWriter; i++)
            {
                while (true)
                {
                    var head = await store.GetHeadAsync(Forum, default);
                    var result = await store.AppendAsync(Forum, head.Head, $"w{w}-c{i:D4}", 1000, Host, Events(1, $"{w}-{i}"), default);
                    if (result is not AppendResult.Conflict) break;
                }
            }
        })));

        var all = await log.ReadAsync(Forum, 0, 1000, default);
        Assert.Equal(Enumerable.Range(1, writers * perWriter).Select(i => (long)i), all.Select(e => e.Seq));
        Assert.Equal(writers * perWriter, all.Select(e => e.CommandId).Distinct().Count());
    }

    [Fact]
    public async Task Reopen_KeepsEventsEpochAndCommandIds()
    {
        var log = await CreateAsync();
        var first = await log.OpenAsync(Forum, default);
        await log.AppendAsync(Forum, 0, "cmd-00001", 1000, Host, Events(3), default);
        var before = await log.ReadAsync(Forum, 0, 100, default);

        var reopened = await ReopenAsync(log);
        Assert.Equal(first with { Head = 3 }, await reopened.OpenAsync(Forum, default));
        Assert.Equal(before, await reopened.ReadAsync(Forum, 0, 100, default));
        Assert.Equal(new AppendResult.Duplicate(new CommandOutcome.Written(1, 3)), await reopened.AppendAsync(Forum, 3, "cmd-00001", 1000, Host, Events(3), default));
    }

    [Fact]
    public async Task OneCommandId_FromTwoCallers_IsTwoCommands()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);
        await log.AppendAsync(Forum, 0, "cmd-00001", 1000, Host, Events(1), default);

        Assert.Equal(new AppendResult.Appended(2, 2), await log.AppendAsync(Forum, 1, "cmd-00001", 1000, OtherHost, Events(1), default));
        Assert.Equal(AppendResult.Recorded.Instance,
            await log.RecordOutcomeAsync(Forum, 2, "cmd-00001", Actor.System, CommandOutcome.Unchanged.Instance, default));
        Assert.Equal(new CommandOutcome.Written(1, 1), await log.FindOutcomeAsync(Forum, "cmd-00001", Host, default));
        Assert.Equal(new CommandOutcome.Written(2, 2), await log.FindOutcomeAsync(Forum, "cmd-00001", OtherHost, default));
        Assert.Equal(CommandOutcome.Unchanged.Instance, await log.FindOutcomeAsync(Forum, "cmd-00001", Actor.System, default));
    }

    [Fact]
    public async Task ARecordedRefusal_WritesNoEvent_AndAnswersEveryLaterWriteWithTheSameKey()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);
        var refused = new CommandOutcome.Refused(Refusal);

        Assert.Equal(AppendResult.Recorded.Instance, await log.RecordOutcomeAsync(Forum, 0, "cmd-00001", Host, refused, default));
        Assert.Equal(0, (await log.GetHeadAsync(Forum, default)).Head);
        await log.AppendAsync(Forum, 0, "cmd-00002", 1000, Host, Events(1), default); // the state moves on

        Assert.Equal(new AppendResult.Duplicate(refused), await log.AppendAsync(Forum, 1, "cmd-00001", 1000, Host, Events(1), default));
        Assert.Equal(new AppendResult.Duplicate(refused),
            await log.RecordOutcomeAsync(Forum, 1, "cmd-00001", Host, CommandOutcome.Unchanged.Instance, default));
        Assert.Equal(refused, await log.FindOutcomeAsync(Forum, "cmd-00001", Host, default));
        Assert.Single(await log.ReadAsync(Forum, 0, 100, default));
    }

    [Fact]
    public async Task ARecordedNoOp_AnswersALaterAppendWithTheSameKey_AndWritesNothing()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);

        Assert.Equal(AppendResult.Recorded.Instance,
            await log.RecordOutcomeAsync(Forum, 0, "cmd-00001", Host, CommandOutcome.Unchanged.Instance, default));
        Assert.Equal(new AppendResult.Duplicate(CommandOutcome.Unchanged.Instance),
            await log.AppendAsync(Forum, 0, "cmd-00001", 1000, Host, Events(1), default));
        Assert.Equal(0, (await log.GetHeadAsync(Forum, default)).Head);
    }

    [Fact]
    public async Task ARecordAtAStaleHead_Conflicts_AndKeepsNothing()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);
        await log.AppendAsync(Forum, 0, "cmd-00001", 1000, Host, Events(1), default);

        Assert.Equal(new AppendResult.Conflict(1),
            await log.RecordOutcomeAsync(Forum, 0, "cmd-00002", Host, new CommandOutcome.Refused(Refusal), default));
        Assert.Null(await log.FindOutcomeAsync(Forum, "cmd-00002", Host, default));
    }

    [Fact]
    public async Task AnAppendAndARecordOfOneCommand_AtOnceOnTwoWriters_GetOneAnswer()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);
        var other = await SecondWriterAsync(log);
        var refused = new CommandOutcome.Refused(Refusal);

        for (var i = 0; i < 40; i++)
        {
            var head = (await log.GetHeadAsync(Forum, default)).Head;
            var id = $"race-{i:D5}";
            var (append, record) = i % 2 == 0 ? (log, other) : (other, log);
            var results = await Task.WhenAll(
                Task.Run(() => append.AppendAsync(Forum, head, id, 1000, Host, Events(1, id), default)),
                Task.Run(() => record.RecordOutcomeAsync(Forum, head, id, Host, refused, default)));

            var first = await log.FindOutcomeAsync(Forum, id, Host, default);
            if (results[0] is AppendResult.Appended appended)
            {
                Assert.Equal(new CommandOutcome.Written(appended.First, appended.Last), first);
                Assert.Equal(new AppendResult.Duplicate(first!), results[1]);
            }
            else
            {
                Assert.Equal(AppendResult.Recorded.Instance, results[1]);
                Assert.Equal(refused, first);
                Assert.Equal(new AppendResult.Duplicate(refused), results[0]);
            }
        }
        var all = await log.ReadAsync(Forum, 0, 1000, default);
        Assert.Equal(all.Count, all.Select(e => e.CommandId).Distinct().Count());
    }

    [Fact]
    public async Task Reopen_KeepsRefusalsAndNoOps_WordForWord()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);
        var refused = new CommandOutcome.Refused(new ForumError("queue.floor_changed",
            "Người đang phát biểu đã thay đổi (một bàn điều hành khác vừa thao tác); hãy xem lại. \"Ý kiến\"",
            "The current speaker has changed; look again."));
        await log.RecordOutcomeAsync(Forum, 0, "cmd-00001", Host, refused, default);
        await log.RecordOutcomeAsync(Forum, 0, "cmd-00002", Host, CommandOutcome.Unchanged.Instance, default);

        var reopened = await ReopenAsync(log);
        await reopened.OpenAsync(Forum, default);
        Assert.Equal(new AppendResult.Duplicate(refused), await reopened.AppendAsync(Forum, 0, "cmd-00001", 1000, Host, Events(1), default));
        Assert.Equal(CommandOutcome.Unchanged.Instance, await reopened.FindOutcomeAsync(Forum, "cmd-00002", Host, default));
        Assert.Null(await reopened.FindOutcomeAsync(Forum, "cmd-00002", OtherHost, default));
    }

    [Fact]
    public async Task Forums_AreIndependentLogs()
    {
        var log = await CreateAsync();
        await log.OpenAsync("forum-a", default);
        await log.OpenAsync("forum-b", default);
        await log.AppendAsync("forum-a", 0, "cmd-00001", 1000, Host, Events(2), default);

        Assert.Equal(new AppendResult.Appended(1, 1), await log.AppendAsync("forum-b", 0, "cmd-00001", 1000, Host, Events(1), default));
        Assert.Equal(2, (await log.GetHeadAsync("forum-a", default)).Head);
        Assert.True(await log.IsReachableAsync(default));
    }

    [Fact]
    public async Task ABatch_WritesEveryCommandInOrder_OneSequence_AndKeepsEachAnswer_AcrossAReopen()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);
        var refused = new CommandOutcome.Refused(Refusal);

        var result = await log.WriteAsync(Forum, 0,
        [
            CommandWrite.Append("cmd-00001", 1000, Host, Events(2, "a")),
            CommandWrite.Record("cmd-00002", Host, refused),
            CommandWrite.Append("cmd-00003", 2000, OtherHost, Events(1, "b")),
            CommandWrite.Record("cmd-00004", OtherHost, CommandOutcome.Unchanged.Instance),
        ], default);

        Assert.Equal([new AppendResult.Appended(1, 2), AppendResult.Recorded.Instance, new AppendResult.Appended(3, 3), AppendResult.Recorded.Instance],
            Assert.IsType<BatchResult.Written>(result).Results);
        var reopened = await ReopenAsync(log);
        await reopened.OpenAsync(Forum, default);
        var all = await reopened.ReadAsync(Forum, 0, 100, default);
        Assert.Equal([(1L, "cmd-00001"), (2L, "cmd-00001"), (3L, "cmd-00003")], all.Select(e => (e.Seq, e.CommandId)));
        Assert.Equal(new StoredEvent(3, 2000, OtherHost, "cmd-00003", "test.event", 1, "{\"tag\":\"b\",\"i\":1}"), all[2]);
        Assert.Equal(new CommandOutcome.Written(1, 2), await reopened.FindOutcomeAsync(Forum, "cmd-00001", Host, default));
        Assert.Equal(refused, await reopened.FindOutcomeAsync(Forum, "cmd-00002", Host, default));
        Assert.Equal(new CommandOutcome.Written(3, 3), await reopened.FindOutcomeAsync(Forum, "cmd-00003", OtherHost, default));
        Assert.Equal(CommandOutcome.Unchanged.Instance, await reopened.FindOutcomeAsync(Forum, "cmd-00004", OtherHost, default));
    }

    [Fact]
    public async Task ABatchHoldingACommandAnsweredBefore_WritesNothing_AndReturnsThatFirstAnswer()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);
        await log.AppendAsync(Forum, 0, "cmd-00001", 1000, Host, Events(1), default);

        var result = await log.WriteAsync(Forum, 1,
        [
            CommandWrite.Append("cmd-00002", 1000, Host, Events(1)),
            CommandWrite.Append("cmd-00001", 1000, Host, Events(1)),
            CommandWrite.Record("cmd-00003", Host, CommandOutcome.Unchanged.Instance),
        ], default);

        var answered = Assert.IsType<BatchResult.Answered>(result);
        Assert.Equal([1], answered.Earlier.Keys);
        Assert.Equal(new CommandOutcome.Written(1, 1), answered.Earlier[1]);
        Assert.Equal(1, (await log.GetHeadAsync(Forum, default)).Head);
        Assert.Null(await log.FindOutcomeAsync(Forum, "cmd-00002", Host, default));
        Assert.Null(await log.FindOutcomeAsync(Forum, "cmd-00003", Host, default));
    }

    [Fact]
    public async Task ABatchAtAStaleHead_Conflicts_AndWritesNothing()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);
        await log.AppendAsync(Forum, 0, "cmd-00001", 1000, Host, Events(1), default);

        Assert.Equal(new BatchResult.Conflict(1), await log.WriteAsync(Forum, 0,
        [
            CommandWrite.Append("cmd-00002", 1000, Host, Events(1)),
            CommandWrite.Record("cmd-00003", Host, CommandOutcome.Unchanged.Instance),
        ], default));
        Assert.Single(await log.ReadAsync(Forum, 0, 100, default));
        Assert.Null(await log.FindOutcomeAsync(Forum, "cmd-00003", Host, default));
    }

    [Fact]
    public async Task ABatchNamingOneCommandTwice_IsRefusedBeforeAnythingIsWritten()
    {
        var log = await CreateAsync();
        await log.OpenAsync(Forum, default);

        await Assert.ThrowsAsync<ArgumentException>(() => log.WriteAsync(Forum, 0,
        [
            CommandWrite.Append("cmd-00001", 1000, Host, Events(1)),
            CommandWrite.Append("cmd-00001", 1000, Host, Events(1)),
        ], default));
        Assert.Equal(0, (await log.GetHeadAsync(Forum, default)).Head);
    }
}
