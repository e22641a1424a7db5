using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Cli;

/// <summary>Roll call and the attendance report from a terminal.</summary>
public sealed class AttendanceCliTests : IAsyncLifetime
{
    readonly HubApp _app = new();
    readonly CliRunner _host = new();
    readonly CliRunner _moderator = new();

    public async Task InitializeAsync()
    {
        await Ok(_host, "login", "--hub", _app.BaseAddress.ToString(), "--site", "HCM", "--key", _app.Credentials.Sites["HCM"].HostKey);
        await Ok(_moderator, "login", "--hub", _app.BaseAddress.ToString(), "--role", "moderator", "--key", _app.Credentials.ModeratorKey);
        await Ok(_host, "checkin", "--lead", "Nguyễn Thị Mai", "--headcount", "42");
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        _moderator.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ModeratorStartsARollCall_TheHostConfirms_ThenItIsClosed()
    {
        await Ok(_moderator, "moderator", "roll-call", "start", "--deadline", "60", "--id", "roll-0900");
        await Ok(_host, "roll-call", "confirm");
        await Ok(_moderator, "moderator", "roll-call", "close");

        var rollCall = _app.Engine.View.State.Attendance.FindRollCall("roll-0900")!;
        Assert.True(rollCall.Confirmed.ContainsKey("HCM"));
        Assert.NotNull(rollCall.ClosedAt);

        // A site that answers after the close is told so.
        using var other = new CliRunner();
        await Ok(other, "login", "--hub", _app.BaseAddress.ToString(), "--site", "DNG", "--key", _app.Credentials.Sites["DNG"].HostKey);
        await Ok(other, "checkin", "--lead", "Trần Văn Bình", "--headcount", "30");
        var late = await other.RunAsync("roll-call", "confirm", "--id", "roll-0900");
        Assert.True(late.Exit == ExitCodes.Refused, late.ToString());
        Assert.Contains("rollcall.closed", late.Error);
    }

    [Fact]
    public async Task ModeratorExportsAttendance_WithTheCheckedInSite()
    {
        var csv = await Ok(_moderator, "export", "attendance");
        var json = await Ok(_moderator, "export", "attendance", "--format", "json");

        Assert.Contains("HCM", csv.Out);
        Assert.Contains("Nguyễn Thị Mai", csv.Out);
        Assert.StartsWith("{", json.Out.TrimStart());
    }

    static async Task<CliRun> Ok(CliRunner cli, params string[] args)
    {
        var run = await cli.RunAsync(args);
        Assert.True(run.Exit == ExitCodes.Done, run.ToString());
        return run;
    }
}
