using EventHub.SiteClient.Cli;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Cli;

/// <summary>Roll call and the attendance report from a terminal.</summary>
public sealed class AttendanceCliTests : HostAndModeratorCli
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ok(Host, "checkin", "--lead", "Nguyễn Thị Mai", "--headcount", "42");
    }

    [Fact]
    public async Task ModeratorStartsARollCall_TheHostConfirms_ThenItIsClosed()
    {
        await Ok(Moderator, "moderator", "roll-call", "start", "--deadline", "60", "--id", "roll-0900");
        await Ok(Host, "roll-call", "confirm");
        await Ok(Moderator, "moderator", "roll-call", "close");

        var rollCall = App.Engine.View.State.Attendance.FindRollCall("roll-0900")!;
        Assert.True(rollCall.Confirmed.ContainsKey("HCM"));
        Assert.NotNull(rollCall.ClosedAt);

        // A site that answers after the close is told so.
        using var other = new CliRunner();
        await Ok(other, "login", "--hub", App.BaseAddress.ToString(), "--site", "DNG", "--key", App.Credentials.Sites["DNG"].HostKey);
        await Ok(other, "checkin", "--lead", "Trần Văn Bình", "--headcount", "30");
        var late = await other.RunAsync("roll-call", "confirm", "--id", "roll-0900");
        Assert.True(late.Exit == ExitCodes.Refused, late.ToString());
        Assert.Contains("rollcall.closed", late.Error);
    }

    [Fact]
    public async Task ModeratorExportsAttendance_WithTheCheckedInSite()
    {
        var csv = await Ok(Moderator, "export", "attendance");
        var json = await Ok(Moderator, "export", "attendance", "--format", "json");

        Assert.Contains("HCM", csv.Out);
        Assert.Contains("Nguyễn Thị Mai", csv.Out);
        Assert.StartsWith("{", json.Out.TrimStart());
    }
}
