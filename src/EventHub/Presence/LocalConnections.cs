using System.Collections.Concurrent;
using EventHub.Auth;
using EventHub.Domain.Forum;
using EventHub.Operations;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Presence;

/// <summary>
/// The connections open on this node, with their contexts: the only way to reach one connection from outside a
/// hub call (to ping a host's line, to serve this node's moderators, to drop a removed delegate).
/// </summary>
public sealed class LocalConnections : IConnectionCounts
{
    readonly ConcurrentDictionary<string, (HubCallerContext Context, Actor Actor)> _open = new(StringComparer.Ordinal);

    public void Add(HubCallerContext context, Actor actor) => _open[context.ConnectionId] = (context, actor);

    public void Remove(string connectionId) => _open.TryRemove(connectionId, out _);

    public IEnumerable<(HubCallerContext Context, Actor Actor)> OfRole(Role role) =>
        _open.Values.Where(c => c.Actor.Role == role);

    public IEnumerable<(string Role, int Count)> ByRole() =>
        Enum.GetValues<Role>().Select(role => (RoleNames.Of(role), OfRole(role).Count()));
}
