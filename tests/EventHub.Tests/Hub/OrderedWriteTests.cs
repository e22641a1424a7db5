using EventHub.Domain.Forum;
using EventHub.Forum;
using EventHub.Fanout;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventHub.Tests.Hub;

/// <summary>
/// The fan-out's write to one connection: messages given while an earlier write is still pending go out after it,
/// in the order given, one at a time, and the fan-out never waits for them.
/// </summary>
public sealed class OrderedWriteTests
{
    /// <summary>A connection whose writes complete when the test says (or at once when it is told to).</summary>
    sealed class HeldConnection() : HubConnectionContext(new DefaultConnectionContext(), new HubConnectionContextOptions(),
        NullLoggerFactory.Instance)
    {
        readonly Lock _lock = new();
        readonly List<(string Method, TaskCompletionSource? Held)> _writes = [];
        public bool Hold { get; set; } = true;

        public IReadOnlyList<string> Started
        {
            get
            {
                lock (_lock) return _writes.Select(w => w.Method).ToList();
            }
        }

        /// <summary>Writes started and not yet completed.</summary>
        public int Pending
        {
            get
            {
                lock (_lock) return _writes.Count(w => w.Held is { Task.IsCompleted: false });
            }
        }

        public override ValueTask WriteAsync(SerializedHubMessage message, CancellationToken cancellationToken = default)
        {
            var method = ((InvocationMessage)message.Message!).Target;
            var held = Hold ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
            lock (_lock) _writes.Add((method, held));
            return held is null ? ValueTask.CompletedTask : new ValueTask(held.Task);
        }

        /// <summary>Completes the oldest write still pending, or fails it.</summary>
        public void Complete(Exception? failure = null)
        {
            TaskCompletionSource held;
            lock (_lock) held = _writes.First(w => w.Held is { Task.IsCompleted: false }).Held!;
            if (failure is null) held.SetResult();
            else held.SetException(failure);
        }
    }

    static SerializedHubMessage Message(string name) => NodeAudience.Message(name, 0);

    static NodeAudience.Member MemberOn(HeldConnection connection) => new(connection, new Viewer(Role.Delegate, "HPG"));

    /// <summary>Waits (a few seconds at most) until the connection has started <paramref name="count"/> writes.</summary>
    static async Task UntilStartedAsync(HeldConnection connection, int count)
    {
        for (var i = 0; i < 500 && connection.Started.Count < count; i++) await Task.Delay(10);
    }

    [Fact]
    public async Task MessagesGivenWhileAWriteIsPending_GoOutAfterIt_InOrder_OneAtATime()
    {
        var connection = new HeldConnection();
        var member = MemberOn(connection);

        member.Write(Message("e1"), 1);
        member.Write(Message("e2"), 2);
        member.Write(Message("e3"), 3);

        Assert.Equal(["e1"], connection.Started); // the others wait behind the pending one, and the caller did not
        Assert.Equal(3, member.Told);

        connection.Complete();
        await UntilStartedAsync(connection, 2);
        Assert.Equal(["e1", "e2"], connection.Started);
        Assert.Equal(1, connection.Pending);

        member.Write(Message("e4"), 4); // still behind e2 and e3
        connection.Complete();
        await UntilStartedAsync(connection, 3);
        connection.Complete();
        await UntilStartedAsync(connection, 4);
        Assert.Equal(["e1", "e2", "e3", "e4"], connection.Started);
    }

    [Fact]
    public async Task OnceEverythingBehindIsWritten_TheNextWriteGoesOutAtOnce()
    {
        var connection = new HeldConnection();
        var member = MemberOn(connection);
        member.Write(Message("e1"), 1);
        member.Write(Message("e2"), 2);
        Assert.True(member.Behind);
        connection.Complete();
        await UntilStartedAsync(connection, 2);
        connection.Complete();
        for (var i = 0; i < 500 && member.Behind; i++) await Task.Delay(10);
        Assert.False(member.Behind);

        connection.Hold = false;
        member.Write(Message("e3"), 3);

        Assert.Equal(["e1", "e2", "e3"], connection.Started);
        Assert.Equal(0, connection.Pending);
    }

    [Fact]
    public async Task AFailedWrite_DoesNotStopTheOnesBehindIt()
    {
        // SignalR ends a connection whose write failed; what waits behind it is still tried, in order, and fails the same
        // way without anything waiting on it.
        var connection = new HeldConnection();
        var member = MemberOn(connection);
        member.Write(Message("e1"), 1);
        member.Write(Message("e2"), 2);

        connection.Complete(new IOException("connection reset"));
        await UntilStartedAsync(connection, 2);

        Assert.Equal(["e1", "e2"], connection.Started);
    }

    [Fact]
    public void APost_GoesOutBesideThePendingEvents()
    {
        var connection = new HeldConnection();
        var member = MemberOn(connection);
        member.Write(Message("e1"), 1);
        member.Write(Message("e2"), 2);

        member.Post(Message("ping"));

        Assert.Equal(["e1", "ping"], connection.Started);
        Assert.Equal(2, member.Told); // a post is not a position
    }
}
