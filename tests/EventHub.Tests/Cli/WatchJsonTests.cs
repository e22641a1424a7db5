using System.Text.Json;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Cli;

/// <summary><c>watch --json</c>: every event once, in order, through a moderator's action and a hub restart.</summary>
public sealed class WatchJsonTests
{
    [Fact]
    public async Task WatchJson_SeesTheModeratorCheckTheSiteIn()
    {
        await using var app = new HubApp();
        using var host = new CliRunner();
        using var moderator = new CliRunner();
        Assert.Equal(0, (await host.RunAsync("login", "--hub", app.BaseAddress.ToString(), "--site", "HCM", "--key", app.Credentials.Sites["HCM"].HostKey)).Exit);
        Assert.Equal(0, (await moderator.RunAsync("login", "--hub", app.BaseAddress.ToString(), "--role", "moderator", "--key", app.Credentials.ModeratorKey)).Exit);

        using var stop = new CancellationTokenSource();
        var (exit, output, _) = host.Start(["watch", "--json"], stop.Token);
        await output.WaitForLineAsync(l => l.Contains("\"state\":\"connected\""), Timeouts.Call);
        var checkIn = await moderator.RunAsync("moderator", "checkin", "--site", "HCM", "--lead", "Nguyễn Thị Mai", "--headcount", "42");
        Assert.True(checkIn.Exit == ExitCodes.Done, checkIn.ToString());

        var line = await output.WaitForLineAsync(l => l.Contains("site.checked_in"), Timeouts.Call);
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Done, await exit.WaitAsync(Timeouts.Call));

        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal("HCM", json.GetProperty("data").GetProperty("site").GetString());
        Assert.Equal("Nguyễn Thị Mai", json.GetProperty("data").GetProperty("lead").GetString());
        Assert.Equal(42, json.GetProperty("data").GetProperty("headcount").GetInt32());
        Assert.True(json.GetProperty("seq").GetInt64() > 0);
        Assert.True(json.GetProperty("at").GetInt64() > 0);
    }

    [Fact]
    public async Task WatchJson_HubRestartedMidway_ResumesWithNoGapAndNoRepeat()
    {
        await using var hub = await RestartableHub.StartAsync("cli-restart");
        using var display = new CliRunner();
        using var stop = new CancellationTokenSource();
        try
        {
            var login = await display.RunAsync("login", "--hub", hub.BaseAddress.ToString(), "--role", "display",
                "--key", hub.Credentials.GetProperty("displayKey").GetString()!);
            Assert.True(login.Exit == ExitCodes.Done, login.ToString());
            var moderatorKey = hub.Credentials.GetProperty("moderatorKey").GetString()!;

            var (exit, output, _) = display.Start(["watch", "--json"], stop.Token);
            await output.WaitForLineAsync(l => l.Contains("\"state\":\"connected\""), Timeouts.Call);
            await CheckInAsync(hub.Process, moderatorKey, ["HCM", "DNG", "HPG"]);
            await output.WaitForLineAsync(l => l.Contains("\"site\":\"HPG\""), Timeouts.Call);

            hub.KillHard(); // the watcher sees the connection drop
            await output.WaitForLineAsync(l => l.Contains("\"state\":\"reconnecting\""), Timeouts.Call);
            await hub.StartAgainAsync();
            var last = await CheckInAsync(hub.Process, moderatorKey, ["CTO", "HUE", "QNH"]);
            await output.WaitForLineAsync(l => l.Contains($"\"seq\":{last},"), Timeouts.Heal);
            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Done, await exit.WaitAsync(Timeouts.Call));

            var lines = output.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var seqs = lines.Where(l => l.TryGetProperty("seq", out _)).Select(l => l.GetProperty("seq").GetInt64()).ToList();
            Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), seqs); // 1..last: no gap, no repeat
            Assert.Contains(lines, l => l.TryGetProperty("state", out var s) && s.GetString() == "resumed");
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    static async Task<long> CheckInAsync(HubProcess hub, string moderatorKey, string[] sites)
    {
        using var http = new HttpClient();
        var login = await HubLogin.LoginAsync(http, hub.BaseAddress, new LoginRequest("moderator", moderatorKey)).WaitAsync(Timeouts.Call);
        await using var moderator = new ForumClient(new ForumClientOptions
        {
            HubUrl = hub.HubUrl,
            AccessToken = () => Task.FromResult<string?>(login.Token),
        });
        await moderator.StartAsync().WaitAsync(Timeouts.Call);
        long last = 0;
        foreach (var site in sites)
        {
            var result = await moderator.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), site, "Trưởng đoàn", 10)).WaitAsync(Timeouts.Call);
            Assert.True(result.Ok);
            last = result.LastSeq;
        }
        return last;
    }
}
