using System.Text.Json;
using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Cli;

/// <summary>The site host's verbs against a real hub: login, check-in, headcount, check-out, and their exit codes.</summary>
public sealed class CliCommandTests : IAsyncLifetime
{
    readonly HubApp _app = new();
    readonly CliRunner _cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _app.DisposeAsync();
    }

    Task<CliRun> LoginHostAsync(string site = "HCM") =>
        _cli.RunAsync("login", "--hub", _app.BaseAddress.ToString(), "--site", site, "--key", _app.Credentials.Sites[site].HostKey);

    [Fact]
    public async Task Login_AsSiteHost_RemembersHubAndToken_InAnOwnerOnlyFile()
    {
        var run = await LoginHostAsync();

        Assert.True(run.Exit == ExitCodes.Done, run.ToString());
        Assert.Contains("Đã đăng nhập: người phụ trách điểm cầu TP. Hồ Chí Minh (HCM).", run.Out);
        var saved = JsonDocument.Parse(File.ReadAllText(_cli.ConfigPath)).RootElement;
        Assert.Equal(_app.BaseAddress.ToString(), saved.GetProperty("hub").GetString());
        Assert.False(string.IsNullOrEmpty(saved.GetProperty("token").GetString()));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.ConfigPath));
    }

    [Fact]
    public async Task CheckIn_Headcount_CheckOut_ChangeTheSite_WithNoFlagsAfterLogin()
    {
        await LoginHostAsync();

        var checkIn = await _cli.RunAsync("checkin", "--lead", "Nguyễn Thị Mai", "--headcount", "42");
        Assert.True(checkIn.Exit == ExitCodes.Done, checkIn.ToString());
        Assert.Contains("Nguyễn Thị Mai", checkIn.Out);
        Assert.Equal(42, _app.Engine.View.State.Attendance.Site("HCM").Headcount);

        var headcount = await _cli.RunAsync("headcount", "57");
        Assert.True(headcount.Exit == ExitCodes.Done, headcount.ToString());
        Assert.Equal(57, _app.Engine.View.State.Attendance.Site("HCM").Headcount);

        var checkOut = await _cli.RunAsync("checkout");
        Assert.True(checkOut.Exit == ExitCodes.Done, checkOut.ToString());
        Assert.False(_app.Engine.View.State.Attendance.Site("HCM").CheckedIn);
    }

    [Fact]
    public async Task SameCommandIdTwice_IsAppliedOnce_AndTheRerunSaysSo()
    {
        await LoginHostAsync();
        var head = _app.Engine.View.Head;

        var first = await _cli.RunAsync("checkin", "--lead", "Lê Văn Tám", "--headcount", "9", "--command-id", "rerun-0001");
        var again = await _cli.RunAsync("checkin", "--lead", "Lê Văn Tám", "--headcount", "9", "--command-id", "rerun-0001");

        Assert.True(first.Exit == ExitCodes.Done, first.ToString());
        Assert.True(again.Exit == ExitCodes.Done, again.ToString());
        Assert.Contains("trước đó", again.Out);
        Assert.Equal(head + 1, _app.Engine.View.Head);
    }

    [Fact]
    public async Task RefusedCommand_ExitsOne_WithTheCodeAndTheMessageInTheChosenLanguage()
    {
        await LoginHostAsync();

        var vi = await _cli.RunAsync("headcount", "12");
        var en = await _cli.RunAsync("headcount", "12", "--lang", "en");

        Assert.True(vi.Exit == ExitCodes.Refused, vi.ToString());
        Assert.Contains("attendance.not_checked_in", vi.Error);
        Assert.Contains("Hub từ chối", vi.Error);
        Assert.Equal(ExitCodes.Refused, en.Exit);
        Assert.Contains("attendance.not_checked_in", en.Error);
        Assert.Contains("The hub refused", en.Error);
    }

    [Fact]
    public async Task WrongKey_LoginExitsOne_AndWritesNoConfig()
    {
        var run = await _cli.RunAsync("login", "--hub", _app.BaseAddress.ToString(), "--site", "HCM", "--key", "NOT-THE-KEY");

        Assert.True(run.Exit == ExitCodes.Refused, run.ToString());
        Assert.Contains("auth.bad_key", run.Error);
        Assert.False(File.Exists(_cli.ConfigPath));
    }

    [Fact]
    public async Task HostActingForAnotherSite_IsRefused_ButTheModeratorMayNameAnySite()
    {
        await LoginHostAsync();
        var host = await _cli.RunAsync("moderator", "checkin", "--site", "DNG", "--lead", "Trần Văn Bình", "--headcount", "30");
        Assert.True(host.Exit == ExitCodes.Refused, host.ToString());
        Assert.Contains("auth.", host.Error);

        var login = await _cli.RunAsync("login", "--role", "moderator", "--key", _app.Credentials.ModeratorKey);
        Assert.True(login.Exit == ExitCodes.Done, login.ToString());
        var moderator = await _cli.RunAsync("moderator", "checkin", "--site", "dng", "--lead", "Trần Văn Bình", "--headcount", "30");
        Assert.True(moderator.Exit == ExitCodes.Done, moderator.ToString());
        Assert.True(_app.Engine.View.State.Attendance.Site("DNG").CheckedIn);
    }

    [Fact]
    public async Task HostCheckIn_NamingItsOwnSite_ChecksItIn()
    {
        await LoginHostAsync();

        var run = await _cli.RunAsync("checkin", "--site", "hcm", "--lead", "Nguyễn Thị Mai", "--headcount", "42");

        Assert.True(run.Exit == ExitCodes.Done, run.ToString());
        Assert.Equal(42, _app.Engine.View.State.Attendance.Site("HCM").Headcount);
    }

    [Fact]
    public async Task HostCheckIn_NamingAnotherSite_IsRefusedBeforeSending_AndChangesNothing()
    {
        await LoginHostAsync();
        var head = _app.Engine.View.Head;

        var vi = await _cli.RunAsync("checkin", "--site", "DNG", "--lead", "Trần Văn Bình", "--headcount", "30");
        var en = await _cli.RunAsync("checkin", "--site", "DNG", "--lead", "Trần Văn Bình", "--headcount", "30", "--lang", "en");

        Assert.True(vi.Exit == ExitCodes.Refused, vi.ToString());
        Assert.Contains("Không gửi lệnh [auth.other_site]: Người phụ trách điểm cầu chỉ thao tác cho điểm cầu của mình (HCM)", vi.Error);
        Assert.Equal(ExitCodes.Refused, en.Exit);
        Assert.Contains("Not sent [auth.other_site]: A site host acts only for their own site (HCM)", en.Error);
        Assert.Equal(head, _app.Engine.View.Head);
        Assert.False(_app.Engine.View.State.Attendance.Site("DNG").CheckedIn);
    }

    [Fact]
    public async Task Moderator_WithoutSite_IsRefused_UnderEitherVerb_AndChangesNothing()
    {
        var login = await _cli.RunAsync("login", "--hub", _app.BaseAddress.ToString(), "--role", "moderator", "--key", _app.Credentials.ModeratorKey);
        Assert.True(login.Exit == ExitCodes.Done, login.ToString());
        var head = _app.Engine.View.Head;

        var branch = await _cli.RunAsync("moderator", "checkin", "--lead", "Trần Văn Bình", "--headcount", "30");
        var hostVerb = await _cli.RunAsync("checkin", "--lead", "Trần Văn Bình", "--headcount", "30");

        Assert.True(branch.Exit == ExitCodes.Usage, branch.ToString());
        Assert.Contains("Cần --site (mã điểm cầu)", branch.Error);
        Assert.True(hostVerb.Exit == ExitCodes.Refused, hostVerb.ToString());
        Assert.Contains("Không gửi lệnh [input.required]: Cần --site (mã điểm cầu)", hostVerb.Error);
        Assert.Equal(head, _app.Engine.View.Head);
    }
}
