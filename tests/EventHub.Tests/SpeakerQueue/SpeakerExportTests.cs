using System.Net;
using System.Text;
using EventHub.Domain.Protocol;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.SpeakerQueue;

/// <summary>GET /api/export/speakers.{csv,json}: moderator only; the CSV opens in Excel with Vietnamese intact.</summary>
public sealed class SpeakerExportTests : HubAppTest
{
    [Fact]
    public async Task Export_WithoutTokenOrAsHost_IsRefused()
    {
        var host = await App.LoginHostAsync("HCM");
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.GetAsync("/api/export/speakers.csv", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await App.GetAsync("/api/export/speakers.json", host.Token)).StatusCode);
    }

    [Fact]
    public async Task CsvExport_HasABomAndVietnameseNames_AfterASpeech()
    {
        var login = await App.LoginModeratorAsync();
        await using var moderator = await App.ConnectAsync(login);
        Assert.True((await moderator.SendAsync(HubMethods.CallNext, new CallNextRequest(CommandId.New(), null, null))).Ok);
        Assert.True((await moderator.SendAsync(HubMethods.EndSpeech, new QueueEntryRequest(CommandId.New(), "seed-opening-1"))).Ok);

        var bytes = await (await App.GetAsync("/api/export/speakers.csv?lang=en", login.Token)).Content.ReadAsByteArrayAsync();
        var sites = await (await App.GetAsync("/api/export/speakers.csv?by=site&lang=en", login.Token)).Content.ReadAsStringAsync();
        var json = await (await App.GetAsync("/api/export/speakers.json", login.Token)).Content.ReadAsStringAsync();

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("speaker,site,siteName,speeches,spokenSeconds,waitedSeconds", lines[0]);
        Assert.StartsWith("Ngô Văn Cương,,Hội trường Hà Nội,1,", lines[1]);
        Assert.Contains("Hội trường Hà Nội,1,", sites);
        Assert.Contains("\"speaker\":\"Ngô Văn Cương\"", json);
    }
}
