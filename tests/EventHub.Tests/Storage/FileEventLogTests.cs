using EventHub.Domain.Forum;
using EventHub.Storage;
using EventHub.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventHub.Tests.Storage;

public sealed class FileEventLogTests : EventLogContract, IDisposable
{
    readonly string _folder = TempFolder.Create("filelog");
    readonly List<FileEventLog> _opened = [];

    protected override Task<IEventLog> CreateAsync() => Task.FromResult<IEventLog>(Open());

    // The file log is single-node by design (a lock file keeps a second process out), so there is no
    // second writer; reopening is the restart case: close, then open the same folder again.
    protected override Task<IEventLog> ReopenAsync(IEventLog log)
    {
        ((FileEventLog)log).Dispose();
        return Task.FromResult<IEventLog>(Open());
    }

    FileEventLog Open()
    {
        var log = new FileEventLog(_folder, NullLogger<FileEventLog>.Instance);
        _opened.Add(log);
        return log;
    }

    string LogFile => Path.Combine(_folder, "forums", $"{Forum}.log");

    async Task<FileEventLog> WithEvents(int count)
    {
        var log = Open();
        await log.OpenAsync(Forum, default);
        for (var i = 0; i < count; i++)
            await log.AppendAsync(Forum, i, $"cmd-{i:D5}", 1000, Actor.Moderator(), [new NewEvent("test.event", 1, "{\"i\":1}")], default);
        log.Dispose();
        return log;
    }

    [Fact]
    public async Task Restart_AfterClose_ReadsBackEverything()
    {
        await WithEvents(5);
        var reopened = Open();
        Assert.Equal(5, (await reopened.OpenAsync(Forum, default)).Head);
    }

    [Fact]
    public async Task TornLastLine_FromACrashMidWrite_IsCutAndTheRestKept()
    {
        await WithEvents(3);
        await File.AppendAllTextAsync(LogFile, "{\"seq\":4,\"at\":10"); // no newline: the write never finished

        var reopened = Open();
        Assert.Equal(3, (await reopened.OpenAsync(Forum, default)).Head);
        Assert.Equal(new AppendResult.Appended(4, 4), await reopened.AppendAsync(Forum, 3, "cmd-after", 1000,
            Actor.Moderator(), [new NewEvent("test.event", 1, "{}")], default));
    }

    [Fact]
    public async Task CorruptLineInTheMiddle_RefusesToOpen_NamingTheFileAndLine()
    {
        await WithEvents(3);
        var lines = await File.ReadAllLinesAsync(LogFile);
        lines[2] = lines[2].Replace("\"seq\":2", "\"seq\":7");
        await File.WriteAllLinesAsync(LogFile, lines);

        var ex = await Assert.ThrowsAsync<CorruptLogException>(() => Open().OpenAsync(Forum, default));
        Assert.Contains($"{Forum}.log", ex.Message);
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public async Task GarbageLine_RefusesToOpen()
    {
        await WithEvents(2);
        var lines = (await File.ReadAllLinesAsync(LogFile)).ToList();
        lines.Insert(2, "not json at all");
        await File.WriteAllLinesAsync(LogFile, lines);

        var ex = await Assert.ThrowsAsync<CorruptLogException>(() => Open().OpenAsync(Forum, default));
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public async Task MissingHeader_RefusesToOpenInsteadOfStartingEmpty()
    {
        await WithEvents(2);
        var lines = await File.ReadAllLinesAsync(LogFile);
        await File.WriteAllLinesAsync(LogFile, lines.Skip(1));

        await Assert.ThrowsAsync<CorruptLogException>(() => Open().OpenAsync(Forum, default));
    }

    string OutcomeFile => Path.Combine(_folder, "forums", $"{Forum}.outcomes");

    static readonly CommandOutcome.Refused Refused = new(new ForumError("attendance.not_checked_in",
        "Điểm cầu HCM chưa điểm danh vào.", "Bridge point HCM is not checked in."));

    [Fact]
    public async Task TornLastOutcomeLine_IsCut_AndTheAnswersBeforeItKept()
    {
        var log = Open();
        await log.OpenAsync(Forum, default);
        await log.RecordOutcomeAsync(Forum, 0, "cmd-00001", Actor.Moderator(), Refused, default);
        await log.RecordOutcomeAsync(Forum, 0, "cmd-00002", Actor.Moderator(), CommandOutcome.Unchanged.Instance, default);
        log.Dispose();
        await File.AppendAllTextAsync(OutcomeFile, "{\"caller\":\"moderator\",\"cmd\":\"cmd-0"); // never finished

        var reopened = Open();
        await reopened.OpenAsync(Forum, default);
        Assert.Equal(Refused, await reopened.FindOutcomeAsync(Forum, "cmd-00001", Actor.Moderator(), default));
        Assert.Equal(AppendResult.Recorded.Instance,
            await reopened.RecordOutcomeAsync(Forum, 0, "cmd-00003", Actor.Moderator(), CommandOutcome.Unchanged.Instance, default));
        reopened.Dispose();
        var again = Open();
        await again.OpenAsync(Forum, default);
        Assert.Equal(CommandOutcome.Unchanged.Instance, await again.FindOutcomeAsync(Forum, "cmd-00003", Actor.Moderator(), default));
        Assert.Equal(CommandOutcome.Unchanged.Instance, await again.FindOutcomeAsync(Forum, "cmd-00002", Actor.Moderator(), default));
    }

    [Fact]
    public async Task AnOutcomeFileOfALogThatIsGone_AnswersNothingForTheNewLog()
    {
        var log = Open();
        await log.OpenAsync(Forum, default);
        await log.RecordOutcomeAsync(Forum, 0, "cmd-00001", Actor.Moderator(), Refused, default);
        log.Dispose();
        File.Delete(LogFile);

        var fresh = Open();
        await fresh.OpenAsync(Forum, default);
        Assert.Null(await fresh.FindOutcomeAsync(Forum, "cmd-00001", Actor.Moderator(), default));
        Assert.Equal(new AppendResult.Appended(1, 1), await fresh.AppendAsync(Forum, 0, "cmd-00001", 1000,
            Actor.Moderator(), [new NewEvent("test.event", 1, "{}")], default));
    }

    public void Dispose()
    {
        foreach (var log in _opened) log.Dispose();
        TempFolder.TryDelete(_folder);
    }
}
