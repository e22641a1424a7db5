using System.Text;
using EventHub.Browser.Tests.Infrastructure;
using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests;

/// <summary>The pages over the MessagePack hub protocol (<c>?protocol=msgpack</c>), through a whole flow.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class MessagePackTests(Chromium chromium)
{
    [Fact]
    public async Task BothPagesOverMessagePack_TakeARequestFromTheSiteToTheFloor_SendingTheHubsOwnCamelCaseKeys()
    {
        await using var hub = new HubApp();
        var site = await chromium.NewPageAsync(hub);
        var siteSent = Sent(site);
        await site.GotoAsync("/site?protocol=msgpack");
        await site.GetByLabel("Mã điểm cầu").FillAsync("CTO");
        await site.GetByLabel("Mã khóa điểm cầu").FillAsync(hub.Credentials.Sites["CTO"].HostKey);
        await site.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        var console = await chromium.NewPageAsync(hub);
        var consoleSent = Sent(console);
        await console.GotoAsync("/moderator?protocol=msgpack");
        await console.GetByLabel("Mã khóa điều hành").FillAsync(hub.Credentials.ModeratorKey);
        await console.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(console.Locator("#board button")).ToHaveCountAsync(62); // the board (GetBoard's answer) read too

        await site.GetByLabel("Người phát biểu").FillAsync("Trần Quốc Khánh");
        await site.GetByLabel("Chủ đề").FillAsync("Thích ứng biến đổi khí hậu");
        await site.GetByRole(AriaRole.Button, new() { Name = "Gửi yêu cầu phát biểu" }).ClickAsync();
        var request = site.Locator("#requests li");
        await Expect(request).ToContainTextAsync("Đang chờ duyệt");
        var row = console.Locator("#queue > li").Filter(new() { HasText = "Trần Quốc Khánh" });
        await Expect(row).ToContainTextAsync("Thích ứng biến đổi khí hậu");
        await row.GetByRole(AriaRole.Button, new() { Name = "Duyệt" }).ClickAsync();
        await Expect(request).ToContainTextAsync("Đã duyệt");
        await console.Keyboard.PressAsync("n");
        await Expect(site.GetByTestId("on-deck")).ToBeVisibleAsync();
        // The console must have heard its own first "next" (the hall's opener on the floor) before the second: a
        // "next" from a console that has not is refused as queue.floor_changed, as it should be.
        await Expect(console.GetByTestId("speaker")).ToBeVisibleAsync();
        await console.Keyboard.PressAsync("n");
        await Expect(site.GetByText("Điểm cầu của bạn đang phát biểu")).ToBeVisibleAsync();
        await Expect(console.GetByTestId("speaker")).ToHaveTextAsync("Trần Quốc Khánh");
        Assert.Equal("CTO", hub.Engine.View.State.SpeakerQueue.Requests[hub.Engine.View.State.SpeakerQueue.Floor!.RequestId].Site);

        foreach (var frames in new[] { siteSent, consoleSent })
        {
            IWebSocketFrame[] sent;
            lock (frames) sent = [.. frames];
            // The handshake chose MessagePack, and the requests carried the camelCase keys the hub reads as they are.
            Assert.Contains(sent, f => f.Text?.StartsWith("{\"protocol\":\"messagepack\"", StringComparison.Ordinal) == true);
            var binary = sent.Where(f => f.Binary is not null).Select(f => f.Binary!).ToList();
            Assert.Contains(binary, b => Has(b, "commandId"));
            Assert.DoesNotContain(binary, b => Has(b, "CommandId"));
        }
    }

    static List<IWebSocketFrame> Sent(IPage page)
    {
        var frames = new List<IWebSocketFrame>();
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) => { lock (frames) frames.Add(frame); };
        return frames;
    }

    static bool Has(byte[] frame, string key) => frame.AsSpan().IndexOf(Encoding.UTF8.GetBytes(key)) >= 0;
}
