using System.Text.RegularExpressions;
using EventHub.Browser.Tests.Infrastructure;
using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests;

/// <summary>A site host's open page keeps the site present; the console sees its round trip, and the alert when it goes.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class PresenceTests(Chromium chromium)
{
    [Fact]
    public async Task ASitesPageKeptOpen_KeepsTheSitePresentWithItsRoundTrip_AndClosingIt_RaisesHostLostOnTheConsole()
    {
        await using var hub = new HubApp(new()
        {
            ["EventHub:Presence:HostAlertAfter"] = "00:00:02",
            ["EventHub:Presence:PingInterval"] = "00:00:00.500",
        });
        var site = await chromium.SiteHostAsync(hub, "HUE");
        await site.GetByLabel("Người phụ trách tại điểm cầu").FillAsync("Hoàng Văn Nam");
        await site.GetByLabel("Số người có mặt").First.FillAsync("30");
        await site.GetByRole(AriaRole.Button, new() { Name = "Xác nhận có mặt" }).ClickAsync();
        var console = await chromium.ModeratorAsync(hub);

        // The page answers the hub's pings: the board shows the round trip the hub measured.
        var tile = console.Locator("#board button[data-site=HUE]");
        await Expect(tile).ToHaveAccessibleNameAsync(new Regex(@"Trực tuyến, 30 người, 0 đại biểu · \d+ms"));
        await Expect(site.GetByText(new Regex(@"Độ trễ đến máy chủ: \d+ ms"))).ToBeVisibleAsync();

        // Well past the alert's delay, the open page still keeps the site present.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.False(hub.Engine.View.State.Attendance.Site("HUE").HostLost);
        await Expect(tile).ToHaveAccessibleNameAsync(new Regex("Trực tuyến"));

        await site.Context.CloseAsync();
        await Expect(tile).ToHaveAccessibleNameAsync(new Regex("Mất người phụ trách"));
        Assert.True(hub.Engine.View.State.Attendance.Site("HUE").HostLost);
        await console.Locator("#board button[data-site=HUE]").ClickAsync();
        await Chromium.ScreenshotAsync(console, "moderator-host-lost");
    }
}
