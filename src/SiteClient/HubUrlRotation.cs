using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace EventHub.SiteClient;

/// <summary>
/// Connects to the first hub node that answers: a node that refuses (it died) moves the client on to the next
/// URL, so a bridge point survives losing its node without a load balancer. Stays on a node while it answers.
/// </summary>
sealed class HubUrlRotation(IConnectionFactory http, HttpConnectionOptions options, IReadOnlyList<Uri> urls)
    : IConnectionFactory
{
    int _current;

    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var index = Volatile.Read(ref _current);
        var url = urls[index % urls.Count];
        // The factory insists that the endpoint matches the configured Url ("If HttpConnectionOptions.Url was
        // set, it must match the UriEndPoint.Uri"), so both move together. One HubConnection connects one at a time.
        options.Url = url;
        try
        {
            return await http.ConnectAsync(new UriEndPoint(url), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.CompareExchange(ref _current, (index + 1) % urls.Count, index);
            throw;
        }
    }
}
