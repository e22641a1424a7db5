using System.Collections.Concurrent;
using System.Net;
using EventHub.Domain.Protocol;
using EventHub.Operations;
using EventHub.Presence;
using EventHub.Storage;
using EventHub.Tests.Infrastructure;
using EventHub.Tests.ScaleOut;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace EventHub.Tests.Hub;

/// <summary>
/// The node's background loops (the position beacon, the moderators' board, the attendance watch) meet every kind of
/// exception a Redis that stalls, restarts or resets its connection throws, each in a short outage of its own, then
/// one long outage. A real node, its store and its presence with the faults put in front of them: the kinds (a
/// cancellation that is not the node's, a completed pipe reader) cannot be produced on demand with a real Redis.
/// </summary>
public sealed class StoreFaultTests
{
    public static readonly Func<Exception>[] Kinds =
    [
        () => new TaskCanceledException("A task was canceled."),
        () => new OperationCanceledException("The operation was canceled."),
        () => new InvalidOperationException("Reading is not allowed after reader was completed."),
        () => new ObjectDisposedException("ConnectionMultiplexer"),
        () => new RedisConnectionException(ConnectionFailureType.SocketClosed, "SocketClosed"),
        () => new RedisTimeoutException("Timeout awaiting response", CommandStatus.Sent),
        () => new TimeoutException("The operation has timed out."),
        () => new StoreUnavailableException("Redis did not answer head."),
    ];

    static readonly string[] Loops = ["EventHub.Fanout.PositionBeacon", "EventHub.Presence.BoardBroadcaster", "EventHub.Attendance.AttendanceWatchdog"];
    const int OutageBegan = 8001, OutageEnded = 8002;

    [Fact]
    public async Task EveryBackgroundLoop_OutlivesEveryKindOfStoreFault_LogsEachOutageOnce_AndCarriesOnByItself()
    {
        var beacon = new FaultPlan(TimeSpan.FromSeconds(2));
        var board = new FaultPlan(TimeSpan.FromSeconds(2));
        var watch = new FaultPlan(TimeSpan.FromSeconds(2));
        var logs = new RecordingLoggerProvider();
        await using var node = new HubApp(new()
        {
            ["EventHub:PositionInterval"] = "00:00:00.100",
            ["EventHub:Presence:BoardInterval"] = "00:00:00.100",
            ["EventHub:Presence:WatchInterval"] = "00:00:00.100",
            ["Logging:LogLevel:EventHub"] = "Information",
        }, services: services =>
        {
            Decorate<IEventLog>(services, log => new FaultyEventLog(log, beacon));
            Decorate<IPresenceStore>(services, presence => new FaultyPresenceStore(presence, board, watch));
            services.AddSingleton<ILoggerProvider>(logs);
        });
        await using var moderator = await node.ConnectAsync(await node.LoginModeratorAsync()); // the board is built for it
        var boards = 0;
        using var counting = moderator.On<SiteBoard>(PresenceMessages.Board, _ => Interlocked.Increment(ref boards));

        foreach (var plan in new[] { beacon, board, watch }) plan.Start();
        await Eventually.That(() => beacon.Done && board.Done && watch.Done);

        Assert.False(node.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested,
            "the node began to stop");
        using (var http = node.Http())
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz").WaitAsync(Timeouts.Call)).StatusCode);
        // Each kind of fault was an outage of its own, and the long one was one more: one warning and one "works
        // again" each, however many passes failed in it.
        await Eventually.That(() => Loops.All(loop => logs.Count(loop, OutageEnded) == Kinds.Length + 1));
        foreach (var loop in Loops) Assert.Equal(Kinds.Length + 1, logs.Count(loop, OutageBegan));
        Assert.All(new[] { beacon, board, watch }, plan => Assert.True(plan.FailedInLongOutage > 1, $"{plan.FailedInLongOutage} failed passes"));

        // And they carry on: the board goes out again when it changes, the beacon follows the log.
        var before = Volatile.Read(ref boards);
        await using var host = await node.ConnectAsync(await node.LoginHostAsync("HGG"));
        var checkIn = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Trưởng đoàn", 10)).WaitAsync(Timeouts.Call);
        Assert.True(checkIn.Ok, checkIn.Error?.Code);
        await Eventually.That(() => Volatile.Read(ref boards) > before);
        await moderator.ReachAsync(checkIn.LastSeq, Timeouts.Heal);
    }

