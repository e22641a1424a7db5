using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using EventHub.Browser.Tests.Infrastructure;
using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests;

/// <summary>The projector (/display) and a site's own display (/display?site=HCM), with the moderator driven from the test.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class DisplayTests(Chromium chromium)
{
    [Fact]
    public async Task TheProjector_ShowsTheSpeaker_TheCountdownsPhasesInColour_WhoIsNext_AndTheAttendanceTotals_AndASitesDisplaySaysNextThenHasTheFloor()
    {
        await using var hub = new HubApp();
        await using var moderator = await StaffConnection.OpenAsync(hub.BaseAddress, new { role = "moderator", key = hub.Credentials.ModeratorKey });
        var display = await DisplayAsync(hub.BaseAddress, hub.Credentials.DisplayKey);
        var hcm = await DisplayAsync(hub.BaseAddress, hub.Credentials.DisplayKey, "HCM");
        Assert.DoesNotContain("key=", display.Url); // the key is kept by the browser, never left on the projected address

        await moderator.SendAsync("CheckIn", new { site = "HCM", lead = "Trần Văn Bình", headcount = 40 });
        await moderator.SendAsync("CheckIn", new { site = "DNG", lead = "Lê Thị Hoa", headcount = 25 });
        await hub.LoginDelegateAsync("HCM", "Nguyễn Thị Lan");
        var awardee = await hub.LoginDelegateAsync("HCM", "Võ Minh Tuấn", awardee: true);
        await moderator.SendAsync("ConfirmAwardee", new { delegateId = awardee.Identity.Id });
        await Expect(display.GetByTestId("totals-sites")).ToHaveTextAsync("2/62");
        await Expect(display.GetByTestId("totals-people")).ToHaveTextAsync("65");
        await Expect(display.GetByTestId("totals-delegates")).ToHaveTextAsync("2");
        await Expect(display.GetByTestId("totals-awardees")).ToHaveTextAsync("1");

        // HCM's speaker goes to the top of the list: next on both displays, and HCM's own display says so.
        var added = await moderator.SendAsync("AddSpeaker", new
        {
            site = "HCM", speaker = "Phạm Minh Đức", speakerTitle = "Phó Giám đốc Sở Nội vụ", topic = "Chuyển đổi số trong đào tạo cán bộ trẻ", position = 1,
        });
        var requestId = added.GetProperty("commandId").GetString(); // AddSpeaker's command id is the request's id
        await Expect(display.Locator("#next li").First).ToContainTextAsync("Phạm Minh Đức");
        await Expect(display.Locator("#next li").First).ToContainTextAsync("TP. Hồ Chí Minh");
        await Expect(hcm.GetByRole(AriaRole.Status).Filter(new() { HasText = "TP. Hồ Chí Minh" }))
            .ToHaveTextAsync("TP. Hồ Chí Minh phát biểu tiếp theo — chuẩn bị camera và micro");

        // The floor with 31 s: running, then the warning phase under 30 s, in its colour.
        await moderator.SendAsync("GiveFloor", new { requestId, limitSeconds = 31 });
        await Expect(display.GetByTestId("speaker")).ToHaveTextAsync("Phạm Minh Đức");
        await Expect(display.GetByTestId("speaker-title")).ToHaveTextAsync("Phó Giám đốc Sở Nội vụ");
        await Expect(display.GetByTestId("speaker-site")).ToHaveTextAsync("TP. Hồ Chí Minh");
        await Expect(display.GetByTestId("speaker-topic")).ToHaveTextAsync("Chuyển đổi số trong đào tạo cán bộ trẻ");
        await Expect(hcm.Locator("#site-banner")).ToHaveTextAsync("TP. Hồ Chí Minh đang phát biểu");
        await Expect(hcm.Locator("#site-banner")).ToHaveAttributeAsync("data-state", "floor");
        await Expect(display.GetByTestId("phase")).ToHaveTextAsync("Sắp hết giờ");
        await Expect(display.Locator(".speech")).ToHaveClassAsync(new Regex(@"\bphase-warning\b"));
        await Expect(display.GetByTestId("countdown")).ToHaveTextAsync(new Regex(@"^0:[0-2]\d$"));
        Assert.Equal("rgb(255, 212, 59)", await display.GetByTestId("countdown").EvaluateAsync<string>("e => getComputedStyle(e).color"));
        await Chromium.ScreenshotAsync(display, "display-speaker");
        await Chromium.ScreenshotAsync(hcm, "display-site-has-floor");

        // The hall's speaker with one second: over time, in red, counting up with a minus sign.
        await moderator.SendAsync("GiveFloor", new { requestId = "seed-opening-1", expectedCurrent = requestId, limitSeconds = 1 });
        await Expect(display.GetByTestId("speaker")).ToHaveTextAsync("Ngô Văn Cương");
        await Expect(display.GetByTestId("speaker-site")).ToHaveTextAsync("Hội trường Hà Nội");
        await Expect(display.GetByTestId("phase")).ToHaveTextAsync("Quá giờ");
        await Expect(display.GetByTestId("countdown")).ToHaveTextAsync(new Regex(@"^−0:\d\d$"));
        Assert.Equal("rgb(255, 135, 135)", await display.GetByTestId("countdown").EvaluateAsync<string>("e => getComputedStyle(e).color"));
        await Expect(hcm.Locator("#site-banner")).ToHaveTextAsync("Điểm cầu TP. Hồ Chí Minh");

        var results = await display.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    [Fact]
    public async Task TheProjector_WhenNobodySpeaks_ListsTheTopQuestionsByVotes_AndShowsTheQuestionTheModeratorHighlights_WithItsSiteAndVotes()
    {
        await using var hub = new HubApp();
        await using var moderator = await StaffConnection.OpenAsync(hub.BaseAddress, new { role = "moderator", key = hub.Credentials.ModeratorKey });
        // This projector's key is typed once into its form (a wrong one first), then kept by the browser across a reload.
        var display = await chromium.NewPageAsync(hub);
        await display.GotoAsync("/display");
        await display.GetByLabel("Mã khóa màn hình").FillAsync("WRONGKEY");
        await display.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(display.GetByRole(AriaRole.Alert)).ToContainTextAsync("Khóa hoặc mã tham gia không đúng.");
        await display.GetByLabel("Mã khóa màn hình").FillAsync(hub.Credentials.DisplayKey);
        await display.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(display.Locator("#display-view")).ToBeVisibleAsync();
        await display.ReloadAsync();
        await Expect(display.GetByText("Chưa có câu hỏi nào được công bố.")).ToBeVisibleAsync();
        await Expect(display.Locator("#login-view")).ToBeHiddenAsync();
        await moderator.SendAsync("OpenQandA", new { });

        async Task<StaffConnection> DelegateAsync(string site, string name) => await StaffConnection.OpenAsync(hub.BaseAddress,
            new { role = "delegate", site, key = hub.Credentials.Sites[site].JoinCode, name });
        await using var lan = await DelegateAsync("HCM", "Nguyễn Thị Lan");
        await using var hai = await DelegateAsync("DNG", "Lê Văn Hải");
        await using var tuan = await DelegateAsync("CTO", "Võ Minh Tuấn");
        var first = (await lan.SendAsync("AskQuestion", new { text = "Chính sách nào giữ chân cán bộ trẻ ở vùng khó khăn?" })).GetProperty("commandId").GetString();
        var second = (await hai.SendAsync("AskQuestion", new { text = "Khi nào có chương trình đào tạo kỹ năng số cho công chức cấp xã?" })).GetProperty("commandId").GetString();
        await moderator.SendAsync("PublishQuestion", new { questionId = first });
        await moderator.SendAsync("PublishQuestion", new { questionId = second });
        await tuan.SendAsync("VoteQuestion", new { questionId = second });
        await lan.SendAsync("VoteQuestion", new { questionId = second });
        await hai.SendAsync("VoteQuestion", new { questionId = first });

        // Nobody has the floor: the published questions, most votes first.
        var top = display.GetByTestId("top-questions").Locator("li");
        await Expect(top).ToHaveCountAsync(2);
        await Expect(top.First).ToContainTextAsync("kỹ năng số cho công chức cấp xã");
        await Expect(top.First).ToContainTextAsync("Đà Nẵng");
        await Expect(top.First.GetByTestId("votes")).ToHaveTextAsync("2 bình chọn");
        await Expect(top.Nth(1).GetByTestId("votes")).ToHaveTextAsync("1 bình chọn");
        await Expect(display.Locator("#answering")).ToBeHiddenAsync();
        await Chromium.ScreenshotAsync(display, "display-questions");

        // The moderator puts one up as "now answering" while its speaker has the floor.
        await moderator.SendAsync("HighlightQuestion", new { questionId = first });
        await moderator.SendAsync("GiveFloor", new { requestId = "seed-opening-1" });
        var answering = display.Locator("#answering");
        await Expect(answering).ToBeVisibleAsync();
        await Expect(answering).ToContainTextAsync("Chính sách nào giữ chân cán bộ trẻ ở vùng khó khăn?");
        await Expect(answering).ToContainTextAsync("Nguyễn Thị Lan, TP. Hồ Chí Minh");
        await Expect(answering.GetByTestId("votes")).ToHaveTextAsync("1 bình chọn");
        await Expect(display.GetByTestId("speaker")).ToHaveTextAsync("Ngô Văn Cương");
        await tuan.SendAsync("VoteQuestion", new { questionId = first });
        await Expect(answering.GetByTestId("votes")).ToHaveTextAsync("2 bình chọn");
        await Chromium.ScreenshotAsync(display, "display-answering");

        await moderator.SendAsync("HighlightQuestion", new { questionId = (string?)null });
        await Expect(answering).ToBeHiddenAsync();
    }

    [Fact]
    public async Task TheProjector_TakesVotesAndAHighlightThatArriveTogetherInOneMessage_AndShowsBoth()
    {
        // Votes gather until the next event (no timer, no beacon): the tally and the highlight reach the page as one
        // Events message.
        await using var hub = new HubApp(new Dictionary<string, string?>
        {
            ["EventHub:TallyInterval"] = "01:00:00",
            ["EventHub:PositionInterval"] = "01:00:00",
        });
        await using var moderator = await StaffConnection.OpenAsync(hub.BaseAddress, new { role = "moderator", key = hub.Credentials.ModeratorKey });
        var display = await chromium.NewPageAsync(hub);
        await display.GotoAsync("/display");
        await display.GetByLabel("Mã khóa màn hình").FillAsync(hub.Credentials.DisplayKey);
        await display.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(display.Locator("#display-view")).ToBeVisibleAsync();
        await moderator.SendAsync("OpenQandA", new { });
        async Task<StaffConnection> DelegateAsync(string site, string name) => await StaffConnection.OpenAsync(hub.BaseAddress,
            new { role = "delegate", site, key = hub.Credentials.Sites[site].JoinCode, name });
        await using var lan = await DelegateAsync("HCM", "Nguyễn Thị Lan");
        await using var hai = await DelegateAsync("DNG", "Lê Văn Hải");
        var question = (await lan.SendAsync("AskQuestion", new { text = "Chính sách nào giữ chân cán bộ trẻ ở vùng khó khăn?" })).GetProperty("commandId").GetString();
        await moderator.SendAsync("PublishQuestion", new { questionId = question });
        await Expect(display.GetByTestId("top-questions").Locator("li")).ToHaveCountAsync(1);

        await moderator.SendAsync("GiveFloor", new { requestId = "seed-opening-1" });
        await Expect(display.GetByTestId("speaker")).ToHaveTextAsync("Ngô Văn Cương");
        // Nothing comes after these two (no beacon either): a page that dropped the message would never show them.
        await hai.SendAsync("VoteQuestion", new { questionId = question });
        await lan.SendAsync("VoteQuestion", new { questionId = question });
        await moderator.SendAsync("HighlightQuestion", new { questionId = question });

        var answering = display.Locator("#answering");
        await Expect(answering).ToBeVisibleAsync();
        await Expect(answering).ToContainTextAsync("Chính sách nào giữ chân cán bộ trẻ ở vùng khó khăn?");
        await Expect(answering.GetByTestId("votes")).ToHaveTextAsync("2 bình chọn");
    }

    [Fact]
    public async Task TheProjectorKeptOpenThroughTheHubsKill9_SaysReconnecting_FreezesAndGreysTheCountdown_ThenIsLiveAgainWithNoEventMissed()
    {
        await using var hub = await RestartableHub.StartAsync("browser-display-kill", new Dictionary<string, string> { ["EventHub__PositionInterval"] = "00:00:00.500" });
        var moderatorKey = hub.Credentials.GetProperty("moderatorKey").GetString()!;
        var displayKey = hub.Credentials.GetProperty("displayKey").GetString()!;
        var display = await DisplayAsync(hub.BaseAddress, displayKey);
        await using (var moderator = await StaffConnection.OpenAsync(hub.BaseAddress, new { role = "moderator", key = moderatorKey }))
            await moderator.SendAsync("GiveFloor", new { requestId = "seed-opening-1", limitSeconds = 600 });
        await Expect(display.GetByTestId("countdown")).ToHaveTextAsync(new Regex(@"^9:\d\d$"));
        await Expect(display.Locator(".speech")).ToHaveClassAsync(new Regex(@"\bphase-running\b"));

        hub.KillHard();
        await Expect(display.Locator("#link-mark")).ToHaveTextAsync("Mất kết nối — đang kết nối lại");
        await Expect(display.Locator(".speech")).ToHaveClassAsync(new Regex(@"\bstale\b"));
        await Expect(display.GetByTestId("phase")).ToHaveTextAsync("Đồng hồ tạm dừng cập nhật cho đến khi kết nối lại");
        var frozen = await display.GetByTestId("countdown").TextContentAsync();
        await Task.Delay(2_200); // a live countdown would have moved on by two seconds
        await Expect(display.GetByTestId("countdown")).ToHaveTextAsync(frozen!);
        await Chromium.ScreenshotAsync(display, "display-reconnecting");

        // Back on the same log; the moderator writes while the display is still knocking.
        await hub.StartAgainAsync();
        await using var again = await StaffConnection.OpenAsync(hub.BaseAddress, new { role = "moderator", key = moderatorKey });
        await again.SendAsync("AddSpeaker", new { site = "DNG", speaker = "Lê Văn Hải", topic = "Thanh niên khởi nghiệp", position = 1 });

        await Expect(display.Locator("#link-mark")).ToBeEmptyAsync();
        await Expect(display.Locator(".speech")).ToHaveClassAsync(new Regex(@"\bphase-running\b"));
        await Expect(display.GetByTestId("phase")).ToHaveTextAsync("Còn thời gian");
        await Expect(display.Locator("#next li").First).ToContainTextAsync("Lê Văn Hải");
        var ticking = await display.GetByTestId("countdown").TextContentAsync();
        await Expect(display.GetByTestId("countdown")).Not.ToHaveTextAsync(ticking!);
        var position = await display.EvaluateAsync<JsonElement>("() => window.eventhubPosition()");
        var log = await again.WholeLogAsync();
        Assert.Equal(log.GetProperty("head").GetInt64(), position.GetProperty("lastSeq").GetInt64());
        Assert.Equal(0, position.GetProperty("snapshots").GetInt32()); // the missed events themselves, no gap papered over
    }

    /// <summary>Opens the projector from a link carrying the display key (what the organisers bookmark on each projector).</summary>
    async Task<IPage> DisplayAsync(Uri hub, string displayKey, string? site = null)
    {
        var page = await chromium.NewPageAsync(hub);
        await page.GotoAsync($"/display?key={Uri.EscapeDataString(displayKey)}{(site is null ? "" : $"&site={site}")}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Xây dựng đội ngũ cán bộ, công chức, viên chức trẻ vì một Việt Nam hùng cường");
        await Expect(page.Locator("#link-mark")).ToBeEmptyAsync();
        return page;
    }
}
