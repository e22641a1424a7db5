using EventHub.Browser.Tests.Infrastructure;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests;

/// <summary>The console's speaker list: reordered from the keyboard, and the fair-order preview.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ListTests(Chromium chromium)
{
    [Fact]
    public async Task TheListIsReorderedByItsButtons_AndTheFairOrderPreview_PutsASiteThatHasNotSpokenFirstWhenApplied()
    {
        await using var hub = new HubApp();
        // HCM has spoken once already; then HCM and DNG both ask again (set up through the .NET client).
        await using var hcm = await hub.ConnectAsync(await hub.LoginHostAsync("HCM"));
        await using var dng = await hub.ConnectAsync(await hub.LoginHostAsync("DNG"));
        await using var moderator = await hub.ConnectAsync(await hub.LoginModeratorAsync());
        await Ok(hcm.SendAsync(HubMethods.RequestFloor, new FloorAskRequest("hcm-first-ask", null, null, "Phạm Minh Đức", null, "Chuyển đổi số")));
        await Ok(moderator.SendAsync(HubMethods.GiveFloor, new GiveFloorRequest("give-hcm-first", "hcm-first-ask", null, null)));
        await Ok(moderator.SendAsync(HubMethods.EndSpeech, new QueueEntryRequest("end-hcm-first", "hcm-first-ask")));
        await Ok(hcm.SendAsync(HubMethods.RequestFloor, new FloorAskRequest("hcm-second-ask", null, null, "Lý Thu Hà", null, "Nhà ở công vụ")));
        await Ok(dng.SendAsync(HubMethods.RequestFloor, new FloorAskRequest("dng-first-ask", null, null, "Võ Thị Mai", null, "Đào tạo cán bộ trẻ")));

        var console = await chromium.ModeratorAsync(hub);
        var rows = console.Locator("#queue > li");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0)).ToContainTextAsync("Ngô Văn Cương");

        // Keyboard-reachable buttons move an entry one place (the same as dragging it).
        await console.GetByRole(AriaRole.Button, new() { Name = "Xuống: Ngô Văn Cương" }).ClickAsync();
        await Expect(rows.Nth(0)).ToContainTextAsync("Lý Thu Hà");
        await Expect(rows.Nth(1)).ToContainTextAsync("Ngô Văn Cương");

        // The preview lists DNG (has not spoken) first; ignoring it changes nothing, applying it reorders the list.
        await console.GetByRole(AriaRole.Button, new() { Name = "Gợi ý thứ tự công bằng" }).ClickAsync();
        var preview = console.Locator("#fair li");
        await Expect(preview.Nth(0)).ToContainTextAsync("Võ Thị Mai — Đà Nẵng (DNG)");
        await console.GetByRole(AriaRole.Button, new() { Name = "Bỏ qua" }).ClickAsync();
        await Expect(preview).ToHaveCountAsync(0);
        await Expect(rows.Nth(0)).ToContainTextAsync("Lý Thu Hà");

        await console.GetByRole(AriaRole.Button, new() { Name = "Gợi ý thứ tự công bằng" }).ClickAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Áp dụng" }).ClickAsync();
        await Expect(rows.Nth(0)).ToContainTextAsync("Võ Thị Mai");
        await Expect(rows.Nth(1)).ToContainTextAsync("Lý Thu Hà");
        await Expect(rows.Nth(2)).ToContainTextAsync("Ngô Văn Cương");
    }

    static async Task Ok(Task<CommandResult> command)
    {
        var result = await command.WaitAsync(Timeouts.Call);
        Assert.True(result.Ok, result.Error?.MessageEn);
    }
}
