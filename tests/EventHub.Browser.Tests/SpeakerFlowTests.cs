using EventHub.Browser.Tests.Infrastructure;
using EventHub.Tests.Infrastructure;
using EventHub.Tests.ScaleOut;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests;

/// <summary>The speaker queue run from the two pages: a site asks, the moderator approves and calls, the site is told.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class SpeakerFlowTests(Chromium chromium)
{
    [Fact]
    public async Task AHostsRequest_AppearsOnTheConsole_IsApproved_PutsTheSiteOnDeck_ThenGetsTheFloor_Ends_AndIsReAddedAndGivenTheFloorAgain()
    {
        await using var hub = new HubApp();
        var site = await chromium.SiteHostAsync(hub, "HCM");
        var console = await chromium.ModeratorAsync(hub);

        await site.GetByLabel("Người phát biểu").FillAsync("Phạm Minh Đức");
        await site.GetByLabel("Chức danh").FillAsync("Phó Giám đốc Sở Nội vụ");
        await site.GetByLabel("Chủ đề").FillAsync("Chuyển đổi số trong đào tạo cán bộ trẻ");
        await site.GetByRole(AriaRole.Button, new() { Name = "Gửi yêu cầu phát biểu" }).ClickAsync();
        var myRequest = site.Locator("#requests li").Filter(new() { HasText = "Phạm Minh Đức" });
        await Expect(myRequest).ToContainTextAsync("Đang chờ duyệt");
        await Expect(myRequest).ToContainTextAsync("Vị trí 2 trong danh sách");

        // The console shows who and why (the moderator sees the private details) and approves.
        var row = console.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Phạm Minh Đức" });
        await Expect(row).ToContainTextAsync("TP. Hồ Chí Minh (HCM)");
        await Expect(row).ToContainTextAsync("Chuyển đổi số trong đào tạo cán bộ trẻ");
        await row.GetByRole(AriaRole.Button, new() { Name = "Duyệt" }).ClickAsync();
        await Expect(myRequest).ToContainTextAsync("Đã duyệt");
        await Expect(site.GetByTestId("after-that")).ToBeVisibleAsync();

        // "Next" by its shortcut: the hall's opening speaker takes the floor, and HCM is on deck, with the chime.
        await console.Keyboard.PressAsync("n");
        await Expect(console.GetByTestId("speaker")).ToHaveTextAsync("Ngô Văn Cương");
        await Expect(site.GetByTestId("on-deck")).ToHaveTextAsync("Điểm cầu của bạn phát biểu tiếp theo — chuẩn bị camera và micro!");
        Assert.True(await site.EvaluateAsync<int>("() => window.eventhubChimes()") >= 1);
        await Chromium.ScreenshotAsync(site, "site-on-deck");
        await Chromium.ScreenshotAsync(console, "moderator-console");

        await console.Keyboard.PressAsync("n");
        await Expect(site.GetByText("Điểm cầu của bạn đang phát biểu")).ToBeVisibleAsync();
        await Expect(site.GetByTestId("speaker")).ToHaveTextAsync("Phạm Minh Đức");
        await Expect(site.GetByTestId("my-countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(9|10):\d\d$"));
        await Expect(site.GetByTestId("on-deck")).ToHaveCountAsync(0);
        await Chromium.ScreenshotAsync(site, "site-has-floor");

        await console.GetByRole(AriaRole.Button, new() { Name = "Tạm dừng" }).ClickAsync();
        await Expect(console.GetByTestId("phase")).ToHaveTextAsync("Tạm dừng");
        await console.Keyboard.PressAsync("t");
        await Expect(site.GetByTestId("countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^1[01]:\d\d$"));
        await console.GetByRole(AriaRole.Button, new() { Name = "Kết thúc phát biểu" }).ClickAsync();
        await Expect(site.GetByText("Điểm cầu của bạn đang phát biểu")).ToHaveCountAsync(0);
        await Expect(myRequest).ToContainTextAsync("Đã phát biểu");
        await Expect(console.GetByText("Chưa có ai phát biểu.")).ToBeVisibleAsync();

        // The last speaker re-added, and given the floor directly from the list.
        await console.GetByRole(AriaRole.Button, new() { Name = "Thêm lại người vừa phát biểu" }).ClickAsync();
        var again = console.Locator("#queue > li").Filter(new() { HasText = "Phạm Minh Đức" });
        await again.GetByRole(AriaRole.Button, new() { Name = "Mời phát biểu ngay" }).ClickAsync();
        await Expect(console.GetByTestId("speaker")).ToHaveTextAsync("Phạm Minh Đức");
        await Expect(site.GetByText("Điểm cầu của bạn đang phát biểu")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TwoConsolesOnTwoNodes_PressingNextOnTheSameFloor_GiveOneSpeaker_AndTheLaterConsoleIsToldTheFloorChanged()
    {
        await using var cluster = new RedisCluster();
        var hub = cluster.StartNode();
        var first = await chromium.ModeratorAsync(hub);
        var held = new HeldMessages();
        var second = await chromium.ModeratorAsync(cluster.StartNode(), held.RouteAsync);

        // The second console has not yet heard the first one's "next" when its own moderator presses it too.
        held.Hold();
        await first.Keyboard.PressAsync("n");
        await Expect(first.GetByTestId("speaker")).ToHaveTextAsync("Ngô Văn Cương");
        await Expect(second.GetByText("Chưa có ai phát biểu.")).ToBeVisibleAsync();
        await second.Keyboard.PressAsync("n");
        held.Release();

        await Expect(second.GetByTestId("speaker")).ToHaveTextAsync("Ngô Văn Cương");
        await Expect(second.Locator("#floor-message")).ToHaveTextAsync(
            "Bàn điều hành khác đã thay đổi diễn đàn trước bạn; trạng thái mới đang hiển thị, lệnh của bạn không được thực hiện.");
        await Expect(first.Locator("#floor-message")).ToBeEmptyAsync();
        var started = hub.Engine.View.State.SpeakerQueue.Requests.Values.Count(r => r.StartedAt is not null);
        Assert.Equal(1, started);
        Assert.Equal("seed-opening-1", hub.Engine.View.State.SpeakerQueue.Floor?.RequestId);
    }
}
