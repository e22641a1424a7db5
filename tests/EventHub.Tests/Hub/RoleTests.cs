using EventHub.Domain.Attendance;
using EventHub.Domain.Protocol;
using EventHub.Presence;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Role = EventHub.Domain.Forum.Role;

namespace EventHub.Tests.Hub;

/// <summary>Each role through the real SignalR .NET client: what it may do, and what it sees.</summary>
public sealed class RoleTests : HubAppTest
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SiteHost_ChecksIn_AndEveryRoleSeesTheEventInOrder(bool json)
    {
        await using var moderator = await App.ConnectAsync(await App.LoginModeratorAsync(), json);
        await using var display = await App.ConnectAsync(await App.LoginDisplayAsync(), json);
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HCM"), json);

        var result = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 42));

        Assert.True(result.Ok, result.Error?.ToString());
        Assert.Equal(result.FirstSeq, result.LastSeq);
        foreach (var client in new[] { moderator, display, host })
        {
            await client.WaitForSeqAsync(result.LastSeq).WaitAsync(Timeouts.Call);
            var site = client.Forum.State.Attendance.Site("HCM");
            Assert.True(site.CheckedIn);
            Assert.Equal(42, site.Headcount);
            Assert.Equal("Nguyễn Thị Mai", site.Lead);
        }
    }

    [Fact]
    public async Task WhoAmI_ReturnsTheTokensIdentity()
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("DNG"));
        var me = await host.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call);
        Assert.Equal(new Identity("siteHost", "DNG", "Điểm cầu DNG", "host:DNG"), me with { Node = null });
        Assert.False(string.IsNullOrEmpty(me.Node));
    }

    [Fact]
    public async Task AConnectionKeepsTheForumsClaimsOnly_NotTheParsedTokenBehindThem()
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HUE"));

        var user = App.Services.GetRequiredService<LocalConnections>().OfRole(Role.SiteHost).Single().Context.User!;

        Assert.Equal(["kgen", "name", "role", "sid", "site", "sub"], user.Claims.Select(c => c.Type).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(user.Identities, i => i is CaseSensitiveClaimsIdentity { SecurityToken: not null });
        Assert.True(user.Identity is { IsAuthenticated: true, Name: "Điểm cầu HUE" });
        Assert.True(user.IsInRole("siteHost"));
    }

    [Fact]
    public async Task Moderator_ActsForANamedSite_AndMustNameOne()
    {
        await using var moderator = await App.ConnectAsync(await App.LoginModeratorAsync());

        var named = await moderator.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), "hpg", "Lê Văn Bình", 30));
        var unnamed = await moderator.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lê Văn Bình", 30));

        Assert.True(named.Ok);
        Assert.Equal("input.required", unnamed.Error?.Code);
    }

    [Fact]
    public async Task SiteHost_ActingForAnotherSite_GetsAStructuredErrorAndNoEvent()
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HCM"));
        var head = host.Forum.LastSeq;

        var result = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), "DNG", "Lê Văn Bình", 30));

        Assert.False(result.Ok);
        Assert.Equal("auth.other_site", result.Error!.Code);
        Assert.Equal("Bạn chỉ được thao tác cho điểm cầu của mình.", result.Error.Message);
        Assert.Equal("You may act only for your own bridge point.", result.Error.MessageEn);
        Assert.Equal(head, Engine.View.Head);
    }

    [Theory]
    [InlineData("display")]
    [InlineData("delegate")]
    public async Task ReadOnlyRoles_CannotCheckASiteIn(string role)
    {
        var login = role == "display" ? await App.LoginDisplayAsync() : await App.LoginDelegateAsync("HCM", "Phạm Văn Đức");
        await using var client = await App.ConnectAsync(login);
        var head = Engine.View.Head;

        var result = await client.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), "HCM", "Phạm Văn Đức", 3));

        Assert.Equal("auth.forbidden", result.Error?.Code);
        Assert.Equal(head, Engine.View.Head);
    }

    [Fact]
    public async Task DelegateJoining_IsAnEvent_WhoseNameOnlyTheModeratorAndTheirOwnSiteSee()
    {
        await using var moderator = await App.ConnectAsync(await App.LoginModeratorAsync());
        await using var ownHost = await App.ConnectAsync(await App.LoginHostAsync("HCM"));
        await using var otherHost = await App.ConnectAsync(await App.LoginHostAsync("DNG"));
        await using var display = await App.ConnectAsync(await App.LoginDisplayAsync());

        var login = await App.LoginDelegateAsync("HCM", "Võ Thị Sáu", awardee: true);
        var seq = Engine.View.Head;

        foreach (var client in new[] { moderator, ownHost, otherHost, display })
            await client.WaitForSeqAsync(seq).WaitAsync(Timeouts.Call);
        Assert.Equal("Võ Thị Sáu", moderator.Forum.State.Attendance.Delegates[login.Identity.Id].Name);
        Assert.Equal("Võ Thị Sáu", ownHost.Forum.State.Attendance.Delegates[login.Identity.Id].Name);
        Assert.Empty(otherHost.Forum.State.Attendance.Delegates);
        Assert.Empty(display.Forum.State.Attendance.Delegates);
        // Everyone can count: one delegate at HCM. Their claim to an award is not counted until confirmed, and only
        // the moderator and their own site's host see it.
        foreach (var client in new[] { moderator, ownHost, otherHost, display })
            Assert.Equal(new DelegateTally(1, 0), client.Forum.State.Attendance.Tally("HCM"));
        Assert.True(moderator.Forum.State.Attendance.Delegates[login.Identity.Id].AwardeeClaimed);
        Assert.True(ownHost.Forum.State.Attendance.Delegates[login.Identity.Id].AwardeeClaimed);
    }

    [Fact]
    public async Task DelegateJoiningTwice_WithTheSameNameTypedDifferently_IsOneDelegate()
    {
        var first = await App.LoginDelegateAsync("HCM", "Hoàng Văn Thái");
        var head = Engine.View.Head;
        // The same name in decomposed Unicode (NFD), as some phone keyboards send it.
        var again = await App.LoginDelegateAsync("HCM", "Hoàng Văn Thái".Normalize(System.Text.NormalizationForm.FormD));

        Assert.Equal(first.Identity.Id, again.Identity.Id);
        Assert.Equal(head, Engine.View.Head);
    }

    [Fact]
    public async Task HeadcountAndCheckOut_AreRecordedAsHistory()
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("CTO"));
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Đỗ Minh Khoa", 10))).Ok);
        Assert.True((await host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), null, 25))).Ok);
        var last = await host.SendAsync(HubMethods.CheckOut, new SiteRequest(CommandId.New(), null));
        Assert.True(last.Ok);

        await host.WaitForSeqAsync(last.LastSeq).WaitAsync(Timeouts.Call);
        var site = host.Forum.State.Attendance.Site("CTO");
        Assert.False(site.CheckedIn);
        var spell = Assert.Single(site.Spells);
        Assert.NotNull(spell.CheckedOutAt);
    }

    EventHub.Forum.ForumEngine Engine => App.Engine;
}
