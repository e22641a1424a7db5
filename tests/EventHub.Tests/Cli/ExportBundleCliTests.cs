using EventHub.SiteClient.Cli;
using EventHub.Tests.ForumReport;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Cli;

/// <summary><c>export --bundle</c> at the close of a recorded forum day: the moderator gets the zip, a host is refused.</summary>
public sealed class ExportBundleCliTests : IAsyncLifetime
{
    HubApp _app = null!;
    readonly CliRunner _moderator = new();
    readonly CliRunner _host = new();

    public async Task InitializeAsync()
    {
        var data = TempFolder.Create("forum-day");
        await ForumDay.RecordAsync(data);
        _app = new HubApp(dataDirectory: data);
        var hub = _app.BaseAddress.ToString();
        Assert.Equal(0, (await _moderator.RunAsync("login", "--hub", hub, "--role", "moderator", "--key", _app.Credentials.ModeratorKey)).Exit);
        Assert.Equal(0, (await _host.RunAsync("login", "--hub", hub, "--site", "HCM", "--key", _app.Credentials.Sites["HCM"].HostKey)).Exit);
    }

    public async Task DisposeAsync()
    {
        _moderator.Dispose();
        _host.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ModeratorExportsTheBundle_ToAZipWithTheWholeLog()
    {
        var file = Path.Combine(Path.GetDirectoryName(_moderator.ConfigPath)!, "bao-cao.zip");

        var run = await _moderator.RunAsync("export", "--bundle", "--output", file);

        Assert.True(run.Exit == ExitCodes.Done, run.ToString());
        Assert.Contains(Path.GetFullPath(file), run.Out);
        var files = RecordedForumDay.Unzip(File.ReadAllBytes(file)).ToDictionary(f => f.Name, f => f.Content);
        Assert.Contains("report.html", files.Keys);
        Assert.Contains("README.txt", files.Keys);
        var lines = System.Text.Encoding.UTF8.GetString(files["events.jsonl"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(_app.Engine.View.Head, lines.Length);
        Assert.Equal(14, LogCount.Of(string.Join('\n', lines)).Speeches);
    }

    [Fact]
    public async Task HostBundle_IsRefused_AndABundleWithAReportIsAUsageError()
    {
        var host = await _host.RunAsync("export", "--bundle", "--output", Path.Combine(Path.GetDirectoryName(_host.ConfigPath)!, "x.zip"));
        var both = await _moderator.RunAsync("export", "speakers", "--bundle");
        var neither = await _moderator.RunAsync("export");

        Assert.True(host.Exit == ExitCodes.Refused, host.ToString());
        Assert.Contains("auth.forbidden", host.Error);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_host.ConfigPath)!, "x.zip")));
        Assert.Equal(ExitCodes.Usage, both.Exit);
        Assert.Equal(ExitCodes.Usage, neither.Exit);
    }
}
