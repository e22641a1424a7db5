using System.Text.Json;
using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Cli;

/// <summary>Reports through <c>export</c>, and the dashboard drawing the site's state without a terminal.</summary>
public sealed class ExportAndDashboardTests : IAsyncLifetime
{
    readonly HubApp _app = new();
    readonly CliRunner _host = new();
    readonly CliRunner _moderator = new();

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await _host.RunAsync("login", "--hub", _app.BaseAddress.ToString(), "--site", "HCM", "--key", _app.Credentials.Sites["HCM"].HostKey)).Exit);
        Assert.Equal(0, (await _moderator.RunAsync("login", "--hub", _app.BaseAddress.ToString(), "--role", "moderator", "--key", _app.Credentials.ModeratorKey)).Exit);
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        _moderator.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ModeratorExportsSpeakers_ToTheScreenAndToAFileWithTheBom()
    {
        var screen = await _moderator.RunAsync("export", "speakers");
        var file = Path.Combine(Path.GetDirectoryName(_moderator.ConfigPath)!, "speakers.csv");
        var saved = await _moderator.RunAsync("export", "sites", "--output", file);

        Assert.True(screen.Exit == ExitCodes.Done, screen.ToString());
        Assert.StartsWith("Người phát biểu,Mã điểm cầu,Điểm cầu", screen.Out);
        Assert.True(saved.Exit == ExitCodes.Done, saved.ToString());
        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(file)[..3]);
    }

    [Fact]
    public async Task JsonExports_OfSpeakersAndOfSites_AreEachTheirOwnTable()
    {
        await RunASpeechAsync();

        var speakers = await _moderator.RunAsync("export", "speakers", "--format", "json");
        var sites = await _moderator.RunAsync("export", "sites", "--format", "json");
        var english = await _moderator.RunAsync("export", "sites", "--lang", "en");

        Assert.True(speakers.Exit == ExitCodes.Done, speakers.ToString());
        Assert.NotEqual(speakers.Out, sites.Out);
        var bySpeaker = JsonDocument.Parse(speakers.Out).RootElement.GetProperty("speakers");
        Assert.Equal("Ngô Văn Cương", bySpeaker[0].GetProperty("speaker").GetString());
        var bySite = JsonDocument.Parse(sites.Out).RootElement;
        Assert.False(bySite.TryGetProperty("speakers", out _));
        Assert.Equal(1, bySite.GetProperty("sites")[0].GetProperty("speeches").GetInt32());
        Assert.StartsWith("site,siteName,speeches", english.Out);
    }

    /// <summary>The seeded opening speaker speaks and ends, so the reports have a row.</summary>
    async Task RunASpeechAsync()
    {
        Assert.Equal(0, (await _moderator.RunAsync("moderator", "next")).Exit);
        Assert.Equal(0, (await _moderator.RunAsync("moderator", "end")).Exit);
    }

    [Fact]
    public async Task HostExport_IsRefused_AndAnUnknownReportIsAUsageError()
    {
        var host = await _host.RunAsync("export", "speakers", "--format", "json");
        var unknown = await _moderator.RunAsync("export", "everything");

        Assert.True(host.Exit == ExitCodes.Refused, host.ToString());
        Assert.Contains("auth.forbidden", host.Error);
        Assert.Equal(ExitCodes.Usage, unknown.Exit);
    }

    [Fact]
    public async Task Dashboard_In80x24_ShowsTheWholeYouAreNextBanner_TheProvinceName_AndTheSiteSpeaking()
    {
        var item = HostAndModeratorCli.IdIn((await _moderator.RunAsync("moderator", "agenda", "add", "--title", "Thảo luận tổ")).Out);
        Assert.Equal(0, (await _moderator.RunAsync("moderator", "agenda", "set", item)).Exit);
        Assert.Equal(0, (await _moderator.RunAsync("moderator", "add-speaker", "--site", "HCM", "--speaker", "Phạm Thị Hoa")).Exit);
        for (var i = 1; i <= 12; i++) // a long list: more than the terminal has lines for
            Assert.Equal(0, (await _moderator.RunAsync("moderator", "add-speaker", "--speaker", $"Đại biểu {i}")).Exit);
        _host.Width = 80;
        _host.Height = 24;
        using var stop = new CancellationTokenSource();
        var (exit, output, _) = _host.Start(["watch"], stop.Token);

        await output.WaitForLineAsync(l => l.Contains("BẠN LÀ NGƯỜI KẾ TIẾP — chuẩn bị camera và micro!"), Timeouts.Call);
        await output.WaitForLineAsync(l => l.Contains("điểm cầu TP. Hồ Chí Minh (HCM)"), Timeouts.Call);
        await output.WaitForLineAsync(l => l.Contains("… và 1") || l.Contains("yêu cầu nữa"), Timeouts.Call);
        Assert.Equal(0, (await _moderator.RunAsync("moderator", "next")).Exit);
        await output.WaitForLineAsync(l => l.Contains("Vị trí của điểm cầu") && l.Contains("ĐANG PHÁT BIỂU"), Timeouts.Call);
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Done, await exit.WaitAsync(Timeouts.Call));
        Assert.DoesNotContain(output.Lines, l => l.Contains("Phạm Thị Hoa") && l.Contains("không có trong danh sách"));
    }

    [Fact]
    public async Task ModeratorDashboard_IsForAllSites_AndShowsEachRequestsId()
    {
        var added = await _moderator.RunAsync("moderator", "add-speaker", "--site", "DNG", "--speaker", "Võ Thị Lan");
        var request = HostAndModeratorCli.IdIn(added.Out);
        using var stop = new CancellationTokenSource();
        var (exit, output, _) = _moderator.Start(["watch"], stop.Token);

        await output.WaitForLineAsync(l => l.Contains("EventHub · tất cả điểm cầu"), Timeouts.Call);
        await output.WaitForLineAsync(l => l.Contains("Đà Nẵng") && l.Contains("Võ Thị Lan") && l.Contains(request), Timeouts.Call);
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Done, await exit.WaitAsync(Timeouts.Call));
    }

    [Fact]
    public async Task Dashboard_ShowsTheSiteCheckedIn_AndEndsCleanlyOnCtrlC()
    {
        Assert.Equal(0, (await _host.RunAsync("checkin", "--lead", "Nguyễn Thị Mai", "--headcount", "42")).Exit);
        using var stop = new CancellationTokenSource();
        var (exit, output, _) = _host.Start(["watch", "--lang", "en"], stop.Token);

        await output.WaitForLineAsync(l => l.Contains("present since") && l.Contains("Nguyễn Thị Mai"), Timeouts.Call);
        await output.WaitForLineAsync(l => l.Contains("connected"), Timeouts.Call);
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Done, await exit.WaitAsync(Timeouts.Call));
    }
}
