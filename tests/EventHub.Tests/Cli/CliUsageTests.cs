using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Cli;

/// <summary>What the tool says before it reaches any hub: usage errors, help, language, an unreachable hub.</summary>
public sealed class CliUsageTests : IDisposable
{
    readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("headcount", "abc")]
    [InlineData("headcount")]
    [InlineData("checkin", "--headcount", "3")]
    [InlineData("checkin", "--lead", "Mai", "--headcount", "0")]
    [InlineData("login", "--role", "pilot", "--key", "K")]
    [InlineData("login", "--role", "delegate", "--site", "HCM", "--key", "K")]
    [InlineData("moderator", "checkin", "--lead", "Mai", "--headcount", "3")]
    [InlineData("checkout", "--command-id", "x")]
    [InlineData("checkout", "--hub", "ftp://nowhere")]
    [InlineData("frobnicate")]
    [InlineData("moderator")]
    [InlineData("moderator", "agenda")]
    public async Task BadArguments_ExitTwo_PointingToHelp(params string[] args)
    {
        var run = await _cli.RunAsync(args);

        Assert.True(run.Exit == ExitCodes.Usage, run.ToString());
        if (args[^1] is not ("moderator" or "agenda")) // a bare branch prints its own help instead
        {
            Assert.Contains("Lỗi cú pháp", run.Error);
            Assert.Contains("--help", run.Error);
        }
    }

    [Theory]
    [InlineData(new[] { "headcount", "abc" }, "'abc' không phải là một số", "'abc' is not a number")]
    [InlineData(new[] { "frobnicate" }, "không có lệnh 'frobnicate'", "unknown command 'frobnicate'")]
    [InlineData(new[] { "checkin", "--lead", "Mai", "--headcount" }, "tùy chọn 'headcount' cần một giá trị", "option 'headcount' needs a value")]
    [InlineData(new[] { "login", "--key", "K" }, "Cần --site (mã điểm cầu)", "--site is required (site code)")]
    [InlineData(new[] { "headcount" }, "lệnh 'headcount' thiếu tham số", "command 'headcount' needs its argument")]
    public async Task ParseErrors_AreSaidInTheRunsLanguage(string[] args, string vietnamese, string english)
    {
        var vi = await _cli.RunAsync(args);
        var en = await _cli.RunAsync([.. args, "--lang", "en"]);

        Assert.Contains($"Lỗi cú pháp: {vietnamese}", vi.Error);
        Assert.DoesNotContain("Failed to convert", vi.Error);
        Assert.DoesNotContain("Unknown", vi.Error);
        Assert.Contains($"Usage error: {english}", en.Error);
    }

    [Fact]
    public async Task Help_IsVietnameseByDefault_AndEnglishWithLangOrTheEnvironment()
    {
        var vi = await _cli.RunAsync("checkin", "--help");
        var en = await _cli.RunAsync("checkin", "--help", "--lang", "en");
        _cli.Variables["EVENTHUB_LANG"] = "en";
        var fromEnv = await _cli.RunAsync("checkin", "--help");

        Assert.Equal(ExitCodes.Done, vi.Exit);
        Assert.Contains("Họ tên trưởng đoàn", vi.Out);
        Assert.Contains("CÁCH DÙNG:", vi.Out);
        Assert.Contains("Hiện hướng dẫn này", vi.Out);
        Assert.Contains("USAGE:", en.Out);
        Assert.Contains("Name of the site's lead", en.Out);
        Assert.Contains("Name of the site's lead", fromEnv.Out);
    }

    [Fact]
    public async Task NotLoggedIn_IsAUsageError_InEitherLanguage()
    {
        var vi = await _cli.RunAsync("checkout");
        var en = await _cli.RunAsync("checkout", "--lang", "en");

        Assert.Equal(ExitCodes.Usage, vi.Exit);
        Assert.Contains("Chưa đăng nhập", vi.Error);
        Assert.Contains("Not logged in", en.Error);
    }

    [Fact]
    public async Task HubNotAnswering_GivesUpAfterTheTimeout_WithExitThree_AndTheSafeRerunHint()
    {
        var closed = $"http://127.0.0.1:{HubProcess.FreePort()}";
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.ConfigPath)!);
        File.WriteAllText(_cli.ConfigPath,
            $$"""{"hub":"{{closed}}","token":"t","expiresAt":0,"role":"siteHost","site":"HCM","name":"HCM"}""");

        var login = await _cli.RunAsync("login", "--site", "HCM", "--key", "K", "--timeout", "2");
        var run = await _cli.RunAsync("headcount", "12", "--timeout", "2", "--command-id", "retry-me-01");

        Assert.True(login.Exit == ExitCodes.Unreachable, login.ToString());
        Assert.True(run.Exit == ExitCodes.Unreachable, run.ToString());
        Assert.Contains("--command-id retry-me-01", run.Error);
    }

    [Fact]
    public void EveryText_HasBothLanguages_InNfc()
    {
        foreach (var (name, phrase) in Texts.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(phrase.Vi), name);
            Assert.False(string.IsNullOrWhiteSpace(phrase.En), name);
            Assert.True(phrase.Vi.IsNormalized(System.Text.NormalizationForm.FormC), name);
        }
    }
}
