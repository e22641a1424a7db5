using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace EventHub.LoadTests;

/// <summary>
/// Opens a client's WebSockets itself (plugged in through <see cref="SiteClient.ForumClientOptions.ConfigureHttp"/>)
/// so that it can abort the current one: to the client that is a dropped network, and it reconnects and resumes on
/// its own. The client library needs no method of its own for it.
/// </summary>
public sealed class NetworkCut
{
    WebSocket? _current;

    /// <summary>The client's transport options: WebSockets only, opened here.</summary>
    public void Configure(HttpConnectionOptions http)
    {
        http.Transports = HttpTransportType.WebSockets;
        http.WebSocketFactory = OpenAsync;
    }

    /// <summary>Aborts the open WebSocket, if any (a client already reconnecting has none to lose).</summary>
    public void Cut() => Volatile.Read(ref _current)?.Abort();

    // A custom factory replaces SignalR's own, so it does what that one does for us: the access token as a bearer
    // header, and the connection's cookies (the balancer's sticky cookie from the negotiate call).
    async ValueTask<WebSocket> OpenAsync(WebSocketConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.Cookies = context.Options.Cookies;
        foreach (var (name, value) in context.Options.Headers) socket.Options.SetRequestHeader(name, value);
        if (context.Options.AccessTokenProvider is { } provider && await provider() is { Length: > 0 } token)
            socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        context.Options.WebSocketConfiguration?.Invoke(socket.Options);
        try
        {
            await socket.ConnectAsync(context.Uri, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        Volatile.Write(ref _current, socket);
        return socket;
    }
}
