using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EventHub.Browser.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the whole run (launching it costs a second or two); each test opens its own
/// browser contexts, so logins and storage never leak between tests. Playwright never downloads a browser here.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Two cores shared with the hub and the build: give web-first assertions room before they fail.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = Flags });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>A fresh context on a laptop-sized screen (1366×768), its own storage, the hub as base address.</summary>
    public Task<IPage> NewPageAsync(HubApp hub) => NewPageAsync(hub.BaseAddress);

    public async Task<IPage> NewPageAsync(Uri hub)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = hub.ToString(),
            ViewportSize = new() { Width = 1366, Height = 768 },
            Locale = "vi-VN",
            TimezoneId = "Europe/Paris", // not the forum's zone: the pages must still show UTC+7
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Writes docs/screenshots/NAME.png (the pictures docs/web.md shows).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(Repo.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png") });
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<Chromium>
{
    public const string Name = "chromium";
}
