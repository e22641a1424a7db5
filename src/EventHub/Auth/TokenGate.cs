using System.Security.Claims;
using System.Text.Json;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Auth;

/// <summary>Whether a signed, unexpired token still stands: its session not logged out, its key not rotated since.</summary>
public sealed class TokenValidity(KeyRing keys, SessionRevocations revocations)
{
    /// <summary>Moves on whenever a logout or a rotation is taken in; nothing else changes an answer of this class.</summary>
    public long Version => ((long)keys.Version << 32) | (uint)revocations.Version;

    public ForumError? Refusal(TokenSession? session) =>
        session is null ? AuthErrors.BadToken().Error
        : revocations.IsRevoked(session.Id) ? AuthErrors.Revoked().Error
        : session.Generation < keys.GenerationOf(session.Scope) ? AuthErrors.KeyRotated().Error
        : null;

    public ForumError? Refusal(ClaimsPrincipal? user) =>
        ForumClaims.ToActor(user) is { } actor ? Refusal(ForumClaims.ToSession(user, actor)) : AuthErrors.BadToken().Error;
}

/// <summary>
/// The hub's side of logout and rotation. A connection is checked as it opens (a token refused between its
/// HTTP request and here), and each call compares one version number and re-checks the session only after a change.
/// The connections a logout or rotation ends are closed by the fan-out's <c>EndedSessions</c>.
/// </summary>
public sealed class TokenGate(TokenValidity validity) : IHubFilter
{
    // The key of this gate's entry in a connection's items.
    static readonly object SessionKey = new();

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var version = validity.Version;
        var actor = ForumClaims.ToActor(context.Context.User);
        var session = actor is null ? null : ForumClaims.ToSession(context.Context.User, actor);
        // A HubException's message reaches the client in the close frame even without detailed errors.
        if (actor is not null && validity.Refusal(session) is { } refusal) throw new HubException(Describe(refusal));
        if (session is not null) context.Context.Items[SessionKey] = new CheckedSession(session, version);
        return next(context);
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (context.Context.Items.TryGetValue(SessionKey, out var item) && item is CheckedSession checkedSession)
        {
            var version = validity.Version;
            if (checkedSession.Version != version)
            {
                if (validity.Refusal(checkedSession.Session) is { } refusal) throw new ForumRuleException(refusal);
                checkedSession.Version = version;
            }
        }
        return next(context);
    }

    /// <summary>A refusal as the close message or exception text a client reads.</summary>
    internal static string Describe(ForumError error) =>
        JsonSerializer.Serialize(new ErrorInfo(error.Code, error.Message, error.MessageEn), Json.Options);

    /// <summary>The session a connection carries, and the <see cref="TokenValidity.Version"/> it was last found good at.</summary>
    sealed class CheckedSession(TokenSession session, long version)
    {
        public TokenSession Session { get; } = session;
        public long Version { get; set; } = version;
    }
}
