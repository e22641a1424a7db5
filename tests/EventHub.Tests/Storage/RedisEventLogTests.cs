using EventHub.Domain.Forum;
using EventHub.Storage;
using EventHub.Storage.Redis;
using EventHub.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace EventHub.Tests.Storage;

/// <summary>The store contract on a real redis-server, plus what only Redis can do wrong (an outage).</summary>
public sealed class RedisEventLogTests(RedisFixture redis) : EventLogContract, IClassFixture<RedisFixture>, IDisposable
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    readonly string _prefix = $"test-{Guid.NewGuid():N}";
    readonly List<ConnectionMultiplexer> _connections = [];

    protected override Task<IEventLog> CreateAsync() => Task.FromResult(Open(redis.Server));

    // Another node, or the same node after a restart: a new connection on the same keys.
    protected override Task<IEventLog> ReopenAsync(IEventLog log) => Task.FromResult(Open(redis.Server));
    protected override Task<IEventLog> SecondWriterAsync(IEventLog log) => Task.FromResult(Open(redis.Server));

    IEventLog Open(RedisServer server)
    {
        var connection = ConnectionMultiplexer.Connect(new RedisSettings { CommandTimeout = Timeout }.Connection(server.ConnectionString));
        _connections.Add(connection);
        return new RedisEventLog(connection, new RedisKeys(_prefix), Timeout, NullLogger<RedisEventLog>.Instance);
    }

    static IReadOnlyList<NewEvent> OneEvent(int i) => [new NewEvent("test.event", 1, $"{{\"i\":{i}}}")];

    [Fact]
    public async Task RedisKilledAndRestarted_WithAppendFsyncAlways_LosesNoAcknowledgedEvent_AndTheLogRecovers()
    {
        using var server = new RedisServer();
        var log = Open(server);
        var epoch = (await log.OpenAsync(Forum, default)).Epoch;
        for (var i = 0; i < 50; i++)
            Assert.IsType<AppendResult.Appended>(await log.AppendAsync(Forum, i, $"cmd-{i:D5}", 1000, Actor.Moderator(), OneEvent(i), default));

        server.Kill();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Sent into a dying connection or never sent: either is a store fault (the outcome may be unknown).
        await Assert.ThrowsAnyAsync<StoreUnavailableException>(() =>
            log.AppendAsync(Forum, 50, "cmd-lost", 1000, Actor.Moderator(), OneEvent(50), default).WaitAsync(Timeouts.Call));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the failure took {watch.Elapsed}");
        Assert.False(await log.IsReachableAsync(default).WaitAsync(Timeouts.Call));

        server.Start();
        await Eventually.That(() => log.IsReachableAsync(default));
        var head = await log.GetHeadAsync(Forum, default).WaitAsync(Timeouts.Call);
        Assert.Equal(epoch, head.Epoch);
        Assert.Equal(50, head.Head);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), (await log.ReadAsync(Forum, 0, 100, default)).Select(e => e.Seq));
        Assert.Equal(new AppendResult.Appended(51, 51), await log.AppendAsync(Forum, 50, "cmd-after", 1000, Actor.Moderator(), OneEvent(51), default));
    }

    [Fact]
    public async Task ALostLog_GetsANewEpoch_SoClientsKnowTheirPositionIsGone()
    {
        var log = await CreateAsync();
        var first = await log.OpenAsync(Forum, default);
        await log.AppendAsync(Forum, 0, "cmd-00001", 1000, Actor.Moderator(), OneEvent(1), default);
        var keys = new RedisKeys(_prefix);
        await _connections[0].GetDatabase().KeyDeleteAsync([keys.Epoch(Forum), keys.Events(Forum), keys.Outcomes(Forum)]);

        Assert.Equal(new AppendResult.Conflict(0), await log.AppendAsync(Forum, 0, "cmd-00002", 1000, Actor.Moderator(), OneEvent(2), default));
        var after = await log.GetHeadAsync(Forum, default);
        Assert.NotEqual(first.Epoch, after.Epoch);
        Assert.Equal(0, after.Head);
    }

    [Fact]
    public async Task AnAppendRedisHoldsPastTheTimeout_IsOutcomeUnknown_AndTheSameKeyThenAnswersWhereItLanded()
    {
        using var server = new RedisServer();
        var log = Open(server);
        await log.OpenAsync(Forum, default);

        PauseWrites(server, TimeSpan.FromSeconds(4));
        await Assert.ThrowsAsync<StoreOutcomeUnknownException>(() =>
            log.AppendAsync(Forum, 0, "cmd-held", 1000, Actor.Moderator(), OneEvent(1), default).WaitAsync(Timeouts.Call));

        await Eventually.That(async () =>
        {
            try
            {
                return (await log.GetHeadAsync(Forum, default)).Head == 1;
            }
            catch (StoreUnavailableException)
            {
                return false; // this connection still waits behind the held script
            }
        });
        Assert.Equal(new AppendResult.Duplicate(new CommandOutcome.Written(1, 1)),
            await log.AppendAsync(Forum, 1, "cmd-held", 1000, Actor.Moderator(), OneEvent(1), default));
    }

    [Fact]
    public async Task AWriteWithNoConnectionToSendItOn_IsUnavailable_NotUnknown()
    {
        using var server = new RedisServer();
        var connection = ConnectionMultiplexer.Connect(new RedisSettings { CommandTimeout = Timeout }.Connection(server.ConnectionString));
        _connections.Add(connection);
        var log = new RedisEventLog(connection, new RedisKeys(_prefix), Timeout, NullLogger<RedisEventLog>.Instance);
        await log.OpenAsync(Forum, default);

        server.Kill();
        await Eventually.That(() => !connection.IsConnected);

        var fault = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            log.RecordOutcomeAsync(Forum, 0, "cmd-unsent", Actor.Moderator(), CommandOutcome.Unchanged.Instance, default)
                .WaitAsync(Timeouts.Call));
        Assert.IsNotType<StoreOutcomeUnknownException>(fault);
    }

    /// <summary>CLIENT PAUSE … WRITE on a plain socket: Redis keeps reading, and holds every write (scripts too).</summary>
    static void PauseWrites(RedisServer server, TimeSpan duration)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork,
            System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveTimeout = 5000 };
        socket.Connect(System.Net.IPAddress.Loopback, server.Port);
        socket.Send(System.Text.Encoding.ASCII.GetBytes($"CLIENT PAUSE {(long)duration.TotalMilliseconds} WRITE\r\n"));
        var buffer = new byte[64];
        Assert.Equal("+OK", System.Text.Encoding.ASCII.GetString(buffer, 0, socket.Receive(buffer)).Split("\r\n")[0]);
    }

    public void Dispose()
    {
        foreach (var connection in _connections) connection.Dispose();
    }
}

/// <summary>One redis-server for a test class; each test keeps to its own key prefix.</summary>
public sealed class RedisFixture : IDisposable
{
    public RedisServer Server { get; } = new();
    public void Dispose() => Server.Dispose();
}
