using System.Text.Json;
using Deque.AxeCore.Playwright;
using EventHub.Browser.Tests.Infrastructure;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests;

/// <summary>The delegate's phone page (/join): from the site's link to a vote, through what phones do.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class PhoneTests(Chromium chromium)
{
    const string Topic = "Chuyển đổi số";

    static async Task<(ForumClient Moderator, ForumClient Reviewer)> StaffAsync(HubApp hub, bool review = true)
    {
        var moderator = await hub.ConnectAsync(await hub.LoginModeratorAsync());
        var reviewer = await hub.ConnectAsync(await hub.LoginReviewerAsync());
        await moderator.OkAsync(HubMethods.ConfigureQandA, new QandAOptionsRequest(CommandId.New(), review, AllowAnonymous: true,
            NamesToReviewers: false, [Topic, "Đào tạo cán bộ trẻ"], 10));
        await moderator.OkAsync(HubMethods.OpenQandA, new QandAItemRequest(CommandId.New(), null));
        return (moderator, reviewer);
    }

    /// <summary>Another delegate (through the .NET client) asks, and the reviewer publishes it.</summary>
    static async Task<string> PublishedQuestionAsync(HubApp hub, ForumClient reviewer, string site, string name, string text)
    {
        await using var other = await hub.ConnectAsync(await hub.LoginDelegateAsync(site, name));
        var id = CommandId.New();
        await other.OkAsync(HubMethods.AskQuestion, new AskRequest(id, null, "question", text, null, null, null, false));
        await reviewer.OkAsync(HubMethods.PublishQuestion, new QuestionRequest(CommandId.New(), id));
        return id;
    }

    static async Task AssertNoSeriousAccessibilityViolationAsync(IPage page, string name)
    {
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    static async Task AssertNoHorizontalScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"the page scrolls sideways at {Phone.Width} px: {await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px wide");

    [Fact]
    public async Task APhone_JoinsFromTheSitesLink_Asks_SeesItReviewedPublishedAndHighlighted_Votes_AndAReloadIsTheSameDelegate()
    {
        await using var hub = new HubApp();
        var (moderator, reviewer) = await StaffAsync(hub);
        await using var _m = moderator;
        await using var _r = reviewer;
        var others = await PublishedQuestionAsync(hub, reviewer, "DNG", "Lê Thị Hoa", "Chính sách nào giữ chân cán bộ trẻ ở vùng khó khăn?");

        var phone = await chromium.NewPhoneAsync(hub);
        await phone.GotoAsync(Phone.JoinLink(hub, "HCM"));
        await Expect(phone.GetByText("Điểm cầu: TP. Hồ Chí Minh (HCM)")).ToBeVisibleAsync();
        await Expect(phone.GetByLabel("Mã tham gia của điểm cầu")).ToBeHiddenAsync(); // the link carries it
        await AssertNoSeriousAccessibilityViolationAsync(phone, "join form");
        await AssertNoHorizontalScrollAsync(phone);
        await Chromium.ScreenshotAsync(phone, "phone-join");
        await phone.GetByLabel("Họ và tên").FillAsync("Nguyễn Thị Lan");
        await phone.GetByLabel("Cơ quan, đơn vị (không bắt buộc)").FillAsync("Sở Nội vụ");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Vào tọa đàm" }).ClickAsync();
        await Expect(phone.Locator("#me")).ToHaveTextAsync("Nguyễn Thị Lan · TP. Hồ Chí Minh (HCM)");
        Assert.DoesNotContain("code=", phone.Url); // the join code leaves the address bar
        await Phone.WaitLiveAsync(phone);
        await Expect(phone.Locator("#next")).ToContainTextAsync("Tiếp theo: Ngô Văn Cương — Hội trường Hà Nội");
        await Expect(phone.Locator("#item")).ToContainTextAsync("Phát biểu khai mạc");

        // Ask: under review first, then published by the reviewer, marked as the delegate's own.
        const string text = "Làm sao để cán bộ trẻ được đào tạo về chuyển đổi số?";
        await phone.GetByLabel("Chủ đề", new() { Exact = true }).SelectOptionAsync(Topic);
        await phone.GetByLabel("Nội dung").FillAsync(text);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi", Exact = true }).ClickAsync();
        var mine = phone.Locator("#mine li").Filter(new() { HasText = text });
        await Expect(mine).ToContainTextAsync("Đang chờ duyệt");
        await Expect(phone.Locator("#questions")).Not.ToContainTextAsync(text); // not public while under review
        var asked = await Phone.QuestionAsync(hub, text);
        Assert.Equal(Topic, asked.Topic);
        await reviewer.OkAsync(HubMethods.PublishQuestion, new QuestionRequest(CommandId.New(), asked.Id));
        await Expect(mine).ToContainTextAsync("Đã công bố");
        var myCard = phone.Locator("#questions li").Filter(new() { HasText = text });
        await Expect(myCard).ToContainTextAsync("Của bạn");

        // Vote on the other delegate's question, take it back, vote again: the hub counts one.
        var card = phone.Locator("#questions li").Filter(new() { HasText = "giữ chân cán bộ trẻ" });
        await card.GetByRole(AriaRole.Button, new() { Name = "Bình chọn", Exact = false }).ClickAsync();
        await Expect(card.GetByRole(AriaRole.Button)).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(card).ToContainTextAsync("1 bình chọn");
        await card.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(card).ToContainTextAsync("0 bình chọn");
        await Expect(card.GetByRole(AriaRole.Button)).ToHaveAttributeAsync("aria-pressed", "false");
        await card.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(card).ToContainTextAsync("1 bình chọn");
        Assert.Equal(1, hub.Engine.View.State.QandA.Questions[others].Votes);

        // The moderator puts the delegate's question on the projector: the phone shows it as being answered.
        await moderator.OkAsync(HubMethods.HighlightQuestion, new QuestionRequest(CommandId.New(), asked.Id));
        await Expect(phone.Locator("#answering")).ToContainTextAsync(text);

        // A second question dismissed under review: its author sees why.
        await phone.GetByLabel("Nội dung").FillAsync("Đề nghị tăng phụ cấp cho cán bộ trẻ");
        await phone.GetByRole(AriaRole.Radio, new() { Name = "Đề xuất" }).CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi", Exact = true }).ClickAsync();
        var proposal = await Phone.QuestionAsync(hub, "Đề nghị tăng phụ cấp cho cán bộ trẻ");
        Assert.Equal("proposal", proposal.Kind);
        await reviewer.OkAsync(HubMethods.DismissQuestion, new DismissQuestionRequest(CommandId.New(), proposal.Id, "Ngoài phạm vi tọa đàm"));
        var dismissed = phone.Locator("#mine li").Filter(new() { HasText = "phụ cấp" });
        await Expect(dismissed).ToContainTextAsync("Không được công bố");
        await Expect(dismissed).ToContainTextAsync("Lý do: Ngoài phạm vi tọa đàm");
        await AssertNoSeriousAccessibilityViolationAsync(phone, "forum");
        await AssertNoHorizontalScrollAsync(phone);
        await Chromium.ScreenshotAsync(phone, "phone-forum");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(Repo.Root, "docs", "screenshots", "phone-forum-full.png"), FullPage = true });

        // A reload is the same delegate: not asked again, one join in the log, own marks and vote kept.
        var delegates = hub.Engine.View.State.Attendance.Tally("HCM").Delegates;
        await phone.ReloadAsync();
        await Expect(phone.Locator("#me")).ToHaveTextAsync("Nguyễn Thị Lan · TP. Hồ Chí Minh (HCM)");
        await Expect(phone.GetByLabel("Họ và tên")).ToBeHiddenAsync();
        await Phone.WaitLiveAsync(phone);
        await Expect(myCard).ToContainTextAsync("Của bạn");
        await Expect(card.GetByRole(AriaRole.Button)).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(dismissed).ToContainTextAsync("Lý do: Ngoài phạm vi tọa đàm");
        Assert.Equal(delegates, hub.Engine.View.State.Attendance.Tally("HCM").Delegates);

        await phone.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "My questions" })).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Button)).ToHaveTextAsync("Voted");
        await AssertNoHorizontalScrollAsync(phone);
        await Chromium.ScreenshotAsync(phone, "phone-english");
    }

    [Fact]
    public async Task APhoneOffline_KeepsWhatWasTyped_QueuesItsVote_SendsItOnceWhenBack_AndATabThatSleptResumesWithNothingMissed()
    {
        await using var hub = new HubApp();
        var (moderator, reviewer) = await StaffAsync(hub);
        await using var _m = moderator;
        await using var _r = reviewer;
        var question = await PublishedQuestionAsync(hub, reviewer, "DNG", "Lê Thị Hoa", "Chính sách nào giữ chân cán bộ trẻ?");
        var phone = await chromium.NewPhoneAsync(hub);
        await phone.JoinAsync(hub, "HCM", "Trần Văn Bình");
        var card = phone.Locator("#questions li").Filter(new() { HasText = "giữ chân cán bộ trẻ" });
        await Expect(card).ToBeVisibleAsync();

        // Offline: the page says so, keeps the draft, and holds the vote with its id.
        await phone.Context.SetOfflineAsync(true);
        await Expect(phone.Locator("#offline")).ToContainTextAsync("Bạn đang ngoại tuyến");
        await phone.GetByLabel("Nội dung").FillAsync("Bản nháp gõ lúc mất mạng");
        await card.GetByRole(AriaRole.Button, new() { Name = "Bình chọn", Exact = false }).ClickAsync();
        await Expect(card.GetByRole(AriaRole.Button)).ToHaveTextAsync("Chờ gửi…");
        await Chromium.ScreenshotAsync(phone, "phone-offline");
        await Task.Delay(1000);
        Assert.Equal(0, hub.Engine.View.State.QandA.Questions[question].Votes);

        // Back online: a new connection, the vote goes out once and lands.
        await phone.Context.SetOfflineAsync(false);
        await Expect(phone.Locator("#offline")).ToBeHiddenAsync();
        await Expect(card.GetByRole(AriaRole.Button)).ToHaveTextAsync("Đã bình chọn");
        await Expect(card).ToContainTextAsync("1 bình chọn");
        var log = await moderator.InvokeAsync<ResumeResult>(HubMethods.Resume, new ResumeRequest(null, 0)).WaitAsync(Timeouts.Call);
        Assert.Single(log.Events, e => e.Type == "qa.voted");
        Assert.Equal(1, hub.Engine.View.State.QandA.Questions[question].Votes);

        // The tab sleeps (frozen, as a phone does with a hidden tab) while the forum moves on; shown again, it catches up.
        var cdp = await phone.Context.NewCDPSessionAsync(phone);
        await cdp.SendAsync("Page.setWebLifecycleState", new() { ["state"] = "frozen" });
        var later = await PublishedQuestionAsync(hub, reviewer, "HNM", "Phạm Minh Đức", "Câu hỏi gửi lúc điện thoại ngủ");
        await moderator.OkAsync(HubMethods.HighlightQuestion, new QuestionRequest(CommandId.New(), later));
        await cdp.SendAsync("Page.setWebLifecycleState", new() { ["state"] = "active" });
        await phone.EvaluateAsync("() => document.dispatchEvent(new Event('visibilitychange'))");
        await Expect(phone.Locator("#answering")).ToContainTextAsync("Câu hỏi gửi lúc điện thoại ngủ");
        await Eventually.That(async () => await Phone.LastSeqAsync(phone) == hub.Engine.View.Head);
        var position = await phone.EvaluateAsync<JsonElement>("() => window.eventhubPosition()");
        Assert.Equal(0, position.GetProperty("snapshots").GetInt32()); // the missed events themselves

        // A reload keeps the draft, and the delegate.
        await phone.ReloadAsync();
        await Expect(phone.GetByLabel("Nội dung")).ToHaveValueAsync("Bản nháp gõ lúc mất mạng");
        await Expect(card.GetByRole(AriaRole.Button)).ToHaveTextAsync("Đã bình chọn");
    }

    /// <summary>
    /// The budgets of issue 26, measured in Chromium with its own throttling: slow 3G as DevTools defines it (2 s
    /// round trip, 400 kbit/s each way) and a CPU four times slower. Writes the figures to docs/phone-budget.json.
    /// </summary>
    [Fact]
    public async Task ThePhonePage_OnSlow3GWithAFourTimesSlowerCpu_IsUsableWithinFiveSeconds_AndItsFirstLoadIsUnder150KB()
    {
        await using var hub = new HubApp();
        var phone = await chromium.NewPhoneAsync(hub);
        var cdp = await phone.Context.NewCDPSessionAsync(phone);
        var transferred = new Dictionary<string, (string Url, long Bytes)>();
        var urls = new Dictionary<string, string>();
        cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            if (e is { } r) lock (urls) urls[r.GetProperty("requestId").GetString()!] = r.GetProperty("response").GetProperty("url").GetString()!;
        };
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is not { } r) return;
            lock (urls)
            {
                var id = r.GetProperty("requestId").GetString()!;
                transferred[id] = (urls.GetValueOrDefault(id, "?"), (long)r.GetProperty("encodedDataLength").GetDouble());
            }
        };
        long webSocketBytes = 0; // frames' payloads (uncompressed): Resume's answer, the live events
        cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) =>
        {
            if (e is { } r) Interlocked.Add(ref webSocketBytes, r.GetProperty("response").GetProperty("payloadData").GetString()?.Length ?? 0);
        };
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new() { ["cacheDisabled"] = true });
        await cdp.SendAsync("Network.emulateNetworkConditions", new()
        {
            ["offline"] = false, ["latency"] = 2000, ["downloadThroughput"] = 50_000, ["uploadThroughput"] = 50_000,
        });
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new() { ["rate"] = 4 });

        // First visit, from the site's link: usable when the join form takes input.
        await phone.GotoAsync(Phone.JoinLink(hub, "HCM"));
        await Expect(phone.GetByLabel("Họ và tên")).ToBeEditableAsync();
        var firstUsable = await MarkAsync(phone, "usable");
        (string Url, long Bytes)[] firstLoad;
        lock (urls) firstLoad = [.. transferred.Values];
        var page = firstLoad.Where(x => x.Url.Contains("/join")).Sum(x => x.Bytes);

        await phone.GetByLabel("Họ và tên").FillAsync("Nguyễn Thị Lan");
        var joining = System.Diagnostics.Stopwatch.StartNew();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Vào tọa đàm" }).ClickAsync();
        await Expect(phone.GetByLabel("Nội dung")).ToBeEditableAsync(new() { Timeout = 30_000 });
        await phone.WaitForFunctionAsync("() => window.eventhubMarks.live !== undefined", null, new() { Timeout = 30_000 });
        var joinedLive = joining.ElapsedMilliseconds;
        long joinBytes;
        lock (urls) joinBytes = transferred.Values.Sum(x => x.Bytes);

        // A returning phone (same browser, nothing cached): usable when the forum and its ask form show.
        lock (urls) transferred.Clear();
        await phone.ReloadAsync();
        await Expect(phone.GetByLabel("Nội dung")).ToBeEditableAsync();
        var returningUsable = await MarkAsync(phone, "usable");
        await phone.WaitForFunctionAsync("() => window.eventhubMarks.live !== undefined", null, new() { Timeout = 30_000 });
        var returningLive = await MarkAsync(phone, "live");
        long returningBytes;
        lock (urls) returningBytes = transferred.Values.Sum(x => x.Bytes);
        await AssertNoHorizontalScrollAsync(phone);

        var figures = new
        {
            conditions = "Chromium 'slow 3G' (latency 2000 ms, 50,000 B/s down and up) + CPU ×4, 360×740, cache disabled",
            firstVisit = new
            {
                usableMs = firstUsable,
                pageBytes = page,
                allBytes = firstLoad.Sum(x => x.Bytes),
                requests = firstLoad.Select(x => new { url = new Uri(x.Url).PathAndQuery.Split('?')[0], bytes = x.Bytes }),
            },
            joinToLiveMs = joinedLive,
            bytesThroughJoin = joinBytes,
            returning = new { usableMs = returningUsable, liveMs = returningLive, bytes = returningBytes },
            webSocketPayloadChars = Interlocked.Read(ref webSocketBytes),
        };
        var json = JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        await File.WriteAllTextAsync(Path.Combine(Repo.Root, "docs", "phone-budget.json"), json + "\n");

        Assert.True(page <= 150 * 1024, json);
        Assert.True(firstUsable <= 5000, json);
        Assert.True(returningUsable <= 5000, json);
    }

    static async Task<long> MarkAsync(IPage page, string name) =>
        await page.EvaluateAsync<long>($"() => window.eventhubMarks.{name}");
}
