using System.Text.Json;
using EventHub.Auth;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Forum;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Attendance;

/// <summary>
/// A delegate the moderator removed gets nowhere with the token they still hold: the connection is refused
/// (closed with the structured error, and without reconnect) and every call returns <c>delegate.removed</c>.
/// Delegates already connected when they are removed are dropped by <see cref="AttendanceWatchdog"/>.
/// </summary>
public sealed class DelegateGate(ForumEngine engine) : IHubFilter
{
    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        // A HubException's message reaches the client in the close frame even without detailed errors.
        if (IsRemoved(ForumClaims.ToActor(context.Context.User)))
            throw new HubException(JsonSerializer.Serialize(Info(Errors.DelegateRemoved().Error), Json.Options));
        return next(context);
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context,
        Func<HubInvocationContext, ValueTask<object?>> next) =>
        context.Context.Items.TryGetValue(typeof(Actor), out var actor) && IsRemoved(actor as Actor)
            ? throw Errors.DelegateRemoved()
            : next(context);

    bool IsRemoved(Actor? actor) => actor is { Role: Role.Delegate } && engine.View.State.Attendance.IsRemoved(actor.Id);

    static ErrorInfo Info(ForumError error) => new(error.Code, error.Message, error.MessageEn);
}
