using System.Net;
using EventHub.Domain.Protocol;
using EventHub.Security;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventHub.Tests.Hub;

/// <summary>
/// The audit trail answers "who did this, from where, when" and holds no key; refusals are expected traffic,
/// logged low and without a stack, and counted.
/// </summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    const string MetricsToken = "audit-test-metrics";
    readonly CapturedLogs _logs = new();
    HubApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new HubApp(new()
        {
            ["Logging:LogLevel:EventHub.Audit"] = "Debug",
            ["EventHub:Management:Token"] = MetricsToken,
        }, services: s => s.AddSingleton<ILoggerProvider>(_logs));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ADisplayAskingForTheBoard_IsLoggedAtDebugWithoutAStack_AndCounted()
    {
        var login = await _app.LoginDisplayAsync();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(_app.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(login.Token)).Build();
        await connection.StartAsync().WaitAsync(Timeouts.Call);

        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<SiteBoard>(HubMethods.GetBoard).WaitAsync(Timeouts.Call));

        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error || e.Exception is not null);
        var refusals = _logs.WithId(6007).ToList();
        Assert.Equal(3, refusals.Count);
        Assert.All(refusals, e =>
        {
            Assert.Equal(LogLevel.Debug, e.Level);
            Assert.Equal("GetBoard", e.Fields["Method"]);
            Assert.Equal("display", e.Fields["Role"]);
            Assert.Equal("auth.forbidden", e.Fields["Code"]);
        });
        using var http = _app.Http();
        http.DefaultRequestHeaders.Authorization = new("Bearer", MetricsToken);
        var metrics = await http.GetStringAsync("/metrics").WaitAsync(Timeouts.Call);
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("eventhub_refusals_total{", StringComparison.Ordinal)
            && line.Contains("method=\"GetBoard\"") && line.Contains("role=\"display\"") && line.Contains("code=\"auth.forbidden\""));
    }

    [Fact]
    public async Task Logins_AndFailedLogins_AreAuditedWithSiteAndAddress_NeverTheKey()
    {
        const string guess = "GUESSEDCODE42";
        using var failed = await _app.PostTokenRawAsync(new { role = "delegate", key = guess, site = "HCM", name = "Lê Văn Tám" });
        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        var joinCode = _app.Credentials.Sites["HCM"].JoinCode;
        await _app.LoginDelegateAsync("HCM", "Lê Văn Tám");
        var hostKey = _app.Credentials.Sites["DNG"].HostKey;
        await _app.LoginHostAsync("DNG");

        var failure = Assert.Single(_logs.WithId(6002));
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Equal(("delegate", "HCM", "127.0.0.1", "auth.bad_key"),
            (failure.Fields["Role"], failure.Fields["Site"], failure.Fields["Client"], failure.Fields["Code"]));
        var logins = _logs.WithId(6001).ToList();
        Assert.Contains(logins, e => (string?)e.Fields["Role"] == "delegate" && (string?)e.Fields["Name"] == "Lê Văn Tám"
            && (string?)e.Fields["Site"] == "HCM" && (string?)e.Fields["Client"] == "127.0.0.1");
        Assert.Contains(logins, e => (string?)e.Fields["Role"] == "siteHost" && (string?)e.Fields["ActorId"] == "host:DNG");
        foreach (var secret in new[] { guess, joinCode, hostKey, _app.Credentials.ModeratorKey })
            Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains(secret, StringComparison.OrdinalIgnoreCase)
                || e.Fields.Values.Any(v => v?.ToString()?.Contains(secret, StringComparison.OrdinalIgnoreCase) == true));
    }

    [Fact]
    public async Task RemovingAndReadmittingADelegate_SaysWhoFromWhereAndWhichCommand()
    {
        var delegateLogin = await _app.LoginDelegateAsync("HUE", "Phạm Thị Hoa");
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        var remove = new DelegateRequest(CommandId.New(), delegateLogin.Identity.Id);
        Assert.True((await moderator.SendAsync(HubMethods.RemoveDelegate, remove)).Ok);
        var readmit = new DelegateRequest(CommandId.New(), delegateLogin.Identity.Id);
        Assert.True((await moderator.SendAsync(HubMethods.ReadmitDelegate, readmit)).Ok);

        var removal = Assert.Single(_logs.WithId(6005));
        Assert.Equal((delegateLogin.Identity.Id, "Phạm Thị Hoa", "HUE", "moderator", "127.0.0.1", remove.CommandId),
            (removal.Fields["DelegateId"], removal.Fields["DelegateName"], removal.Fields["Site"], removal.Fields["ActorId"],
                removal.Fields["Client"], removal.Fields["CommandId"]));
        var readmission = Assert.Single(_logs.WithId(6006));
        Assert.Equal(readmit.CommandId, readmission.Fields["CommandId"]);
        Assert.Contains(_logs.WithId(6004), e => (string?)e.Fields["Method"] == "RemoveDelegate"
            && (string?)e.Fields["CommandId"] == remove.CommandId && (string?)e.Fields["Result"] == "ok");
    }

    [Fact]
    public async Task EveryModeratorAction_IsAudited_WithItsResultCode()
    {
        await using var moderator = await _app.ConnectAsync(await _app.LoginModeratorAsync());
        var ok = new CheckInRequest(CommandId.New(), "HCM", "Lê Văn Bình", 12);
        var refused = new CheckInRequest(CommandId.New(), "HCM", "Lê Văn Bình", 12);
        Assert.True((await moderator.SendAsync(HubMethods.CheckIn, ok)).Ok);
        Assert.False((await moderator.SendAsync(HubMethods.CheckIn, refused)).Ok);

        var actions = _logs.WithId(6004).Where(e => (string?)e.Fields["Method"] == "CheckIn").ToList();
        Assert.Equal(2, actions.Count);
        Assert.Contains(actions, e => (string?)e.Fields["CommandId"] == ok.CommandId && (string?)e.Fields["Result"] == "ok"
            && (string?)e.Fields["Site"] == "HCM" && (string?)e.Fields["ActorId"] == "moderator");
        Assert.Contains(actions, e => (string?)e.Fields["CommandId"] == refused.CommandId
            && (string?)e.Fields["Result"] == "attendance.already_checked_in");
    }
}
