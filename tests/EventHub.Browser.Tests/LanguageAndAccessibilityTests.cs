using Deque.AxeCore.Playwright;
using EventHub.Browser.Tests.Infrastructure;
using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests;

[Collection(ChromiumCollection.Name)]
public sealed class LanguageAndAccessibilityTests(Chromium chromium)
{
    [Fact]
    public async Task TheLandingPage_SaysWhatTheHubIs_AndLinksEachRolesPage()
    {
        await using var hub = new HubApp();
        var page = await chromium.NewPageAsync(hub);
        await page.GotoAsync("/");
        await Expect(page.GetByText("Trung tâm thời gian thực của tọa đàm", new() { Exact = false })).ToContainTextAsync("62 điểm cầu");
        await page.GetByRole(AriaRole.Link, new() { Name = "Trang điểm cầu" }).ClickAsync();
        await Expect(page.GetByLabel("Mã điểm cầu")).ToBeVisibleAsync();
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Bàn điều hành" }).ClickAsync();
        await Expect(page.GetByLabel("Mã khóa điều hành")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheLanguageSwitch_ShowsEveryTextInEnglish_KeepsItAcrossAReload_AndSwitchesBack()
    {
        await using var hub = new HubApp();
        var page = await chromium.SiteHostAsync(hub, "DNG");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Request the floor" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check in" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Nobody has the floor.")).ToBeVisibleAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Chromium.ScreenshotAsync(page, "site-english");

        await page.ReloadAsync(); // the login and the language both last for the tab
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Attendance" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếng Việt" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Xin phát biểu" })).ToBeVisibleAsync();
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task EveryPage_HasNoSeriousOrCriticalAccessibilityViolation()
    {
        await using var hub = new HubApp();
        var landing = await chromium.NewPageAsync(hub);
        await landing.GotoAsync("/");
        await Chromium.ScreenshotAsync(landing, "landing");
        var loginPage = await chromium.NewPageAsync(hub);
        await loginPage.GotoAsync("/site");
        await Expect(loginPage.GetByLabel("Mã điểm cầu")).ToBeVisibleAsync();
        var site = await chromium.SiteHostAsync(hub, "HCM");
        var console = await chromium.ModeratorAsync(hub);

        foreach (var (name, page) in new[] { ("landing", landing), ("site login", loginPage), ("site", site), ("moderator", console) })
        {
            var results = await page.RunAxe();
            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
                .ToList();
            Assert.True(serious.Count == 0, string.Join("\n", serious));
        }
    }
}
