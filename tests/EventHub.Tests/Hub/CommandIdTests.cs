using System.Security.Cryptography;
using System.Text;
using EventHub.Auth;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Operations;
using EventHub.SiteClient;
using EventHub.Storage;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventHub.Tests.Hub;

/// <summary>
/// A command is known by its caller and its id, and its first answer (events, no change, or a refusal) is the answer
/// to every resend, on one node with the embedded file log.
/// </summary>
public sealed class CommandIdTests : HubAppTest
{
    [Fact]
    public async Task ADelegate_SendingAForbiddenCommandUnderTheModeratorsId_IsRefusedForbidden()
    {
        await using var moderator = await App.ConnectAsync(await App.LoginModeratorAsync());
        await using var delegateClient = await App.ConnectAsync(await App.LoginDelegateAsync("HCM", "Phạm Văn Đồng"));
        var id = CommandId.New();
        var added = await moderator.SendAsync(HubMethods.AddAgendaItem, new NewAgendaItemRequest(id, "Thảo luận", 180));
        Assert.True(added.Ok, added.Error?.Code);

        var forbidden = await delegateClient.SendAsync(HubMethods.AddAgendaItem, new NewAgendaItemRequest(id, "Thảo luận", 180));

        Assert.False(forbidden.Ok);
        Assert.Equal("auth.forbidden", forbidden.Error?.Code);
        Assert.Equal(added with { Duplicate = true },
            await moderator.SendAsync(HubMethods.AddAgendaItem, new NewAgendaItemRequest(id, "Thảo luận", 180)));
        Assert.Equal(added.LastSeq, App.Engine.View.Head);
    }

    [Fact]
    public async Task AHost_SendingAnotherHostsCommandId_ActsForItself()
    {
        await using var hcm = await App.ConnectAsync(await App.LoginHostAsync("HCM"));
        await using var dng = await App.ConnectAsync(await App.LoginHostAsync("DNG"));
        var id = CommandId.New();
        var first = await hcm.SendAsync(HubMethods.CheckIn, new CheckInRequest(id, null, "Nguyễn Thị Mai", 42));

        var second = await dng.SendAsync(HubMethods.CheckIn, new CheckInRequest(id, null, "Lê Văn Tám", 17));

        Assert.True(second.Ok, second.Error?.Code);
        Assert.False(second.Duplicate);
        Assert.Equal(first.LastSeq + 1, second.FirstSeq);
        Assert.Equal(17, App.Engine.View.State.Attendance.Site("DNG").Headcount);
    }

