using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace EventHub.SiteClient;

/// <summary>
/// Opens the WebSocket at once, without SignalR's negotiate request: one request a (re)connect instead of two, and
/// nothing a balancer must keep sticky. When that fails, the same attempt goes through negotiate, which can pick
/// Server-Sent Events or long polling where a proxy blocks WebSockets; once negotiate has connected where the direct
/// WebSocket could not, the client negotiates for the rest of its life. A hub that is down fails both, and the
/// next attempt tries the direct WebSocket again.
/// </summary>
/// <remarks>
/// The factory of SignalR copies <paramref name="options"/> for every connection it opens, so setting them before
/// each attempt chooses that attempt's way in. One HubConnection connects one attempt at a time.
/// </remarks>
sealed class WebSocketFirst(IConnectionFactory http, HttpConnectionOptions options) : IConnectionFactory
{
    readonly HttpTransportType _transports = options.Transports;
    // A client told to avoid WebSockets never tries them directly.
    bool _negotiate = !options.Transports.HasFlag(HttpTransportType.WebSockets);

    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (!Volatile.Read(ref _negotiate))
        {
            options.SkipNegotiation = true;
            options.Transports = HttpTransportType.WebSockets;
            try
            {
                return await http.ConnectAsync(endpoint, cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Fall through: negotiate, in this same attempt.
            }
        }
        options.SkipNegotiation = false;
        options.Transports = _transports;
        var connection = await http.ConnectAsync(endpoint, cancellationToken);
        Volatile.Write(ref _negotiate, true);
        return connection;
    }
}
