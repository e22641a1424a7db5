using System.Net.Http.Json;
using System.Text.Json;
using EventHub.Browser.Tests.Infrastructure;
using EventHub.Domain.Protocol;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests;

[Collection(ChromiumCollection.Name)]
public sealed class HubKilledTests(Chromium chromium)
{
    [Fact]
    public async Task ASiteHostsPageKeptOpen_ThroughTheHubsKill9AndRestart_SaysSo_SendsTheCommandPressedMeanwhileOnce_AndMissesNoEvent()
    {
        await using var hub = await RestartableHub.StartAsync("browser-kill", new Dictionary<string, string> { ["EventHub__PositionInterval"] = "00:00:00.500" });
        var moderatorKey = hub.Credentials.GetProperty("moderatorKey").GetString()!;
        var hostKey = hub.Credentials.GetProperty("sites").GetProperty("HCM").GetProperty("hostKey").GetString()!;
        var site = await chromium.SiteHostAsync(hub.BaseAddress, "HCM", hostKey);
        await site.GetByLabel("Người phụ trách tại điểm cầu").FillAsync("Trần Văn Bình");
        await site.GetByLabel("Số người có mặt").First.FillAsync("40");
        await site.GetByRole(AriaRole.Button, new() { Name = "Xác nhận có mặt" }).ClickAsync();
        await Expect(site.GetByText("Đã điểm danh: 40 người", new() { Exact = false })).ToBeVisibleAsync();

        hub.KillHard();
        await Expect(site.GetByRole(AriaRole.Status)).ToContainTextAsync("Mất kết nối với máy chủ");
        // A button pressed meanwhile waits, says so, and goes out with its id once the hub is back.
        await site.Locator("#headcount-form").GetByLabel("Số người có mặt").FillAsync("50");
        await site.GetByRole(AriaRole.Button, new() { Name = "Cập nhật số người" }).ClickAsync();
        await Expect(site.GetByRole(AriaRole.Status)).ToContainTextAsync("1 lệnh đang chờ máy chủ trả lời");

        // The node comes back on the same log; events are written while the page is still knocking.
        await hub.StartAgainAsync();
        await using var moderator = await ModeratorConnectionAsync(hub.BaseAddress, moderatorKey);
        await SendAsync(moderator, "AddAgendaItem", new { commandId = "kill-test-item", title = "Phiên bổ sung", defaultSpeakingSeconds = 300 });

        await Expect(site.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã kết nối lại — không bỏ lỡ sự kiện nào.");
        await Expect(site.GetByText("Đã điểm danh: 50 người", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(site.Locator("#agenda")).ToContainTextAsync("Phiên bổ sung");
        var position = await site.EvaluateAsync<JsonElement>("() => window.eventhubPosition()");
        var log = await moderator.InvokeAsync<JsonElement>(HubMethods.Resume, new { epoch = (string?)null, afterSeq = 0 });
        Assert.Equal(log.GetProperty("head").GetInt64(), position.GetProperty("lastSeq").GetInt64());
        Assert.Single(log.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "site.headcount");
        Assert.Equal(0, position.GetProperty("snapshots").GetInt32()); // the same log: the missed events themselves, no snapshot
    }

    static async Task<HubConnection> ModeratorConnectionAsync(Uri hub, string key)
    {
        using var http = new HttpClient { BaseAddress = hub };
        var response = await http.PostAsJsonAsync("/api/token", new { role = "moderator", key });
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var connection = new HubConnectionBuilder().WithUrl(new Uri(hub, "/hubs/forum"), o => o.AccessTokenProvider = () => Task.FromResult(token)).Build();
        await connection.StartAsync().WaitAsync(Timeouts.Call);
        return connection;
    }

    static async Task SendAsync(HubConnection connection, string method, object request)
    {
        var result = await connection.InvokeAsync<JsonElement>(method, request).WaitAsync(Timeouts.Call);
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
    }
}