    [Fact]
    public async Task ARefusedCommand_ResentAfterTheStateChanged_GetsTheSameRefusal_AndWritesNothing()
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HCM"));
        var id = CommandId.New();
        var refused = await host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(id, null, 30));
        Assert.Equal("attendance.not_checked_in", refused.Error?.Code);
        var checkIn = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 20));
        Assert.True(checkIn.Ok, checkIn.Error?.Code);

        var resent = await host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(id, null, 30));

        Assert.Equal(refused, resent);
        Assert.Equal(checkIn.LastSeq, App.Engine.View.Head);
        Assert.Equal(20, App.Engine.View.State.Attendance.Site("HCM").Headcount);
    }

    [Fact]
    public async Task ANoOp_ResentAfterAnotherModeratorChangedTheValue_IsStillANoOp()
    {
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HCM"));
        await using var moderator = await App.ConnectAsync(await App.LoginModeratorAsync());
        await using var secretariat = await App.ConnectAsync(await App.LoginModeratorAsync());
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 20))).Ok);
        var id = CommandId.New();
        var unchanged = await moderator.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(id, "HCM", 20));
        Assert.Equal(CommandResult.Unchanged(id), unchanged);
        var changed = await secretariat.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), "HCM", 35));
        Assert.True(changed.Ok, changed.Error?.Code);

        var resent = await moderator.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(id, "HCM", 20));

        Assert.Equal(unchanged with { Duplicate = true }, resent);
        Assert.Equal(changed.LastSeq, App.Engine.View.Head);
        Assert.Equal(35, App.Engine.View.State.Attendance.Site("HCM").Headcount);
    }

    [Fact]
    public async Task AToken_CarryingTheSystemsId_IsNoCaller()
    {
        var (token, _) = App.Services.GetRequiredService<TokenIssuer>().Issue(Actor.System);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(App.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();

        // The hub drops the connection as it opens: whatever the client sees first, no call is answered.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await connection.StartAsync().WaitAsync(Timeouts.Call);
            await connection.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call);
        });
    }

    [Fact]
    public async Task AJoinRefusedForItsInput_DoesNotKeepThatNameOut()
    {
        var site = App.Credentials.Sites["HCM"];
        using var refused = await App.PostTokenRawAsync(new
        {
            role = "delegate", key = site.JoinCode, site = "HCM", name = "Võ Thị Sáu", agency = new string('x', 301),
        });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("input.too_long", await refused.Content.ReadAsStringAsync());

        var joined = await App.LoginDelegateAsync("HCM", "Võ Thị Sáu");
        Assert.NotNull(App.Engine.View.State.Attendance.FindDelegate("HCM", "Võ Thị Sáu"));
        Assert.False(string.IsNullOrEmpty(joined.Token));
    }

    [Fact]
    public async Task AClientUsingTheRollCallsOwnCloseId_DoesNotStopItClosingAtItsDeadline()
    {
        await using var app = new HubApp(new() { ["EventHub:Presence:WatchInterval"] = "00:00:00.250" });
        await using var moderator = await app.ConnectAsync(await app.LoginModeratorAsync());
        await using var host = await app.ConnectAsync(await app.LoginHostAsync("HCM"));
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 20))).Ok);
        Assert.True((await moderator.SendAsync(HubMethods.StartRollCall, new StartRollCallRequest(CommandId.New(), "rc-chieu", 10))).Ok);

        // The id the hub closes this roll call under, taken first by a client (AttendanceWatchdog derives it).
        var closeId = $"rollcall-close-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("rc-chieu")))[..24]}";
        Assert.True((await host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(closeId, null, 21))).Ok);

        await Eventually.That(() => app.Engine.View.State.Attendance.FindRollCall("rc-chieu")?.ClosedAt is not null);
    }

    [Fact]
    public async Task AnAppendWhoseAnswerIsLost_IsOutcomeUnknown_AndTheResendTellsTheTruth()
    {
        LosesAnAnswer? store = null;
        await using var app = new HubApp(services: services => services.AddSingleton<IEventLog>(sp => store = new LosesAnAnswer(
            new FileEventLog(sp.GetRequiredService<EventHubOptions>().DataDirectory, sp.GetRequiredService<ILogger<FileEventLog>>()))));
        var login = await app.LoginHostAsync("HCM");
        await using var raw = new HubConnectionBuilder()
            .WithUrl(app.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(login.Token))
            .Build();
        await raw.StartAsync().WaitAsync(Timeouts.Call);
        var head = app.Engine.View.Head;
        var id = CommandId.New();

        store!.LoseNextAnswer();
        var unknown = await raw.InvokeAsync<CommandResult>(HubMethods.CheckIn, new CheckInRequest(id, null, "Nguyễn Thị Mai", 42))
            .WaitAsync(Timeouts.Call);
        Assert.Equal("store.outcome_unknown", unknown.Error?.Code);

        var resent = await raw.InvokeAsync<CommandResult>(HubMethods.CheckIn, new CheckInRequest(id, null, "Nguyễn Thị Mai", 42))
            .WaitAsync(Timeouts.Call);
        Assert.Equal(CommandResult.Written(id, head + 1, head + 1, duplicate: true), resent);
        Assert.Equal(head + 1, app.Engine.View.Head);
        Assert.Equal(42, app.Engine.View.State.Attendance.Site("HCM").Headcount);

        // The site client resends on its own, and reports the first outcome.
        await using var host = await app.ConnectAsync(await app.LoginHostAsync("DNG"));
        store.LoseNextAnswer();
        var learnt = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lê Văn Tám", 17));
        Assert.True(learnt.Ok && learnt.Duplicate, learnt.Error?.Code);
        Assert.Equal(1, host.Resends);
        await host.WaitForSeqAsync(learnt.LastSeq).WaitAsync(Timeouts.Call);
        Assert.Equal(17, host.Forum.State.Attendance.Site("DNG").Headcount);
    }

    /// <summary>The file log, where the next append lands and its answer is lost on the way back.</summary>
    sealed class LosesAnAnswer(FileEventLog inner) : EventLogDecorator(inner), IDisposable
    {
        int _loseNext;

        public void LoseNextAnswer() => Volatile.Write(ref _loseNext, 1);

        public override async Task<BatchResult> WriteAsync(string forumId, long expectedHead, IReadOnlyList<CommandWrite> writes,
            CancellationToken cancellationToken)
        {
            var result = await Inner.WriteAsync(forumId, expectedHead, writes, cancellationToken);
            return result is BatchResult.Written written && written.Results.Any(r => r is AppendResult.Appended)
                   && Interlocked.Exchange(ref _loseNext, 0) == 1
                ? throw new StoreOutcomeUnknownException("The answer was lost on the way back.")
                : result;
        }

        public void Dispose() => ((IDisposable)Inner).Dispose();
    }
}
