using System.Collections;
using System.Collections.Concurrent;
using EventHub.Auth;
using EventHub.Domain.Forum;
using EventHub.Forum;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace EventHub.Fanout;

/// <summary>
/// The connections open on this node as SignalR holds them, each with who is looking: the fan-out writes every
/// event to them directly, in log order, in the form each may see. Filled by <see cref="NodeLifetimeManager{THub}"/>.
/// </summary>
public sealed class NodeAudience : IEnumerable<NodeAudience.Member>
{
    readonly ConcurrentDictionary<string, Member> _members = new(StringComparer.Ordinal);

    /// <summary>A connection whose token names no forum role is left out (the hub refuses it anyway).</summary>
    public void Add(HubConnectionContext connection)
    {
        if (ForumClaims.ToActor(connection.User) is { } actor)
            _members[connection.ConnectionId] = new Member(connection, Viewer.Of(actor));
    }

    public void Remove(string connectionId) => _members.TryRemove(connectionId, out _);

    /// <summary>Walks the members without copying them or taking the dictionary's locks.</summary>
    public IEnumerator<Member> GetEnumerator()
    {
        foreach (var pair in _members) yield return pair.Value;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The ids of this node's connections of one role.</summary>
    public IReadOnlyList<string> IdsOf(Role role) =>
        _members.Values.Where(m => m.Viewer.Role == role).Select(m => m.ConnectionId).ToList();

    /// <summary>
    /// A message outside the log (a host's ping, the moderators' board) to this node's connections of one role,
    /// written to each directly. <c>Clients.Clients(ids)</c> on the Redis backplane would publish it once per
    /// connection and read it back from Redis, though every one of them is here. Not ordered with the events
    /// (nothing depends on that).
    /// </summary>
    public void Send(Role role, SerializedHubMessage message)
    {
        foreach (var member in this)
            if (member.Viewer.Role == role)
                member.Post(message);
    }

    /// <summary>One invocation of a client method, serialised once per protocol however many connections get it.</summary>
    public static SerializedHubMessage Message(string method, object argument) => new(new InvocationMessage(method, [argument]));

    /// <summary>One connection. <see cref="Member.Write"/> is the fan-out's single loop's only; <see cref="Member.Post"/> anyone's.</summary>
    public sealed class Member(HubConnectionContext connection, Viewer viewer)
    {
        Task _writing = Task.CompletedTask;

        public Viewer Viewer => viewer;

        public string ConnectionId => connection.ConnectionId;

        /// <summary>Who the connection's token names (its claims as the hub keeps them).</summary>
        public System.Security.Claims.ClaimsPrincipal? User => connection.User;

        /// <summary>
        /// Ends the connection for good: a close message with <paramref name="error"/> (the client shows it and does not
        /// reconnect), then the transport is cut, whether the message got out or not.
        /// </summary>
        public void Close(string error)
        {
            _ = CloseAsync();

            async Task CloseAsync()
            {
                try
                {
                    await connection.WriteAsync(new CloseMessage(error, allowReconnect: false)).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
                }
                catch (Exception)
                {
                    // a connection that cannot take the message is cut all the same
                }
                connection.Abort();
            }
        }

        /// <summary>
        /// The last position this connection was written (an event's seq, or a beacon's head); -1 before any. A
        /// write that fails ends the connection, so what was written arrives or the client resumes anyway.
        /// </summary>
        public long Told { get; private set; } = -1;

        /// <summary>True while a write to this connection is still pending, so the next one would wait behind it (for tests).</summary>
        internal bool Behind => !_writing.IsCompleted;

        /// <summary>
        /// Writes after whatever is still being written to this connection, so it gets messages in the order
        /// given, without the caller waiting on a slow socket (the others must not wait for it). A connection
        /// that stops reading is closed by SignalR's client timeout, which ends its pending writes.
        /// </summary>
        public void Write(SerializedHubMessage message, long position)
        {
            Told = position;
            if (_writing.IsCompleted)
            {
                var write = connection.WriteAsync(message);
                if (!write.IsCompletedSuccessfully) _writing = write.AsTask();
            }
            else
            {
                _writing = After(_writing, message);
            }
        }

        /// <summary>
        /// Writes now, beside the events' ordered writes (SignalR serialises writes to one connection); a write that
        /// fails ends the connection, as in <see cref="Write"/>.
        /// </summary>
        public void Post(SerializedHubMessage message)
        {
            var write = connection.WriteAsync(message);
            if (!write.IsCompletedSuccessfully) _ = write.AsTask();
        }

        async Task After(Task previous, SerializedHubMessage message)
        {
            try
            {
                await previous;
            }
            catch (Exception)
            {
                // A failed write ends the connection; the next one fails the same way, harmlessly.
            }
            await connection.WriteAsync(message);
        }
    }
}