    [Fact]
    public void WhilePassesFail_TheGapBetweenThemDoubles_UpToFiveSeconds_OrTheIntervalWhenLonger()
    {
        var interval = TimeSpan.FromMilliseconds(100);
        var gaps = Enumerable.Range(1, 8).Select(failures => (interval + ResilientLoop.Backoff(interval, failures)).TotalMilliseconds);
        Assert.Equal([200, 400, 800, 1600, 3200, 5000, 5000, 5000], gaps);
        Assert.Equal(TimeSpan.Zero, ResilientLoop.Backoff(TimeSpan.FromSeconds(5), 3));
        Assert.Equal(TimeSpan.Zero, ResilientLoop.Backoff(TimeSpan.FromHours(1), 40));
    }

    /// <summary>Wraps the service registered last for <typeparamref name="T"/> in <paramref name="wrap"/>.</summary>
    static void Decorate<T>(IServiceCollection services, Func<T, T> wrap) where T : class
    {
        var inner = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(inner);
        services.AddSingleton(sp => wrap((T)(inner.ImplementationInstance
                                             ?? inner.ImplementationFactory?.Invoke(sp)
                                             ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!))));
    }

    /// <summary>
    /// The calls one loop makes fail by a plan, once started: every kind of fault once, each between two calls that
    /// work (an outage each), then every call for a while (one long outage), then none.
    /// </summary>
    sealed class FaultPlan(TimeSpan longOutage)
    {
        int _step = -1;
        long _longOutageEnds;
        volatile bool _started;

        public bool Done { get; private set; }
        public int FailedInLongOutage { get; private set; }

        public void Start() => _started = true;

        public void Next()
        {
            if (!_started || Done) return;
            var step = Interlocked.Increment(ref _step);
            if (step < Kinds.Length * 2)
            {
                if (step % 2 == 0) throw Kinds[step / 2]();
                return;
            }
            if (step == Kinds.Length * 2) Interlocked.Exchange(ref _longOutageEnds, Environment.TickCount64 + (long)longOutage.TotalMilliseconds);
            if (Environment.TickCount64 < Interlocked.Read(ref _longOutageEnds))
            {
                FailedInLongOutage++;
                throw Kinds[FailedInLongOutage % Kinds.Length]();
            }
            Done = true;
        }
    }

    sealed class FaultyEventLog(IEventLog inner, FaultPlan heads) : EventLogDecorator(inner)
    {
        public override Task<LogHead> GetHeadAsync(string forumId, CancellationToken cancellationToken)
        {
            heads.Next();
            return Inner.GetHeadAsync(forumId, cancellationToken);
        }
    }

    sealed class FaultyPresenceStore(IPresenceStore inner, FaultPlan snapshots, FaultPlan hostLines) : IPresenceStore
    {
        public bool CoversAllNodes => inner.CoversAllNodes;

        public ValueTask ConnectedAsync(PresenceConnection connection, long at, CancellationToken cancellationToken = default) =>
            inner.ConnectedAsync(connection, at, cancellationToken);

        public ValueTask DisconnectedAsync(string connectionId, long at, CancellationToken cancellationToken = default) =>
            inner.DisconnectedAsync(connectionId, at, cancellationToken);

        public ValueTask HostHeardAsync(string site, long at, int? rttMs, CancellationToken cancellationToken = default) =>
            inner.HostHeardAsync(site, at, rttMs, cancellationToken);

        public ValueTask<PresenceSnapshot> SnapshotAsync(CancellationToken cancellationToken = default)
        {
            snapshots.Next();
            return inner.SnapshotAsync(cancellationToken);
        }

        public ValueTask<IReadOnlyDictionary<string, SitePresence>> HostLinesAsync(CancellationToken cancellationToken = default)
        {
            hostLines.Next();
            return inner.HostLinesAsync(cancellationToken);
        }
    }

    /// <summary>Every log line's category, event id and level, as the node wrote them.</summary>
    sealed class RecordingLoggerProvider : ILoggerProvider
    {
        readonly ConcurrentQueue<(string Category, int EventId)> _lines = new();

        public int Count(string category, int eventId) => _lines.Count(l => l.Category == category && l.EventId == eventId);

        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _lines);

        public void Dispose()
        {
        }

        sealed class Recorder(string category, ConcurrentQueue<(string, int)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) => lines.Enqueue((category, eventId.Id));
        }
    }
}
