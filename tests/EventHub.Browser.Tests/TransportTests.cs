using EventHub.Browser.Tests.Infrastructure;
using EventHub.Domain.Protocol;
using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests;

/// <summary>
/// How a page reaches the hub: the WebSocket opened at once, as the load generator's clients do, and the library's
/// negotiate (Server-Sent Events or long polling) where a WebSocket cannot get through.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class TransportTests(Chromium chromium)
{
    [Fact]
    public async Task APhone_OpensTheWebSocketDirectly_WithNoNegotiateRequest_AndIsLive()
    {
        await using var hub = new HubApp();
        await using var moderator = await OpenQandAWithoutReviewAsync(hub);
        var phone = await chromium.NewPhoneAsync(hub);
        var requests = new List<string>();
        var sockets = new List<string>();
        phone.Request += (_, request) => { lock (requests) requests.Add(request.Url); };
        phone.WebSocket += (_, socket) => { lock (sockets) sockets.Add(socket.Url); };

        await phone.JoinAsync(hub, "HCM", "Nguyễn Thị Lan");
        await AskAndSeeItPublishedAsync(phone, "Câu hỏi gửi qua WebSocket mở thẳng");

        lock (requests) Assert.DoesNotContain(requests, url => url.Contains("/hubs/forum/negotiate"));
        lock (sockets)
        {
            var socket = Assert.Single(sockets);
            Assert.Contains("/hubs/forum?access_token=", socket);
            Assert.DoesNotContain("id=", socket); // no connection token: nothing was negotiated
        }
    }

    [Fact]
    public async Task APhoneBehindAProxyThatBlocksWebSockets_FallsBackThroughNegotiate_AndIsLive()
    {
        await using var hub = new HubApp();
        await using var moderator = await OpenQandAWithoutReviewAsync(hub);
        var phone = await chromium.NewPhoneAsync(hub);
        var blocked = 0;
        // The socket closes before it opens and never reaches the hub, as behind a proxy that refuses the upgrade.
        await phone.RouteWebSocketAsync("**/hubs/forum**", socket =>
        {
            Interlocked.Increment(ref blocked);
            _ = socket.CloseAsync();
        });
        var negotiations = 0;
        phone.Request += (_, request) => { if (request.Url.Contains("/hubs/forum/negotiate")) Interlocked.Increment(ref negotiations); };

        await phone.JoinAsync(hub, "HCM", "Nguyễn Thị Lan");
        await AskAndSeeItPublishedAsync(phone, "Câu hỏi gửi khi WebSocket bị chặn");

        Assert.True(blocked >= 1, "the page never tried a WebSocket");
        Assert.True(negotiations >= 1, "the page connected without negotiating, through a WebSocket that was blocked");
    }

    static async Task<EventHub.SiteClient.ForumClient> OpenQandAWithoutReviewAsync(HubApp hub)
    {
        var moderator = await hub.ConnectAsync(await hub.LoginModeratorAsync());
        await moderator.OkAsync(HubMethods.ConfigureQandA, new QandAOptionsRequest(CommandId.New(), Review: false, AllowAnonymous: true,
            NamesToReviewers: false, ["Chuyển đổi số"], 10));
        await moderator.OkAsync(HubMethods.OpenQandA, new QandAItemRequest(CommandId.New(), null));
        return moderator;
    }

    /// <summary>The phone's command goes up and the event it made comes back live: both directions work.</summary>
    static async Task AskAndSeeItPublishedAsync(IPage phone, string text)
    {
        await phone.GetByLabel("Nội dung").FillAsync(text);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi", Exact = true }).ClickAsync();
        await Expect(phone.Locator("#questions li").Filter(new() { HasText = text })).ToContainTextAsync("Của bạn");
    }
}
