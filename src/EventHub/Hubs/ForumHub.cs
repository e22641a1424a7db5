using EventHub.Auth;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.Operations;
using EventHub.Presence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Hubs;

/// <summary>
/// The one hub, at /hubs/forum. Methods are thin: who is calling, which command, the engine. Roles and site
/// scope are checked by the domain's Permissions; errors become structured results in <see cref="ForumHubFilter"/>.
/// docs/protocol.md documents every method and event.
/// </summary>
[Authorize]
public sealed partial class ForumHub(ForumEngine engine, NodeIdentity node, BoardBroadcaster board, HostLineProbe probe,
    IPresenceStore presence, TimeProvider time) : Hub
{
    public override async Task OnConnectedAsync()
    {
        var actor = ForumClaims.ToActor(Context.User);
        if (actor is null)
        {
            Context.Abort();
            return;
        }
        // No groups: events reach this connection through the node's fan-out (NodeFanout), which knows the actor.
        Context.Items[typeof(Actor)] = actor;
        await base.OnConnectedAsync();
    }

    public Identity WhoAmI()
    {
        var actor = Caller;
        return new Identity(RoleNames.Of(actor.Role), actor.Site, actor.Name, actor.Id, node.Name);
    }

    /// <summary>Every event after the caller's position (or a snapshot and the events after it).</summary>
    public Task<ResumeResult> Resume(ResumeRequest request) =>
        engine.ResumeAsync(Viewer.Of(Caller), request ?? throw Errors.Required("request"), Context.ConnectionAborted);

    /// <summary>
    /// The state the caller may see, at the log's head now: a <see cref="ResumeResult"/> with a snapshot and no
    /// events, so a client applies it as it applies a resume that answered with a snapshot.
    /// </summary>
    public Task<ResumeResult> GetSnapshot() => engine.SnapshotAsync(Viewer.Of(Caller), Context.ConnectionAborted);

    Actor Caller => (Actor)Context.Items[typeof(Actor)]!;

    Task<CommandResult> Execute<T>(T? request, Func<T, ForumCommand> command) where T : class, ICommandRequest =>
        request is null
            ? throw Errors.Required("request")
            : engine.ExecuteAsync(Caller, request.CommandId, command(request), Context.ConnectionAborted);

    /// <summary>A host may leave the site out (their own is meant); anyone else must name it.</summary>
    string SiteOf(string? site) =>
        Text.Optional(site, "site", 8)?.ToUpperInvariant() ?? Caller.Site ?? throw Errors.Required("site");
}
