using System.Net;
using EventHub.Domain.Attendance;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EventHub.Tests.Attendance;

/// <summary>A removed delegate's token stops working; they come back only when the moderator readmits them.</summary>
public sealed class DelegateRemovalTests : IAsyncLifetime
{
    HubApp _app = null!;

    public Task InitializeAsync()
    {
        // Fast watch, so a removed delegate who is still connected is dropped within the test's patience.
        _app = new HubApp(new() { ["EventHub:Presence:WatchInterval"] = "00:00:00.200" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    async Task<HubConnection> RawConnectionAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(_app.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await connection.StartAsync().WaitAsync(Timeouts.Call);
        return connection;
    }

    async Task<CommandResult> RemoveAsync(ForumClient moderator, string delegateId) =>
        await moderator.SendAsync(HubMethods.RemoveDelegate, new DelegateRequest(CommandId.New(), delegateId)).WaitAsync(Timeouts.Call);

    [Fact]
    public async Task Moderator_RemovesADelegate_TheirConnectionIsDroppedAndTheirTokenRefused()
    {
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        var login = await _app.LoginDelegateAsync("HCM", "Trương Văn Lạm");
        await using var connection = await RawConnectionAsync(login.Token);
        var closed = new TaskCompletionSource();
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        var result = await RemoveAsync(moderator, login.Identity.Id);

        Assert.True(result.Ok, result.Error?.ToString());
        await moderator.WaitForSeqAsync(result.LastSeq).WaitAsync(Timeouts.Call);
        Assert.True(moderator.Forum.State.Attendance.IsRemoved(login.Identity.Id));
        await closed.Task.WaitAsync(Timeouts.Call);

        // Reconnecting with the same token: the hub closes it with the structured reason, and no reconnect.
        var again = new HubConnectionBuilder()
            .WithUrl(_app.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(login.Token))
            .Build();
        var refused = new TaskCompletionSource<Exception?>();
        again.Closed += ex => { refused.TrySetResult(ex); return Task.CompletedTask; };
        try
        {
            await again.StartAsync().WaitAsync(Timeouts.Call);
        }
        catch (Exception ex)
        {
            refused.TrySetResult(ex);
        }
        var reason = await refused.Task.WaitAsync(Timeouts.Call);
        Assert.Contains("delegate.removed", reason?.Message);
        await again.DisposeAsync();
    }

    [Fact]
    public async Task RemovedDelegate_StillConnected_EveryCallGetsDelegateRemoved()
    {
        // No watch here: the connection stays open, and the per-call gate alone must refuse.
        await using var app = new HubApp(new() { ["EventHub:Presence:WatchInterval"] = "01:00:00" });
        await using var moderator = await app.ConnectAsync(await app.LoginModeratorAsync());
        var login = await app.LoginDelegateAsync("HCM", "Trương Văn Lạm");
        await using var connection = new HubConnectionBuilder()
            .WithUrl(app.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(login.Token)).Build();
        await connection.StartAsync().WaitAsync(Timeouts.Call);
        // The client is started once the handshake is answered, which may be before the hub has run its connect
        // checks; a call is answered only after them. Without this, a removal landing in between is refused at
        // connect (the connection closed with delegate.removed), and the per-call gate is never reached.
        var before = await connection.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call);
        Assert.Equal(login.Identity.Id, before.Id);
        var result = await moderator.SendAsync(HubMethods.RemoveDelegate, new DelegateRequest(CommandId.New(), login.Identity.Id));
        Assert.True(result.Ok);

        var ex = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call));
        Assert.Contains("delegate.removed", ex.Message);
        var command = await connection.InvokeAsync<CommandResult>(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), "HCM", "x", 1))
            .WaitAsync(Timeouts.Call);
        Assert.Equal("delegate.removed", command.Error?.Code);
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task RemovedDelegate_CannotJoinAgainWithTheSameName_UntilReadmitted()
    {
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        var login = await _app.LoginDelegateAsync("DNG", "Phan Đình Phùng");
        Assert.True((await RemoveAsync(moderator, login.Identity.Id)).Ok);
        var head = _app.Engine.View.Head;

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() =>
            _app.LoginDelegateAsync("DNG", "PHAN ĐÌNH PHÙNG".Normalize(System.Text.NormalizationForm.FormD)));
        Assert.Equal((int)HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("delegate.removed", refused.Error.Code);
        Assert.Equal(head, _app.Engine.View.Head);

        var readmit = await moderator.SendAsync(HubMethods.ReadmitDelegate, new DelegateRequest(CommandId.New(), login.Identity.Id));
        Assert.True(readmit.Ok, readmit.Error?.ToString());
        var back = await _app.LoginDelegateAsync("DNG", "Phan Đình Phùng");
        Assert.Equal(login.Identity.Id, back.Identity.Id);
        await using var client = await _app.ConnectAsync(back);
        Assert.Equal("delegate", (await client.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call)).Role);
    }

    [Theory]
    [InlineData("siteHost")]
    [InlineData("delegate")]
    [InlineData("display")]
    public async Task OnlyTheModerator_RemovesDelegates(string role)
    {
        var victim = await _app.LoginDelegateAsync("HCM", "Nguyễn Văn Cừ");
        var login = role switch
        {
            "siteHost" => await _app.LoginHostAsync("HCM"),
            "delegate" => await _app.LoginDelegateAsync("HCM", "Lê Duẩn"),
            _ => await _app.LoginDisplayAsync(),
        };
        await using var client = await _app.ConnectAsync(login);
        var head = _app.Engine.View.Head;

        var result = await client.SendAsync(HubMethods.RemoveDelegate, new DelegateRequest(CommandId.New(), victim.Identity.Id));

        Assert.Equal("auth.forbidden", result.Error?.Code);
        Assert.Equal(head, _app.Engine.View.Head);
    }

    [Theory]
    [InlineData(null, "input.required")]
    [InlineData("d-doesnotexist", "delegate.unknown")]
    public async Task RemovingWithABadId_IsAStructuredError(string? id, string code)
    {
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        var result = await moderator.SendAsync(HubMethods.RemoveDelegate, new DelegateRequest(CommandId.New(), id));
        Assert.Equal(code, result.Error?.Code);
    }
}

/// <summary>The site client library stops reconnecting once the hub refused it for good.</summary>
public sealed class RemovedDelegateClientTests
{
    [Fact]
    public async Task ForumClient_OfARemovedDelegate_EndsRefusedWithTheReason_AndStopsReconnecting()
    {
        await using var app = new HubApp();
        await using var moderator = await app.ConnectAsync(await app.LoginModeratorAsync());
        var login = await app.LoginDelegateAsync("HCM", "Nguyễn Thái Học");
        Assert.True((await moderator.SendAsync(HubMethods.RemoveDelegate, new DelegateRequest(CommandId.New(), login.Identity.Id))).Ok);

        await using var client = new ForumClient(new ForumClientOptions
        {
            HubUrl = app.HubUrl,
            AccessToken = () => Task.FromResult<string?>(login.Token),
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
        });
        await client.StartAsync().WaitAsync(Timeouts.Call);
        var deadline = DateTime.UtcNow + Timeouts.Call;
        while (client.State != LinkState.Refused && DateTime.UtcNow < deadline) await Task.Delay(50);

        Assert.Equal(LinkState.Refused, client.State);
        Assert.Equal("delegate.removed", client.Refusal?.Code);
        Assert.Equal(0, client.Forum.LastSeq);
    }
}
