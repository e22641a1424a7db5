using System.Reflection;
using EventHub.Domain.Forum;
using EventHub.Storage;
using EventHub.Storage.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace EventHub.Tests.Storage;

/// <summary>
/// Whatever the Redis client throws when Redis stalls, restarts or resets the connection, the log's callers get
/// <see cref="StoreUnavailableException"/> (answered as the retryable store.unavailable), never an exception the hub
/// would answer as server.error; only the caller's own cancellation stays a cancellation. The client is a stand-in
/// that fails every call in one way: a cancelled task or a completed pipe cannot be had from a real Redis on demand
/// (<see cref="ScaleOut.RedisStallTests"/> stalls a real one).
/// </summary>
public sealed class RedisEventLogFaultTests
{
    const string Forum = "forum-1";
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static TheoryData<string> Faults => ["cancelled task", "completed pipe reader", "disposed connection", "connection reset", "timeout"];

    static Exception FaultOf(string kind) => kind switch
    {
        "cancelled task" => new TaskCanceledException(),
        "completed pipe reader" => new InvalidOperationException("Reading is not allowed after reader was completed."),
        "disposed connection" => new ObjectDisposedException("ConnectionMultiplexer"),
        "connection reset" => new RedisConnectionException(ConnectionFailureType.SocketFailure, "SocketFailure"),
        "timeout" => new RedisTimeoutException("Timeout awaiting response", CommandStatus.Sent),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task EveryCall_ThatFails_AsAReturnedTask_OrAThrow_IsTheStoresFault(string kind)
    {
        foreach (var thrown in new[] { false, true })
        {
            var log = LogOn(FailingRedis.Create(() => FaultOf(kind), thrown));
            await Assert.ThrowsAsync<StoreUnavailableException>(() => log.GetHeadAsync(Forum, default));
            await Assert.ThrowsAsync<StoreUnavailableException>(() => log.ReadAsync(Forum, 0, 10, default));
            await Assert.ThrowsAsync<StoreUnavailableException>(() => log.FindOutcomeAsync(Forum, "cmd-1", Actor.Moderator(), default));
            // An append that may have been sent is the store's fault too, of the kind whose outcome a resend learns.
            await Assert.ThrowsAnyAsync<StoreUnavailableException>(() => log.AppendAsync(Forum, 0, "cmd-1", 1000, Actor.Moderator(),
                [new NewEvent("test.event", 1, "{}")], default));
            Assert.False(await log.IsReachableAsync(default));
        }
    }

    [Fact]
    public async Task TheCallersOwnCancellation_StaysACancellation()
    {
        var log = LogOn(FailingRedis.Create(null, thrown: false)); // calls that never answer
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.GetHeadAsync(Forum, caller.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.AppendAsync(Forum, 0, "cmd-1", 1000, Actor.Moderator(),
            [new NewEvent("test.event", 1, "{}")], caller.Token));
    }

    static RedisEventLog LogOn(IConnectionMultiplexer redis) =>
        new(redis, new RedisKeys("test"), Timeout, NullLogger<RedisEventLog>.Instance);

    /// <summary>
    /// A connection (and its database) whose every call fails with one fault, either as the task it returns or
    /// thrown at once; with no fault, its calls never answer.
    /// </summary>
    public class FailingRedis : DispatchProxy
    {
        Func<Exception>? _fault;
        bool _thrown;
        object? _database;

        public static IConnectionMultiplexer Create(Func<Exception>? fault, bool thrown)
        {
            var database = Create<IDatabase, FailingRedis>();
            ((FailingRedis)(object)database).Init(fault, thrown, null);
            var connection = Create<IConnectionMultiplexer, FailingRedis>();
            ((FailingRedis)(object)connection).Init(fault, thrown, database);
            return connection;
        }

        void Init(Func<Exception>? fault, bool thrown, object? database) => (_fault, _thrown, _database) = (fault, thrown, database);

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(IConnectionMultiplexer.GetDatabase)) return _database;
            if (method.Name == "get_" + nameof(IConnectionMultiplexer.IsConnected)) return true;
            if (!method.ReturnType.IsGenericType || method.ReturnType.GetGenericTypeDefinition() != typeof(Task<>))
                throw new NotSupportedException(method.Name);
            var fault = _fault?.Invoke();
            if (fault is not null && _thrown) throw fault;
            return typeof(FailingRedis).GetMethod(nameof(Failing), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]).Invoke(null, [fault]);
        }

        static Task<T> Failing<T>(Exception? fault) => fault switch
        {
            null => new TaskCompletionSource<T>().Task,
            OperationCanceledException => Task.FromCanceled<T>(new CancellationToken(true)),
            _ => Task.FromException<T>(fault),
        };
    }
}
