using EventHub.Auth;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Hubs;

public sealed partial class ForumHub
{
    /// <summary>
    /// A new token for the caller's own session (same identity, a full lifetime from now), to reconnect with before
    /// this one expires; a logged-out session or a rotated key never gets here (<see cref="TokenGate"/>).
    /// </summary>
    public TokenResponse RefreshToken() =>
        Context.GetHttpContext()!.RequestServices.GetRequiredService<SessionRefresh>().Refresh(Context.User!);
}
