using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Storage;
using EventHub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EventHub.Tests.ScaleOut;

/// <summary>
/// One answer per caller and command id across two nodes on a real Redis: whichever node a resend reaches, and
/// whatever the state has become, it gets the first answer; one id sent to both nodes at once gets one answer.
/// </summary>
public sealed class CommandIdTwoNodesTests(ITestOutputHelper output) : TwoNodeTest
{
    [Fact]
    public async Task ADelegateOnOneNode_SendingAForbiddenCommandUnderTheModeratorsId_IsRefusedForbidden()
    {
        await using var moderator = await A.ConnectAsync(await A.LoginModeratorAsync());
        await using var delegateClient = await B.ConnectAsync(await B.LoginDelegateAsync("HCM", "Phạm Văn Đồng"));
        var id = CommandId.New();
        Assert.True((await moderator.SendAsync(HubMethods.AddAgendaItem, new NewAgendaItemRequest(id, "Thảo luận", 180))).Ok);

        var forbidden = await delegateClient.SendAsync(HubMethods.AddAgendaItem, new NewAgendaItemRequest(id, "Thảo luận", 180));

        Assert.Equal("auth.forbidden", forbidden.Error?.Code);
    }

    [Fact]
    public async Task AHostOnOneNode_SendingAnotherHostsCommandId_ActsForItself()
    {
        await using var hcm = await A.ConnectAsync(await A.LoginHostAsync("HCM"));
        await using var dng = await B.ConnectAsync(await B.LoginHostAsync("DNG"));
        var id = CommandId.New();
        var first = await hcm.SendAsync(HubMethods.CheckIn, new CheckInRequest(id, null, "Nguyễn Thị Mai", 42));

        var second = await dng.SendAsync(HubMethods.CheckIn, new CheckInRequest(id, null, "Lê Văn Tám", 17));

        Assert.True(second.Ok && !second.Duplicate, second.Error?.Code);
        Assert.True(second.FirstSeq > first.LastSeq);
        Assert.Equal(2, (await RedisCluster.ReadLogAsync(B)).Count(e => e.CommandId == id));
    }

