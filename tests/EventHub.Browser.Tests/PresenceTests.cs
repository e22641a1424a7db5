using System.Text.RegularExpressions;
using EventHub.Browser.Tests.Infrastructure;
using EventHub.Domain.Protocol;
using EventHub.Presence;
using EventHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task ASitesPageInABackgroundTab_KeepsTheSitePresentPastTheAlertDelay_WhileTheBoardPutsALostSiteFirst_WithItsHistoryAndRequests()
    {
        await using var hub = new HubApp(new()
        {
            ["EventHub:Presence:HostAlertAfter"] = "00:00:02",
            ["EventHub:Presence:PingInterval"] = "00:00:00.500",
        });
        // HUE's host: the site page in a tab of a Chromium of its own, logged in and checked in through the page.
        await using var chrome = await PlainChromium.StartAsync();
        await using var hue = await chrome.OpenTabAsync(new Uri(hub.BaseAddress, "/site"));
        await hue.WaitForAsync("location.pathname === '/site' && document.readyState === 'complete'");
        await hue.EvaluateAsync($$"""
            fetch("/api/token", { method: "POST", headers: { "content-type": "application/json" },
                                  body: JSON.stringify({ role: "siteHost", site: "HUE", key: "{{hub.Credentials.Sites["HUE"].HostKey}}" }) })
              .then(r => r.text()).then(login => { sessionStorage.setItem("eventhub.site", login); setTimeout(() => location.reload(), 0); return true; })
            """);
        await hue.WaitForAsync("document.getElementById('site-view')?.hidden === false");
        await hue.EvaluateAsync("""
            (() => { const f = document.getElementById("checkin-form"); f.lead.value = "Hoàng Văn Nam"; f.headcount.value = "30"; f.requestSubmit(); return true; })()
            """);
        await hue.WaitForAsync("document.getElementById('attendance-status').textContent.includes('30')");

        // DNG's host checks in and asks for the floor, then its connection goes: DNG's host is lost.
        var dng = await hub.ConnectAsync(await hub.LoginHostAsync("DNG"));
        Assert.True((await dng.SendAsync(HubMethods.CheckIn, new CheckInRequest("dng-check-in", null, "Trần Thị Thu", 25)).WaitAsync(Timeouts.Call)).Ok);
        Assert.True((await dng.SendAsync(HubMethods.RequestFloor,
            new FloorAskRequest("dng-ask-floor", null, null, "Võ Thị Mai", null, "Đào tạo cán bộ trẻ")).WaitAsync(Timeouts.Call)).Ok);
        await dng.DisposeAsync();

        // Another tab comes to the front: HUE's page is now a background tab, hidden as on the host's laptop.
        var resumesBefore = (await hue.EvaluateAsync("eventhubPosition().resumes"))!.GetValue<int>();
        await using var other = await chrome.OpenTabAsync(new Uri("about:blank"));
        await hue.WaitForAsync("document.visibilityState === 'hidden'");
        var console = await chromium.ModeratorAsync(hub);
        var alerts = console.GetByTestId("alerts");
        await Expect(alerts).ToContainTextAsync("Đà Nẵng (DNG): Mất người phụ trách");

        // Past the alert's delay (2 s) since it was hidden, the page still answers the hub: HUE is present, DNG alone is lost.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal("hidden", (await hue.EvaluateAsync("document.visibilityState"))?.GetValue<string>());
        Assert.False(hub.Engine.View.State.Attendance.Site("HUE").HostLost);
        // Heard, not merely connected: the hub's pings (every 0.5 s) were answered lately, on the same connection.
        var line = (await hub.Services.GetRequiredService<IPresenceStore>().HostLinesAsync())["HUE"];
        Assert.Equal(1, line.HostConnections);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - line.HostLastHeardAt!.Value, 0, 2_000);
        Assert.Equal(resumesBefore, (await hue.EvaluateAsync("eventhubPosition().resumes"))!.GetValue<int>());
        Assert.True(hub.Engine.View.State.Attendance.Site("DNG").HostLost);
        await Expect(console.Locator("#board button[data-site=HUE]")).ToHaveAccessibleNameAsync(new Regex(@"Trực tuyến, 30 người, 0 đại biểu · \d+ms"));
        await Expect(alerts).Not.ToContainTextAsync("HUE");

        // The board by region (both sites are in the north-central coast's 14), and the lost site's detail.
        var region = console.Locator("[data-region=north-central-coast]");
        await Expect(region.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Bắc Trung Bộ và Duyên hải miền Trung · 2/14 đã điểm danh");
        await Expect(region.Locator("button")).ToHaveCountAsync(14);
        await Expect(console.Locator("[data-region=central-highlands] button")).ToHaveCountAsync(5);
        await alerts.GetByRole(AriaRole.Button).ClickAsync();
        var detail = console.Locator("#site-detail");
        await Expect(detail.GetByRole(AriaRole.Heading, new() { Name = "Chi tiết điểm cầu Đà Nẵng (DNG)" })).ToBeVisibleAsync();
        await Expect(detail.GetByTestId("site-history")).ToContainTextAsync("(UTC+7), phụ trách Trần Thị Thu — đang có mặt");
        await Expect(detail.GetByTestId("site-requests")).ToHaveTextAsync("Võ Thị Mai — Đào tạo cán bộ trẻ Đang chờ duyệt");
        await Accessibility.AssertNoSeriousViolationsAsync(console, "board with an alert and a site's detail");
        await Chromium.ScreenshotAsync(console, "moderator-board-alert");
    }
}
