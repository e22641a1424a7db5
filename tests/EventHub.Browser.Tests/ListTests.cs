using System.Text;
using EventHub.Browser.Tests.Infrastructure;
using EventHub.Domain.Protocol;
using EventHub.Domain.SpeakerQueue;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests;

/// <summary>
/// The console's speaker list as the moderator uses it while someone speaks: reordered by drag, by keyboard and to
/// the top, a request declined with a reason, the list closed, reopened and cleared; speakers from the hall; the
/// fair-order preview; the exports.
/// </summary>
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

    [Fact]
    public async Task WhileSomeoneSpeaks_TheModeratorDragsAndKeysTheWaitingRequestsIntoOrder_MovesOneToTheTop_DeclinesOneWithAReasonTheSiteSees_ClosesReopensAndClearsTheList()
    {
        await using var hub = new HubApp();
        await using var dng = await hub.ConnectAsync(await hub.LoginHostAsync("DNG"));
        await using var hue = await hub.ConnectAsync(await hub.LoginHostAsync("HUE"));
        await using var moderator = await hub.ConnectAsync(await hub.LoginModeratorAsync());
        await Ok(moderator.SendAsync(HubMethods.CallNext, new CallNextRequest("call-opening", null, null)));
        var site = await chromium.SiteHostAsync(hub, "HCM");
        await site.GetByLabel("Người phát biểu").FillAsync("Phạm Minh Đức");
        await site.GetByLabel("Chủ đề").FillAsync("Chuyển đổi số");
        await site.GetByRole(AriaRole.Button, new() { Name = "Gửi yêu cầu phát biểu" }).ClickAsync();
        await Expect(site.Locator("#requests li")).ToContainTextAsync("Đang chờ duyệt");
        await Ok(dng.SendAsync(HubMethods.RequestFloor, new FloorAskRequest("dng-ask-floor", null, null, "Võ Thị Mai", null, "Đào tạo cán bộ trẻ")));
        await Ok(hue.SendAsync(HubMethods.RequestFloor, new FloorAskRequest("hue-ask-floor", null, null, "Hoàng Văn Nam", null, "Di sản và du lịch")));

        var console = await chromium.ModeratorAsync(hub);
        await Expect(console.GetByTestId("speaker")).ToHaveTextAsync("Ngô Văn Cương");
        var rows = console.Locator("#queue > li");
        await ExpectOrder(rows, "Phạm Minh Đức", "Võ Thị Mai", "Hoàng Văn Nam");

        // Drag HUE's request (with the mouse) onto the first row: it takes first place.
        await rows.Nth(2).DragToAsync(rows.Nth(0));
        await ExpectOrder(rows, "Hoàng Văn Nam", "Phạm Minh Đức", "Võ Thị Mai");
        // From the keyboard: focus HUE's "down" button and press Enter.
        await console.GetByRole(AriaRole.Button, new() { Name = "Xuống: Hoàng Văn Nam" }).FocusAsync();
        await console.Keyboard.PressAsync("Enter");
        await ExpectOrder(rows, "Phạm Minh Đức", "Hoàng Văn Nam", "Võ Thị Mai");
        await rows.Nth(2).GetByRole(AriaRole.Button, new() { Name = "Lên đầu" }).ClickAsync();
        await ExpectOrder(rows, "Võ Thị Mai", "Phạm Minh Đức", "Hoàng Văn Nam");

        // Declined with a reason: the site sees it, nobody else does.
        var hcmRow = rows.Filter(new() { HasText = "Phạm Minh Đức" });
        await hcmRow.GetByRole(AriaRole.Button, new() { Name = "Từ chối" }).ClickAsync();
        await hcmRow.GetByLabel("Lý do từ chối (chỉ điểm cầu đó thấy)").FillAsync("Nội dung đã có điểm cầu khác trình bày");
        await Chromium.ScreenshotAsync(console, "moderator-list");
        await Accessibility.AssertNoSeriousViolationsAsync(console, "list with a decline reason being typed");
        await hcmRow.Locator("form").GetByRole(AriaRole.Button, new() { Name = "Từ chối" }).ClickAsync();
        await ExpectOrder(rows, "Võ Thị Mai", "Hoàng Văn Nam");
        await Expect(site.Locator("#requests li")).ToContainTextAsync("Bị từ chối");
        await Expect(site.Locator("#requests li")).ToContainTextAsync("Lý do: Nội dung đã có điểm cầu khác trình bày");

        // Closed and reopened, then cleared (after the confirmation): the speech goes on.
        await console.GetByRole(AriaRole.Button, new() { Name = "Khóa danh sách" }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Button, new() { Name = "Mở lại danh sách" })).ToBeVisibleAsync();
        Assert.True(hub.Engine.View.State.SpeakerQueue.CurrentItem!.IsClosed);
        await console.GetByRole(AriaRole.Button, new() { Name = "Mở lại danh sách" }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Button, new() { Name = "Khóa danh sách" })).ToBeVisibleAsync();
        Assert.False(hub.Engine.View.State.SpeakerQueue.CurrentItem!.IsClosed);
        console.Dialog += (_, dialog) => dialog.AcceptAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Xóa danh sách" }).ClickAsync();
        await Expect(rows).ToHaveTextAsync(["Danh sách trống."]); // the array form waits while several rows are left
        await Expect(console.GetByTestId("speaker")).ToHaveTextAsync("Ngô Văn Cương");
        var requests = hub.Engine.View.State.SpeakerQueue.Requests;
        Assert.Equal("Nội dung đã có điểm cầu khác trình bày", requests.Values.Single(r => r.Site == "HCM").DeclineReason);
        Assert.Equal(RequestStatus.Removed, requests["dng-ask-floor"].Status);
        Assert.Equal(RequestStatus.Removed, requests["hue-ask-floor"].Status);
    }

    [Fact]
    public async Task TheModerator_AddsAHallSpeakerAtTheTop_GivesAnotherTheFloorAtOnce_RemovesTheFirst_AndDownloadsTheAttendanceAndSpeakingCsvs()
    {
        await using var hub = new HubApp();
        await using var hcm = await hub.ConnectAsync(await hub.LoginHostAsync("HCM"));
        await Ok(hcm.SendAsync(HubMethods.CheckIn, new CheckInRequest("hcm-check-in", null, "Trần Văn Bình", 40)));
        var console = await chromium.ModeratorAsync(hub);
        var rows = console.Locator("#queue > li");
        await ExpectOrder(rows, "Ngô Văn Cương");

        await console.GetByText("Người phát biểu tại hội trường").ClickAsync();
        var hall = console.Locator("#hall-form");
        await hall.GetByLabel("Họ tên").FillAsync("Lê Quang Huy");
        await hall.GetByLabel("Chức danh").FillAsync("Đại biểu Quốc hội");
        await hall.GetByLabel("Chủ đề").FillAsync("Chính sách thu hút nhân tài");
        await hall.GetByLabel("Đưa lên đầu danh sách").CheckAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(console, "hall speaker form");
        await hall.GetByRole(AriaRole.Button, new() { Name = "Thêm vào danh sách" }).ClickAsync();
        await ExpectOrder(rows, "Lê Quang Huy", "Ngô Văn Cương");
        await Expect(rows.Nth(0)).ToContainTextAsync("Lê Quang Huy, Đại biểu Quốc hội — Hội trường Hà Nội Đã duyệt");
        Assert.Null(hub.Engine.View.State.SpeakerQueue.Requests.Values.Single(r => r.Speaker == "Lê Quang Huy").Site);

        await hall.GetByLabel("Họ tên").FillAsync("Nguyễn Thị Hồng");
        await hall.GetByRole(AriaRole.Button, new() { Name = "Thêm và mời phát biểu ngay" }).ClickAsync();
        await Expect(console.GetByTestId("speaker")).ToHaveTextAsync("Nguyễn Thị Hồng");
        await Expect(console.Locator("#floor")).ToContainTextAsync("Hội trường Hà Nội");
        await Chromium.ScreenshotAsync(console, "moderator-hall-speaker");
        await console.Keyboard.PressAsync("e");
        await Expect(console.GetByText("Chưa có ai phát biểu.")).ToBeVisibleAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Bỏ khỏi danh sách: Lê Quang Huy" }).ClickAsync();
        await ExpectOrder(rows, "Ngô Văn Cương");

        var speakers = await DownloadAsync(console, "Thống kê phát biểu (CSV)", "speakers.csv");
        Assert.Equal("Người phát biểu,Mã điểm cầu,Điểm cầu,Số lượt,Thời gian nói (giây),Thời gian chờ (giây)", speakers[0]);
        Assert.Contains(speakers, line => line.StartsWith("Nguyễn Thị Hồng,,Hội trường Hà Nội,1,", StringComparison.Ordinal));
        Assert.DoesNotContain(speakers, line => line.StartsWith("Lê Quang Huy,", StringComparison.Ordinal));
        var attendance = await DownloadAsync(console, "Báo cáo điểm danh (CSV)", "attendance.csv");
        Assert.Equal("Mã điểm cầu,Điểm cầu,Loại,Từ,Đến,Họ tên,Cơ quan,Khen thưởng,Số người,Ghi chú", attendance[0]);
        Assert.Contains(attendance, line => line.StartsWith("HCM,TP. Hồ Chí Minh,điểm danh,", StringComparison.Ordinal) && line.Contains(",,Trần Văn Bình,,,40,"));
    }

    /// <summary>Clicks an export button, saves the download and returns its lines after checking the UTF-8 BOM Excel needs.</summary>
    static async Task<string[]> DownloadAsync(IPage console, string button, string fileName)
    {
        var download = await console.RunAndWaitForDownloadAsync(() => console.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync());
        Assert.Equal(fileName, download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{fileName}");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    static async Task ExpectOrder(ILocator rows, params string[] speakers)
    {
        await Expect(rows).ToHaveCountAsync(speakers.Length);
        for (var i = 0; i < speakers.Length; i++) await Expect(rows.Nth(i)).ToContainTextAsync(speakers[i]);
    }

    static async Task Ok(Task<CommandResult> command)
    {
        var result = await command.WaitAsync(Timeouts.Call);
        Assert.True(result.Ok, result.Error?.MessageEn);
    }
}
