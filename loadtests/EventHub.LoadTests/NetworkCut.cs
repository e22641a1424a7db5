using System.Diagnostics;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace EventHub.LoadTests;

/// <summary>
/// A client's network, which the load runner (or a test) can cut: the client's WebSockets are opened here (plugged in
/// through <see cref="SiteClient.ForumClientOptions.ConfigureHttp"/>), so a cut aborts the open one, and its requests
/// wait while the network is down. To the client that is a dropped network: it reconnects and resumes on its own.
/// The client library needs no method of its own for it.
/// </summary>
public sealed class NetworkCut
{
    WebSocket? _current;
    long _downUntil; // a Stopwatch timestamp

    /// <summary>Raised when a WebSocket of the client's has opened: its connection is back (the resume comes after).</summary>
    public event Action? Opened;

    /// <summary>The client's transport options: WebSockets only, opened here; every request waits for the network.</summary>
    public void Configure(HttpConnectionOptions http)
    {
        http.Transports = HttpTransportType.WebSockets;
        http.WebSocketFactory = OpenAsync;
        http.HttpMessageHandlerFactory = inner => new WaitForNetwork(this, inner);
    }

    /// <summary>
    /// Aborts the open WebSocket (a client already reconnecting has none to lose) and keeps the network down for
    /// <paramref name="downFor"/>: the client's reconnect (its WebSocket, after negotiate if it fell back to that) goes
    /// out once it is back.
    /// </summary>
    public void Cut(TimeSpan downFor)
    {
        Volatile.Write(ref _downUntil, Stopwatch.GetTimestamp() + (long)(downFor.TotalSeconds * Stopwatch.Frequency));
        Volatile.Read(ref _current)?.Abort();
    }

    Task UpAsync(CancellationToken cancellationToken)
    {
        var left = Volatile.Read(ref _downUntil) - Stopwatch.GetTimestamp();
        return left > 0 ? Task.Delay(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency), cancellationToken) : Task.CompletedTask;
    }

    // A custom factory replaces SignalR's own, so it does what that one does for us: the access token as a bearer
    // header, and the connection's cookies (the balancer's sticky cookie, when a negotiate call came first).
    async ValueTask<WebSocket> OpenAsync(WebSocketConnectionContext context, CancellationToken cancellationToken)
    {
        await UpAsync(cancellationToken);
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
        Opened?.Invoke();
        return socket;
    }

    sealed class WaitForNetwork(NetworkCut network, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await network.UpAsync(cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
