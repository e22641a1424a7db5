using EventHub.Browser.Tests.Infrastructure;
using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests;

[Collection(ChromiumCollection.Name)]
public sealed class AttendanceTests(Chromium chromium)
{
    [Fact]
    public async Task AHostChecksIn_UpdatesTheHeadcount_AndChecksOut_WithTheHistoryInForumTime_AndTheBoardFollows()
    {
        await using var hub = new HubApp();
        var site = await chromium.SiteHostAsync(hub, "HCM");
        var console = await chromium.ModeratorAsync(hub);

        await site.GetByLabel("Người phụ trách tại điểm cầu").FillAsync("Trần Văn Bình");
        await site.GetByLabel("Số người có mặt").First.FillAsync("40");
        await site.GetByRole(AriaRole.Button, new() { Name = "Xác nhận có mặt" }).ClickAsync();
        await Expect(site.GetByText("Đã điểm danh: 40 người, phụ trách Trần Văn Bình.")).ToBeVisibleAsync();
        var tile = console.Locator("#board button[data-site=HCM]");
        await Expect(tile).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("TP. Hồ Chí Minh: Trực tuyến, 40 người"));

        await site.Locator("#headcount-form").GetByLabel("Số người có mặt").FillAsync("42");
        await site.GetByRole(AriaRole.Button, new() { Name = "Cập nhật số người" }).ClickAsync();
        await Expect(site.GetByText("Đã điểm danh: 42 người", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(console.GetByText("1/62 đã điểm danh", new() { Exact = false })).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(site, "site-checked-in");

        await site.GetByRole(AriaRole.Button, new() { Name = "Rời tọa đàm" }).ClickAsync();
        await Expect(site.GetByText("Điểm cầu chưa điểm danh.")).ToBeVisibleAsync();
        var history = site.Locator("#history li");
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history).ToContainTextAsync("(UTC+7)");
        await Expect(history).ToContainTextAsync("rời lúc");
        var spell = hub.Engine.View.State.Attendance.Site("HCM").Spells.Single();
        var inForumTime = DateTimeOffset.FromUnixTimeMilliseconds(spell.CheckedInAt).ToOffset(TimeSpan.FromHours(7)).ToString("HH:mm");
        await Expect(history).ToContainTextAsync($"{inForumTime} (UTC+7)");
        await Expect(tile).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("Đã rời"));
    }

    [Fact]
    public async Task ARollCall_CountsTheSiteThatConfirms_AndListsTheSitesThatDidNot()
    {
        await using var hub = new HubApp();
        var site = await chromium.SiteHostAsync(hub, "HPG");
        await site.GetByLabel("Người phụ trách tại điểm cầu").FillAsync("Lê Thị Hoa");
        await site.GetByLabel("Số người có mặt").First.FillAsync("25");
        await site.GetByRole(AriaRole.Button, new() { Name = "Xác nhận có mặt" }).ClickAsync();
        var console = await chromium.ModeratorAsync(hub);

        await console.GetByLabel("Hạn (giây)").FillAsync("60");
        await console.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu điểm danh" }).ClickAsync();
        await Expect(console.GetByTestId("rollcall-count")).ToContainTextAsync("0/62 điểm cầu đã xác nhận");

        await site.GetByRole(AriaRole.Button, new() { Name = "Xác nhận điểm cầu có mặt" }).ClickAsync();
        await Expect(site.GetByText("Đã xác nhận lúc", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(console.GetByTestId("rollcall-count")).ToContainTextAsync("1/62 điểm cầu đã xác nhận");
        await Expect(console.GetByText("Chưa xác nhận:", new() { Exact = false })).Not.ToContainTextAsync("HPG");
        await Expect(console.GetByText("Chưa xác nhận:", new() { Exact = false })).ToContainTextAsync("(61)");
        await Chromium.ScreenshotAsync(console, "moderator-roll-call");

        await console.GetByRole(AriaRole.Button, new() { Name = "Kết thúc điểm danh" }).ClickAsync();
        await Expect(console.GetByTestId("rollcall-count")).ToContainTextAsync("Đợt điểm danh đã kết thúc: 1/62 xác nhận.");
        await Expect(site.GetByText("Không có đợt điểm danh nào đang mở.")).ToBeVisibleAsync();
    }
}
