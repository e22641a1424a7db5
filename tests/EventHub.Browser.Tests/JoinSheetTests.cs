using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using Deque.AxeCore.Playwright;
using EventHub.Browser.Tests.Infrastructure;
using EventHub.Tests.Infrastructure;
using Microsoft.Playwright;
using ZXing;
using static Microsoft.Playwright.Assertions;

namespace EventHub.Browser.Tests;

/// <summary>The printable join sheets: a site's QR code read back as a phone's camera would, and the link it holds used to join.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class JoinSheetTests(Chromium chromium)
{
    [Fact]
    public async Task ASitesJoinSheet_FromTheConsole_HoldsAQrCodeThatDecodesToItsLink_AndThatLinkJoinsThroughTheTokenEndpoint()
    {
        await using var hub = new HubApp();
        var console = await chromium.ModeratorAsync(hub);
        await console.GetByLabel("Phiếu tham gia (mã QR) cho").SelectOptionAsync("HCM");
        var sheet = await console.RunAndWaitForPopupAsync(() =>
            console.GetByRole(AriaRole.Button, new() { Name = "In phiếu tham gia" }).ClickAsync());
        await sheet.WaitForURLAsync(new Regex("^blob:"));

        var joinCode = hub.Credentials.Sites["HCM"].JoinCode;
        await Expect(sheet.Locator(".sheet")).ToHaveCountAsync(1);
        await Expect(sheet.Locator(".site")).ToHaveTextAsync("Điểm cầu TP. Hồ Chí Minh");
        await Expect(sheet.Locator(".code strong")).ToHaveTextAsync(joinCode);
        var decoded = DecodeQr(await QrPixelsAsync(sheet), QrPixels);
        Assert.Equal(new Uri(hub.BaseAddress, $"/join?site=HCM&code={joinCode}").ToString(), decoded);
        Assert.Equal(decoded, await sheet.Locator(".link").TextContentAsync());
        Assert.DoesNotContain(hub.Credentials.Sites["HCM"].HostKey, await sheet.ContentAsync());

        // What a phone does with the link: the site and join code it carries, and a name, log a delegate in.
        var query = HttpUtility.ParseQueryString(new Uri(decoded).Query);
        var response = await hub.PostTokenRawAsync(new { role = "delegate", site = query["site"], key = query["code"], name = "Nguyễn Thị Lan" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var identity = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("identity");
        Assert.Equal("HCM", identity.GetProperty("site").GetString());
        Assert.Equal("delegate", identity.GetProperty("role").GetString());

        var serious = (await sheet.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await sheet.SetViewportSizeAsync(860, 1120);
        await Chromium.ScreenshotAsync(sheet, "join-sheet");
    }

    [Fact]
    public async Task TheSheetForAllSites_PrintsOneA4PagePerSite_EachWithItsOwnJoinCode_NoKeyOfAnyRole_AndOnlyForTheModerator()
    {
        await using var hub = new HubApp();
        using var http = hub.Http();
        var anonymous = await http.GetAsync("/api/join-sheet");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("auth.token_required", await anonymous.Content.ReadAsStringAsync());
        var asDisplay = await GetAsync(http, (await hub.LoginDisplayAsync()).Token, "/api/join-sheet");
        Assert.Equal(HttpStatusCode.Forbidden, asDisplay.StatusCode);
        Assert.Contains("auth.forbidden", await asDisplay.Content.ReadAsStringAsync());

        var answer = await GetAsync(http, (await hub.LoginModeratorAsync()).Token, "/api/join-sheet");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("no-store", answer.Headers.CacheControl?.ToString());
        var html = await answer.Content.ReadAsStringAsync();
        var credentials = hub.Credentials;
        foreach (var (site, keys) in credentials.Sites)
        {
            Assert.Contains($"/join?site={site}&amp;code={keys.JoinCode}", html);
            Assert.DoesNotContain(keys.HostKey, html);
        }
        foreach (var key in new[] { credentials.ModeratorKey, credentials.DisplayKey, credentials.ReviewerKey! })
            Assert.DoesNotContain(key, html);

        var page = await chromium.NewPageAsync(hub);
        await page.SetContentAsync(html);
        await Expect(page.Locator(".sheet")).ToHaveCountAsync(62);
        var pdf = Encoding.Latin1.GetString(await page.PdfAsync(new() { PreferCSSPageSize = true }));
        Assert.Equal(62, Regex.Count(pdf, @"/Type\s*/Page(?![a-zA-Z])"));
        var box = Regex.Match(pdf, @"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]");
        Assert.True(box.Success, "no page size in the PDF");
        // A4 portrait: 210 × 297 mm = 595 × 842 points.
        Assert.InRange(double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 594, 596);
        Assert.InRange(double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 841, 843);
    }

    const int QrPixels = 400;

    /// <summary>The sheet's QR code as the browser draws it, in grey levels (one byte a pixel, base64).</summary>
    static async Task<byte[]> QrPixelsAsync(IPage sheet) => Convert.FromBase64String(await sheet.EvaluateAsync<string>("""
        async size => {
          const svg = new XMLSerializer().serializeToString(document.querySelector(".qr svg"));
          const image = new Image();
          image.src = "data:image/svg+xml;base64," + btoa(svg);
          await image.decode();
          const canvas = document.createElement("canvas");
          canvas.width = canvas.height = size;
          const g = canvas.getContext("2d");
          g.fillStyle = "#fff";
          g.fillRect(0, 0, size, size);
          g.drawImage(image, 0, 0, size, size);
          const rgba = g.getImageData(0, 0, size, size).data;
          let grey = "";
          for (let i = 0; i < rgba.length; i += 4) grey += String.fromCharCode(rgba[i]);
          return btoa(grey);
        }
        """, QrPixels));

    static string DecodeQr(byte[] grey, int size)
    {
        var reader = new BarcodeReaderGeneric { Options = { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        var result = reader.Decode(new RGBLuminanceSource(grey, size, size, RGBLuminanceSource.BitmapFormat.Gray8));
        Assert.NotNull(result);
        return result.Text;
    }

    static Task<HttpResponseMessage> GetAsync(HttpClient http, string token, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request).WaitAsync(Timeouts.Call);
    }
}
