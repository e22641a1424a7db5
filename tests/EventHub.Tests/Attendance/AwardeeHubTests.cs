using System.Text;
using EventHub.Domain.Attendance;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Attendance;

/// <summary>
/// Award recipients through the real hub: a name on seeds/awardees.csv counts however it is typed; anyone else's
/// claim waits, seen by the moderator and their own host only, until one of them confirms it.
/// </summary>
public sealed class AwardeeHubTests : IAsyncLifetime
{
    readonly string _seeds = TempFolder.Create("seeds");
    HubApp _app = null!;

    public Task InitializeAsync()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "seeds")))
            File.Copy(file, Path.Combine(_seeds, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(_seeds, "awardees.csv"), "site,name\nHCM,Nguyễn Thị Thúy Hằng\nDNG,Đặng Văn Lâm\n");
        _app = new HubApp(new() { ["EventHub:SeedsDirectory"] = _seeds });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        TempFolder.TryDelete(_seeds);
    }

    [Fact]
    public async Task AListedName_TypedAnotherWay_IsARecipient_WithoutClaimingIt()
    {
        await using var display = await _app.ConnectAsync(await _app.LoginDisplayAsync());

        var login = await _app.LoginDelegateAsync("HCM", "NGUYỄN THỊ THUÝ HẰNG".Normalize(NormalizationForm.FormD));
        await display.WaitForSeqAsync(_app.Engine.View.Head).WaitAsync(Timeouts.Call);

        Assert.True(_app.Engine.View.State.Attendance.Delegates[login.Identity.Id].Awardee);
        Assert.Equal(new DelegateTally(1, 1), display.Forum.State.Attendance.Tally("HCM"));
    }

    [Fact]
    public async Task AClaimNotOnTheList_IsNotCounted_UntilItsOwnHostConfirmsIt()
    {
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        await using var ownHost = await _app.ConnectAsync(await _app.LoginHostAsync("HCM"));
        await using var otherHost = await _app.ConnectAsync(await _app.LoginHostAsync("DNG"));
        await using var display = await _app.ConnectAsync(await _app.LoginDisplayAsync());
        var claimantLogin = await _app.LoginDelegateAsync("HCM", "Trần Văn Khoa", awardee: true);
        await using var claimant = await _app.ConnectAsync(claimantLogin);
        var id = claimantLogin.Identity.Id;
        await display.WaitForSeqAsync(_app.Engine.View.Head).WaitAsync(Timeouts.Call);
        await moderator.WaitForSeqAsync(_app.Engine.View.Head).WaitAsync(Timeouts.Call);

        Assert.Equal(new DelegateTally(1, 0), display.Forum.State.Attendance.Tally("HCM"));
        Assert.True(moderator.Forum.State.Attendance.Delegates[id].AwardeeClaimed);

        Assert.Equal("auth.other_site", (await otherHost.SendAsync(HubMethods.ConfirmAwardee, new DelegateRequest(CommandId.New(), id))).Error?.Code);
        Assert.Equal("auth.forbidden", (await claimant.SendAsync(HubMethods.ConfirmAwardee, new DelegateRequest(CommandId.New(), id))).Error?.Code);
        var confirmed = await ownHost.SendAsync(HubMethods.ConfirmAwardee, new DelegateRequest(CommandId.New(), id));
        Assert.True(confirmed.Ok);

        await display.WaitForSeqAsync(confirmed.LastSeq).WaitAsync(Timeouts.Call);
        await moderator.WaitForSeqAsync(confirmed.LastSeq).WaitAsync(Timeouts.Call);
        Assert.Equal(new DelegateTally(1, 1), display.Forum.State.Attendance.Tally("HCM"));
        Assert.Empty(display.Forum.State.Attendance.Delegates);
        Assert.True(moderator.Forum.State.Attendance.Delegates[id].Awardee);
        Assert.False(moderator.Forum.State.Attendance.Delegates[id].AwardeeClaimed);
    }
}
