using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Presence;

/// <summary>
/// Keeps presence in step with the hub's connections: counted once the hub accepted the caller, dropped when the
/// connection closes; any call from a site host counts as hearing from that site's line (a pong records itself).
/// </summary>
public sealed class PresenceTracking(IPresenceStore store, LocalConnections local, TimeProvider time) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        // The hub puts the caller's actor in Items, or aborts a connection whose token says nothing usable.
        if (context.Context.Items.TryGetValue(typeof(Actor), out var item) && item is Actor actor &&
            !context.Context.ConnectionAborted.IsCancellationRequested)
        {
            local.Add(context.Context, actor);
            await store.ConnectedAsync(new PresenceConnection(context.Context.ConnectionId, actor.Role, actor.Site, actor.Id), Now);
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception,
        Func<HubLifetimeContext, Exception?, Task> next)
    {
        local.Remove(context.Context.ConnectionId);
        await store.DisconnectedAsync(context.Context.ConnectionId, Now);
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        // A pong records itself, with its round trip: one write to the store, not two.
        if (context.Context.Items.TryGetValue(typeof(Actor), out var item) && item is Actor { Role: Role.SiteHost, Site: { } site }
            && context.HubMethodName != HubMethods.Pong)
            await store.HostHeardAsync(site, Now, null);
        return await next(context);
    }

    long Now => time.GetUtcNow().ToUnixTimeMilliseconds();
}
