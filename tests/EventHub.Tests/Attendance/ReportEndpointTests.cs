using System.Net;
using System.Text;
using System.Text.Json;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Attendance;

/// <summary>GET /api/reports/attendance.csv and .json: moderator only, the whole log, Vietnamese intact.</summary>
public sealed class ReportEndpointTests : HubAppTest
{
    async Task SeedAsync()
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HCM"));
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 40))).Ok);
        Assert.True((await host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), null, 55))).Ok);
        Assert.True((await host.SendAsync(HubMethods.CheckOut, new SiteRequest(CommandId.New(), null))).Ok);
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Trần Văn Nam", 12))).Ok);
        await App.LoginDelegateAsync("HCM", "=HYPERLINK(\"x\")", awardee: true);
        var sau = await App.LoginDelegateAsync("HCM", "Võ Thị Sáu", awardee: true);
        Assert.True((await host.SendAsync(HubMethods.ConfirmAwardee, new DelegateRequest(CommandId.New(), sau.Identity.Id))).Ok);
    }

    [Fact]
    public async Task Csv_IsUtf8WithBom_WithEveryFactAndVietnameseIntact()
    {
        await SeedAsync();
        var moderator = await App.LoginModeratorAsync();

        using var response = await App.GetAsync("/api/reports/attendance.csv?lang=en", moderator.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("Site,SiteName,Record,From,To,Name,Agency,Awardee,Headcount,Note", lines[0]);
        var hcm = lines.Where(l => l.StartsWith("HCM,", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, hcm.Count(l => l.Contains(",checkin,")));
        Assert.Equal(3, hcm.Count(l => l.Contains(",headcount,")));
        Assert.Contains(hcm, l => l.Contains("TP. Hồ Chí Minh") && l.Contains("Nguyễn Thị Mai"));
        Assert.Contains(hcm, l => l.Contains("Võ Thị Sáu") && l.Contains(",yes,"));
        // A name that looks like a formula stays text for Excel.
        Assert.DoesNotContain(hcm, l => l.Contains(",=HYPERLINK") || l.Contains(",\"=HYPERLINK"));
        Assert.Contains(lines, l => l.StartsWith("HUE,", StringComparison.Ordinal) && l.Contains(",absent,"));
    }

    [Fact]
    public async Task Csv_ByDefault_HasVietnameseHeadersAndWords_AndTimesWithTheirZone()
    {
        await SeedAsync();
        var moderator = await App.LoginModeratorAsync();

        using var response = await App.GetAsync("/api/reports/attendance.csv", moderator.Token);

        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("Mã điểm cầu,Điểm cầu,Loại,Từ,Đến,Họ tên,Cơ quan,Khen thưởng,Số người,Ghi chú", lines[0]);
        var checkIn = lines.First(l => l.StartsWith("HCM,", StringComparison.Ordinal) && l.Contains(",điểm danh,"));
        Assert.Matches(@",\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+07:00,", checkIn);
        Assert.Contains(lines, l => l.StartsWith("HCM,", StringComparison.Ordinal) && l.Contains("Võ Thị Sáu") && l.Contains(",có,"));
        Assert.Contains(lines, l => l.StartsWith("HUE,", StringComparison.Ordinal) && l.Contains(",vắng mặt,"));
    }

    [Fact]
    public async Task Json_HasEverySiteWithSpellsHeadcountsAndDelegates()
    {
        await SeedAsync();
        var moderator = await App.LoginModeratorAsync();

        using var response = await App.GetAsync("/api/reports/attendance.json", moderator.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(App.Engine.View.Head, report.GetProperty("seq").GetInt64());
        var sites = report.GetProperty("sites").EnumerateArray().ToList();
        Assert.Equal(62, sites.Count);
        var hcm = sites.Single(s => s.GetProperty("site").GetString() == "HCM");
        Assert.Equal(2, hcm.GetProperty("spells").GetArrayLength());
        Assert.Equal(3, hcm.GetProperty("headcounts").GetArrayLength());
        Assert.Equal(2, hcm.GetProperty("delegates").GetArrayLength());
        Assert.Contains("Võ Thị Sáu", hcm.GetRawText());
    }

    [Theory]
    [InlineData("siteHost", HttpStatusCode.Forbidden)]
    [InlineData("delegate", HttpStatusCode.Forbidden)]
    [InlineData("display", HttpStatusCode.Forbidden)]
    [InlineData("none", HttpStatusCode.Unauthorized)]
    public async Task OnlyTheModeratorsToken_GetsTheReport(string role, HttpStatusCode expected)
    {
        var token = role switch
        {
            "siteHost" => (await App.LoginHostAsync("HCM")).Token,
            "delegate" => (await App.LoginDelegateAsync("HCM", "Ngô Gia Tự")).Token,
            "display" => (await App.LoginDisplayAsync()).Token,
            _ => null,
        };
        foreach (var path in new[] { "/api/reports/attendance.csv", "/api/reports/attendance.json" })
        {
            using var response = await App.GetAsync(path, token);
            Assert.Equal(expected, response.StatusCode);
        }
    }
}
