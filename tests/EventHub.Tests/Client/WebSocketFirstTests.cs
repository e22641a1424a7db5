using System.Net.WebSockets;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace EventHub.Tests.Client;

/// <summary>
/// The client opens its WebSocket without SignalR's negotiate request, and where WebSockets are blocked it still
/// connects, through negotiate, on another transport. Real hub on Kestrel, real SignalR .NET client.
/// </summary>
public sealed class WebSocketFirstTests : HubAppTest
{
    [Fact]
    public async Task AHost_ConnectsWithItsWebSocketAlone_NoNegotiateRequest_AndWorksAsUsual()
    {
        var network = new Network(blockWebSockets: false);
        await using var host = await ConnectAsync(await App.LoginHostAsync("HUE"), network);
        await using var display = await App.ConnectAsync(await App.LoginDisplayAsync());

        var checkIn = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lê Văn Bình", 10));
        Assert.True(checkIn.Ok, checkIn.Error?.ToString());
        await display.WaitForSeqAsync(checkIn.LastSeq).WaitAsync(Timeouts.Call);
        await host.WaitForSeqAsync(checkIn.LastSeq).WaitAsync(Timeouts.Call);

        Assert.Equal(0, network.Negotiations);
        Assert.Equal(1, network.WebSocketsOpened);
        Assert.True(host.Forum.State.Attendance.Site("HUE").CheckedIn);
    }

    [Fact]
    public async Task WhereWebSocketsAreBlocked_AHostConnectsThroughNegotiate_OnAnotherTransport_AndWorksAsUsual()
    {
        var network = new Network(blockWebSockets: true);
        await using var host = await ConnectAsync(await App.LoginHostAsync("HUE"), network);

        var checkIn = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lê Văn Bình", 10));
        Assert.True(checkIn.Ok, checkIn.Error?.ToString());
        // The events come back over the fallback transport and fold into the host's copy.
        var later = await host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), null, 42));
        Assert.True(later.Ok, later.Error?.ToString());
        await host.WaitForSeqAsync(later.LastSeq).WaitAsync(Timeouts.Call);

        Assert.True(network.Negotiations >= 1, "the fallback went through negotiate");
        Assert.Equal(0, network.WebSocketsOpened);
        Assert.True(network.WebSocketsRefused >= 1, "the direct WebSocket was tried first");
        Assert.Equal(42, host.Forum.State.Attendance.Site("HUE").Headcount);
    }

    async Task<ForumClient> ConnectAsync(LoginResult login, Network network)
    {
        var client = new ForumClient(new ForumClientOptions
        {
            HubUrl = App.HubUrl,
            AccessToken = () => Task.FromResult<string?>(login.Token),
            ReconnectDelay = TimeSpan.FromMilliseconds(200),
            ConfigureHttp = network.Configure,
        });
        await client.StartAsync().WaitAsync(Timeouts.Call);
        await client.WaitForSeqAsync(App.Engine.View.Head).WaitAsync(Timeouts.Call);
        return client;
    }

    /// <summary>The client's network: counts its negotiate requests and its WebSockets, and may refuse every WebSocket (a proxy that blocks them).</summary>
    sealed class Network(bool blockWebSockets)
    {
        int _negotiations, _opened, _refused;
        public int Negotiations => Volatile.Read(ref _negotiations);
        public int WebSocketsOpened => Volatile.Read(ref _opened);
        public int WebSocketsRefused => Volatile.Read(ref _refused);

        public void Configure(HttpConnectionOptions http)
        {
            http.HttpMessageHandlerFactory = inner => new Counting(this, inner);
            http.WebSocketFactory = async (context, cancellationToken) =>
            {
                if (blockWebSockets)
                {
                    Interlocked.Increment(ref _refused);
                    throw new WebSocketException(WebSocketError.NotAWebSocket, "blocked by the site's proxy");
                }
                var socket = new ClientWebSocket();
                if (context.Options.AccessTokenProvider is { } provider && await provider() is { Length: > 0 } token)
                    socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
                await socket.ConnectAsync(context.Uri, cancellationToken);
                Interlocked.Increment(ref _opened);
                return socket;
            };
        }

        sealed class Counting(Network network, HttpMessageHandler inner) : DelegatingHandler(inner)
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.RequestUri?.AbsolutePath.EndsWith("/negotiate", StringComparison.Ordinal) == true)
                    Interlocked.Increment(ref network._negotiations);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
