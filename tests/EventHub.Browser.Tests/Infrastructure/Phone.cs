using System.Text.Json;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests.Infrastructure;

/// <summary>A delegate's phone (360×740, touch, Vietnamese) and what a delegate does on it: open the site's link and join.</summary>
public static class Phone
{
    public const int Width = 360;

    public static async Task<IPage> NewPhoneAsync(this Chromium chromium, HubApp hub)
    {
        var context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = hub.BaseAddress.ToString(),
            ViewportSize = new() { Width = Width, Height = 740 },
            DeviceScaleFactor = 1,
            IsMobile = true,
            HasTouch = true,
            Locale = "vi-VN",
            TimezoneId = "Europe/Paris",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>The link the join sheet prints for a site (its QR code holds the same).</summary>
    public static string JoinLink(HubApp hub, string site) =>
        $"/join?site={site}&code={Uri.EscapeDataString(hub.Credentials.Sites[site].JoinCode)}";

    /// <summary>Opens the site's link, types the name (and agency), joins, and waits for the forum.</summary>
    public static async Task JoinAsync(this IPage phone, HubApp hub, string site, string name, string? agency = null)
    {
        await phone.GotoAsync(JoinLink(hub, site));
        await phone.GetByLabel("Họ và tên").FillAsync(name);
        if (agency is not null) await phone.GetByLabel("Cơ quan, đơn vị (không bắt buộc)").FillAsync(agency);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Vào tọa đàm" }).ClickAsync();
        await Expect(phone.Locator("#me")).ToContainTextAsync(name);
        await WaitLiveAsync(phone);
    }

    /// <summary>Until the page's copy has resumed from the hub (its position is exposed once connected).</summary>
    public static async Task WaitLiveAsync(IPage phone) =>
        await phone.WaitForFunctionAsync("() => typeof window.eventhubPosition === 'function' && window.eventhubPosition().resumes > 0");

    public static async Task<long> LastSeqAsync(IPage phone) =>
        (await phone.EvaluateAsync<JsonElement>("() => window.eventhubPosition()")).GetProperty("lastSeq").GetInt64();

    /// <summary>The hub's own copy of a question, found by its text (the phone chose its id).</summary>
    public static async Task<Question> QuestionAsync(HubApp hub, string text)
    {
        using var timeout = new CancellationTokenSource(Timeouts.Call);
        while (true)
        {
            var found = hub.Engine.View.State.QandA.Questions.Values.FirstOrDefault(q => q.Text == text);
            if (found is not null) return found;
            await Task.Delay(50, timeout.Token);
        }
    }

    public static async Task OkAsync<T>(this ForumClient client, string method, T request) where T : ICommandRequest
    {
        var result = await client.SendAsync(method, request).WaitAsync(Timeouts.Call);
        Assert.True(result.Ok, $"{method}: {result.Error?.Code}");
    }
}