    [Fact]
    public async Task ARefusal_ResentToTheOtherNodeAfterTheStateChanged_IsTheSameRefusal()
    {
        await using var hostA = await A.ConnectAsync(await A.LoginHostAsync("HCM"));
        await using var hostB = await B.ConnectAsync(await B.LoginHostAsync("HCM"));
        var id = CommandId.New();
        var refused = await hostA.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(id, null, 30));
        Assert.Equal("attendance.not_checked_in", refused.Error?.Code);
        var checkIn = await hostA.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 20));
        await hostB.ReachAsync(checkIn.LastSeq, Timeouts.Heal);

        Assert.Equal(refused, await hostB.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(id, null, 30)));
        Assert.DoesNotContain(await RedisCluster.ReadLogAsync(B), e => e.CommandId == id);
    }

    [Fact]
    public async Task ANoOp_ResentToTheOtherNodeAfterAnotherModeratorChangedTheValue_IsStillANoOp()
    {
        await using var host = await A.ConnectAsync(await A.LoginHostAsync("HCM"));
        await using var moderatorA = await A.ConnectAsync(await A.LoginModeratorAsync());
        await using var moderatorB = await B.ConnectAsync(await B.LoginModeratorAsync());
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 20))).Ok);
        var id = CommandId.New();
        var unchanged = await moderatorA.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(id, "HCM", 20));
        Assert.Equal(CommandResult.Unchanged(id), unchanged);
        var changed = await moderatorB.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), "HCM", 35));
        Assert.True(changed.Ok, changed.Error?.Code);

        Assert.Equal(unchanged with { Duplicate = true }, await moderatorB.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(id, "HCM", 20)));
        await Eventually.That(() => A.Engine.View.Head == changed.LastSeq && B.Engine.View.Head == changed.LastSeq);
        Assert.Equal(35, B.Engine.View.State.Attendance.Site("HCM").Headcount);
    }

    [Fact]
    public async Task AHostOnOneNode_TakingTheRollCallsCloseIdFirst_DoesNotStopItClosingAtItsDeadline()
    {
        await using var moderator = await A.ConnectAsync(await A.LoginModeratorAsync());
        await using var host = await B.ConnectAsync(await B.LoginHostAsync("HCM"));
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 20))).Ok);
        Assert.True((await moderator.SendAsync(HubMethods.StartRollCall, new StartRollCallRequest(CommandId.New(), "rc-chieu", 10))).Ok);

        // The id the hub closes this roll call under (AttendanceWatchdog derives it), taken first by a client.
        var closeId = $"rollcall-close-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("rc-chieu")))[..24]}";
        Assert.True((await host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(closeId, null, 21))).Ok);

        await Eventually.That(() => A.Engine.View.State.Attendance.FindRollCall("rc-chieu")?.ClosedAt is not null
                                    && B.Engine.View.State.Attendance.FindRollCall("rc-chieu")?.ClosedAt is not null);
    }

    /// <summary>
    /// The same host's headcount, one id, sent to both nodes at once while the moderator checks the site in: a node
    /// deciding before the check-in would refuse, one deciding after it would write. Whichever answers first, both
    /// answers are the same, and the log agrees with them.
    /// </summary>
    [Fact]
    public async Task OneCommandId_SentToBothNodesAtOnce_GetsOneAnswer_ManyTimesOver()
    {
        await using var hostA = await A.ConnectAsync(await A.LoginHostAsync("HCM"));
        await using var hostB = await B.ConnectAsync(await B.LoginHostAsync("HCM"));
        await using var moderatorA = await A.ConnectAsync(await A.LoginModeratorAsync());
        await using var moderatorB = await B.ConnectAsync(await B.LoginModeratorAsync());
        var answers = new Dictionary<string, int>();

        for (var i = 0; i < 30; i++)
        {
            var id = CommandId.New();
            var request = new HeadcountRequest(id, null, 100 + i);
            var moderator = i % 2 == 0 ? moderatorA : moderatorB;
            var sent = await Task.WhenAll(
                Task.Run(() => hostA.InvokeAsync<CommandResult>(HubMethods.UpdateHeadcount, request)),
                Task.Run(() => hostB.InvokeAsync<CommandResult>(HubMethods.UpdateHeadcount, request)),
                Task.Run(() => moderator.InvokeAsync<CommandResult>(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), "HCM", "Nguyễn Thị Mai", 20))))
                .WaitAsync(Timeouts.Call);
            var (onA, onB) = (sent[0], sent[1]);
            Assert.True(sent[2].Ok, sent[2].Error?.Code);

            Assert.Equal(Answer(onA), Answer(onB));
            Assert.False(onA.Ok && onB.Ok && onA.Duplicate == onB.Duplicate, "one of two equal answers is the first");
            var written = (await RedisCluster.ReadLogAsync(B)).Where(e => e.CommandId == id).Select(e => e.Seq).ToList();
            Assert.Equal(onA.Ok ? new List<long> { onA.FirstSeq } : [], written);
            var kind = onA.Ok ? "written" : onA.Error!.Code;
            answers[kind] = answers.GetValueOrDefault(kind) + 1;

            var checkOut = await moderator.SendAsync(HubMethods.CheckOut, new SiteRequest(CommandId.New(), "HCM"));
            Assert.True(checkOut.Ok, checkOut.Error?.Code);
        }
        output.WriteLine(string.Join(", ", answers.Select(a => $"{a.Key}: {a.Value}")));
    }

    [Fact]
    public async Task AnAppendRedisHoldsPastTheTimeout_IsOutcomeUnknown_AndTheResendOnTheOtherNodeTellsTheTruth()
    {
        await using var hostA = await A.ConnectAsync(await A.LoginHostAsync("HCM"));
        await using var hostB = await B.ConnectAsync(await B.LoginHostAsync("HCM"));
        var id = CommandId.New();
        var request = new CheckInRequest(id, null, "Nguyễn Thị Mai", 42);

        // Redis takes the script and holds it (writes paused) past the node's 2 s timeout, then runs it.
        PauseWrites(TimeSpan.FromSeconds(5));
        var unknown = await hostA.InvokeAsync<CommandResult>(HubMethods.CheckIn, request).WaitAsync(Timeouts.Call);
        Assert.Equal("store.outcome_unknown", unknown.Error?.Code);

        // The node's connection waits behind the held script too: reads time out until the pause ends.
        await Eventually.That(async () =>
        {
            try
            {
                return (await RedisCluster.ReadLogAsync(B)).Any(e => e.CommandId == id);
            }
            catch (StoreUnavailableException)
            {
                return false;
            }
        });
        var written = (await RedisCluster.ReadLogAsync(B)).Single(e => e.CommandId == id);
        var resent = await hostB.InvokeAsync<CommandResult>(HubMethods.CheckIn, request).WaitAsync(Timeouts.Call);
        Assert.Equal(CommandResult.Written(id, written.Seq, written.Seq, duplicate: true), resent);
        await hostA.ReachAsync(written.Seq, Timeouts.Heal);
        Assert.Equal(42, hostA.Forum.State.Attendance.Site("HCM").Headcount);
    }

    static string Answer(CommandResult result) =>
        result.Ok ? $"ok {result.FirstSeq}-{result.LastSeq}" : $"refused {result.Error?.Code} {result.Error?.Message}";

    /// <summary>CLIENT PAUSE … WRITE on a plain socket: Redis keeps reading, and holds every write (scripts too).</summary>
    void PauseWrites(TimeSpan duration)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
        socket.Connect(IPAddress.Loopback, Cluster.Redis.Port);
        socket.Send(Encoding.ASCII.GetBytes($"CLIENT PAUSE {(long)duration.TotalMilliseconds} WRITE\r\n"));
        var buffer = new byte[64];
        Assert.Equal("+OK", Encoding.ASCII.GetString(buffer, 0, socket.Receive(buffer)).Split("\r\n")[0]);
    }
}
