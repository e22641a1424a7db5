using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Attendance;

/// <summary>Check-in history through the real client (more bad input in Hub/BadInputTests).</summary>
public sealed class CheckInHubTests : HubAppTest
{
    [Fact]
    public async Task CheckingInAgainAfterCheckOut_EveryRoleSeesBothSpells()
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HUE"));
        await using var display = await App.ConnectAsync(await App.LoginDisplayAsync());
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lê Văn Bình", 10))).Ok);
        Assert.True((await host.SendAsync(HubMethods.CheckOut, new SiteRequest(CommandId.New(), null))).Ok);
        var again = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Hồ Thị Kỷ", 8));
        Assert.True(again.Ok, again.Error?.ToString());

        await display.WaitForSeqAsync(again.LastSeq).WaitAsync(Timeouts.Call);
        var spells = display.Forum.State.Attendance.Site("HUE").Spells;
        Assert.Equal(2, spells.Count);
        Assert.NotNull(spells[0].CheckedOutAt);
        Assert.Null(spells[1].CheckedOutAt);
        Assert.Equal("Hồ Thị Kỷ", spells[1].Lead);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(5_001)]
    public async Task HeadcountUpdate_NegativeZeroOrAbsurd_IsRefusedWithNoEvent(int headcount)
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HUE"));
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lê Văn Bình", 10))).Ok);
        var head = App.Engine.View.Head;

        var result = await host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), null, headcount));

        Assert.Equal("input.out_of_range", result.Error?.Code);
        Assert.Equal(head, App.Engine.View.Head);
    }

    [Fact]
    public async Task AHost_CannotCheckOutOrUpdateAnotherSite()
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HUE"));
        var head = App.Engine.View.Head;
        Assert.Equal("auth.other_site", (await host.SendAsync(HubMethods.CheckOut, new SiteRequest(CommandId.New(), "HCM"))).Error?.Code);
        Assert.Equal("auth.other_site", (await host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), "HCM", 5))).Error?.Code);
        Assert.Equal(head, App.Engine.View.Head);
    }
}
