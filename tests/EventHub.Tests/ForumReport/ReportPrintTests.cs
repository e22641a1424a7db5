using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.ForumReport;

/// <summary>
/// The report in Debian's Chromium (headless, from the command line: no browser download, no Playwright): it prints
/// to several A4 pages, and no table runs out of the A4 text column or has a cell whose text overflows.
/// </summary>
public sealed partial class ReportPrintTests(RecordedForumDay day) : IClassFixture<RecordedForumDay>, IDisposable
{
    const string Chromium = "/usr/bin/chromium";
    readonly string _folder = TempFolder.Create("report-print");

    [Theory]
    [InlineData("report.html")]
    [InlineData("report.en.html")]
    public async Task Report_PrintsToSeveralA4Pages(string file)
    {
        var html = Save(file, day.Files[file]);
        var pdf = Path.Combine(_folder, "report.pdf");

        await RunChromiumAsync($"--no-pdf-header-footer --print-to-pdf={pdf}", html);

        var bytes = Encoding.Latin1.GetString(File.ReadAllBytes(pdf));
        var pages = PdfPage().Count(bytes);
        Assert.True(pages > 1, $"{pages} page(s)");
        // Every page A4: 210 × 297 mm is 595 × 842 points.
        Assert.All(MediaBox().Matches(bytes), m =>
        {
            Assert.InRange(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 594, 596.5);
            Assert.InRange(double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 841, 843);
        });
    }

    /// <summary>
    /// Laid out at A4's width (the report's column is the printed one, 182 mm), a copy of the page with a measuring
    /// script added (the report itself has none) marks each table wider than the column and each cell whose
    /// content is wider than the cell; Chromium's DOM dump then says which.
    /// </summary>
    [Fact]
    public async Task EveryTable_FitsTheA4Column()
    {
        const string measure = """
            <script>
            const column = document.body.getBoundingClientRect().right + 0.5;
            const wide = [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right > column).map(t => t.id);
            const overflowing = [...document.querySelectorAll('th, td')].filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent);
            document.body.setAttribute('data-measured', JSON.stringify({ tables: document.querySelectorAll('table').length, wide, overflowing }));
            </script>
            """;
        var html = Save("measure.html", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(day.Files["report.html"]).Replace("</body>", measure + "</body>")));

        var dom = await RunChromiumAsync("--window-size=794,1123 --dump-dom", html);

        var measured = Regex.Match(dom, "data-measured=\"([^\"]*)\"").Groups[1].Value.Replace("&quot;", "\"");
        Assert.Matches("\"tables\":([1-9]\\d*)", measured);
        Assert.Contains("\"wide\":[]", measured);
        Assert.Contains("\"overflowing\":[]", measured);
    }

    string Save(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    async Task<string> RunChromiumAsync(string arguments, string html)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (test.sh does)");
        var start = new ProcessStartInfo(Chromium,
            $"--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync " +
            $"--no-first-run --user-data-dir={Path.Combine(_folder, "profile")} {arguments} file://{html}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var chromium = Process.Start(start)!;
        var output = chromium.StandardOutput.ReadToEndAsync();
        var errors = chromium.StandardError.ReadToEndAsync();
        try
        {
            await chromium.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            chromium.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(chromium.ExitCode == 0, $"chromium exited {chromium.ExitCode}: {await errors}");
        return await output;
    }

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PdfPage();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")]
    private static partial Regex MediaBox();

    public void Dispose() => TempFolder.TryDelete(_folder);
}
