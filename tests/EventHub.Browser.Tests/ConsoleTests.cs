using EventHub.Browser.Tests.Infrastructure;
using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests;

/// <summary>The console's agenda and delegates, as the moderator uses them.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ConsoleTests(Chromium chromium)
{
    [Fact]
    public async Task TheModerator_AddsRenamesAndMovesAnAgendaItem_MakesItCurrent_AndTheSitePageFollows()
    {
        await using var hub = new HubApp();
        var console = await chromium.ModeratorAsync(hub);
        var site = await chromium.SiteHostAsync(hub, "CTO");

        var add = console.Locator("#agenda-forms form").Last;
        await add.GetByLabel("Tên mục").FillAsync("Phiên hỏi đáp");
        await add.GetByLabel("Thời gian mỗi người (giây)").FillAsync("180");
        await add.GetByRole(AriaRole.Button, new() { Name = "Thêm mục" }).ClickAsync();
        await Expect(site.Locator("#agenda li").Last).ToHaveTextAsync("Phiên hỏi đáp");

        await console.GetByRole(AriaRole.Button, new() { Name = "Đổi tên: Phiên hỏi đáp" }).ClickAsync();
        await console.Locator("#agenda").GetByLabel("Tên mục").FillAsync("Phiên hỏi đáp trực tiếp");
        await console.Locator("#agenda").GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Đưa mục lên: Phiên hỏi đáp trực tiếp" }).ClickAsync();
        await Expect(site.Locator("#agenda li").Nth(3)).ToHaveTextAsync("Phiên hỏi đáp trực tiếp");

        await console.Locator("#agenda li").Filter(new() { HasText = "Phiên hỏi đáp trực tiếp" })
            .GetByRole(AriaRole.Button, new() { Name = "Chuyển sang mục này" }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Danh sách phát biểu: Phiên hỏi đáp trực tiếp" })).ToBeVisibleAsync();
        await Expect(site.Locator("#agenda li[aria-current=step]")).ToHaveTextAsync("Phiên hỏi đáp trực tiếp (đang diễn ra)");
    }

    [Fact]
    public async Task TheModerator_ConfirmsADelegatesAward_RemovesAndReadmitsThem_FromTheSitesDetail()
    {
        await using var hub = new HubApp();
        await hub.LoginDelegateAsync("HCM", "Nguyễn Thị Lan", awardee: true);
        var console = await chromium.ModeratorAsync(hub);

        await console.Locator("#board button[data-site=HCM]").ClickAsync();
        var detail = console.Locator("#site-detail");
        // A self-declared award is a claim until the moderator (or the site's host) confirms it.
        await Expect(detail).ToContainTextAsync("Nguyễn Thị Lan, Sở Nội vụ (tự nhận được khen thưởng, chưa xác nhận)");
        await detail.GetByRole(AriaRole.Button, new() { Name = "Xác nhận khen thưởng: Nguyễn Thị Lan" }).ClickAsync();
        await Expect(detail).ToContainTextAsync("Nguyễn Thị Lan, Sở Nội vụ (đại biểu được khen thưởng)");
        Assert.True(hub.Engine.View.State.Attendance.Delegates.Values.Single().Awardee);
        await detail.GetByRole(AriaRole.Button, new() { Name = "Mời ra: Nguyễn Thị Lan" }).ClickAsync();
        await Expect(detail).ToContainTextAsync("đã bị mời ra");
        Assert.True(hub.Engine.View.State.Attendance.Delegates.Values.Single().Removed);

        await detail.GetByRole(AriaRole.Button, new() { Name = "Cho vào lại: Nguyễn Thị Lan" }).ClickAsync();
        await Expect(detail.GetByRole(AriaRole.Button, new() { Name = "Mời ra: Nguyễn Thị Lan" })).ToBeVisibleAsync();
        Assert.False(hub.Engine.View.State.Attendance.Delegates.Values.Single().Removed);
    }

    [Fact]
    public async Task TheModerator_DownloadsTheForumsReportBundle_FromTheConsole()
    {
        await using var hub = new HubApp();
        var console = await chromium.ModeratorAsync(hub);

        var download = await console.RunAndWaitForDownloadAsync(() =>
            console.GetByRole(AriaRole.Button, new() { Name = "Bộ báo cáo tọa đàm (zip)" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"bundle-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(path);
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        Assert.Equal("bao-cao-toa-dam.zip", download.SuggestedFilename);
        Assert.Contains(zip.Entries, e => e.FullName == "report.html");
        Assert.Contains(zip.Entries, e => e.FullName == "events.jsonl");
    }
}
