using EventHub.Auth;
using EventHub.Domain.Forum;
using EventHub.Operations;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Presence;

/// <summary>Keeps <see cref="LocalConnections"/> in step with the hub's connections, whatever the hub does.</summary>
public sealed class PresenceHubFilter(LocalConnections local, NodeIdentity node, TimeProvider time) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        // The hub stores the caller's actor once it has accepted the connection (it aborts unknown callers).
        if (context.Context.Items.TryGetValue(typeof(Actor), out var value) && value is Actor actor)
            local.Add(new PresenceEntry(context.Context.ConnectionId, node.Name, ForumClaims.RoleName(actor.Role), actor.Site,
                actor.Name, actor.Id, time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception,
        Func<HubLifetimeContext, Exception?, Task> next)
    {
        local.Remove(context.Context.ConnectionId);
        await next(context, exception);
    }
}
