using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests.Infrastructure;

/// <summary>What a person does to reach each page: open it and log in, by the labels they read (Vietnamese first).</summary>
public static class Pages
{
    public static Task<IPage> SiteHostAsync(this Chromium chromium, HubApp hub, string site) =>
        chromium.SiteHostAsync(hub.BaseAddress, site, hub.Credentials.Sites[site].HostKey);

    public static async Task<IPage> SiteHostAsync(this Chromium chromium, Uri hub, string site, string hostKey)
    {
        var page = await chromium.NewPageAsync(hub);
        await page.GotoAsync("/site");
        await page.GetByLabel("Mã điểm cầu").FillAsync(site.ToLowerInvariant()); // hosts type it as they like
        await page.GetByLabel("Mã khóa điểm cầu").FillAsync(hostKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Điểm cầu", Exact = false, Level = 1 })).ToContainTextAsync($"({site})");
        await Expect(page.GetByText("Chưa có ai phát biểu.").Or(page.GetByTestId("countdown"))).ToBeVisibleAsync();
        return page;
    }

    /// <param name="prepare">Runs on the page before it connects (e.g. to sit on its WebSocket).</param>
    public static async Task<IPage> ModeratorAsync(this Chromium chromium, HubApp hub, Func<IPage, Task>? prepare = null)
    {
        var page = await chromium.NewPageAsync(hub);
        if (prepare is not null) await prepare(page);
        await page.GotoAsync("/moderator");
        await page.GetByLabel("Mã khóa điều hành").FillAsync(hub.Credentials.ModeratorKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Danh sách phát biểu: Phát biểu khai mạc" })).ToBeVisibleAsync();
        await Expect(page.Locator("#board button")).ToHaveCountAsync(62);
        return page;
    }
}
