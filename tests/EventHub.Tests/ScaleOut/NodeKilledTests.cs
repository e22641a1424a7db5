using EventHub.Domain.Protocol;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.ScaleOut;

/// <summary>A node dies without a goodbye (SIGKILL of its process); its clients carry on at the other node.</summary>
public sealed class NodeKilledTests : IAsyncLifetime
{
    readonly RedisCluster _cluster = new();
    HubApp _survivor = null!;
    HubProcess _victim = null!;

    public async Task InitializeAsync()
    {
        _survivor = _cluster.StartNode(); // first: it writes the shared credentials file the other node reads
        _victim = await _cluster.StartProcessNodeAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task NodeKilledHard_ItsClientsResumeOnTheOtherNode_WithNothingMissed()
    {
        var hostLogin = await _survivor.LoginHostAsync("TQG");
        await using var host = await RedisCluster.ConnectAsync(_victim.HubUrl, hostLogin, _survivor.HubUrl);
        await using var display = await RedisCluster.ConnectAsync(_victim.HubUrl, await _survivor.LoginDisplayAsync(), _survivor.HubUrl);
        await using var moderator = await _survivor.ConnectAsync(await _survivor.LoginModeratorAsync());
        var checkIn = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lead", 30)).WaitAsync(Timeouts.Call);
        Assert.True(checkIn.Ok, checkIn.Error?.Code);
        await display.ReachAsync(checkIn.LastSeq, Timeouts.Call);
        var recorders = new[] { new EventRecorder(host), new EventRecorder(display) };
        var resumesBefore = (host.Resumes, display.Resumes);

        _victim.KillHard();
        // The forum goes on at the surviving node while the victim's clients are moving over.
        var meanwhile = new List<CommandResult>();
        for (var i = 1; i <= 5; i++)
            meanwhile.Add(await moderator.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), "TQG", 30 + i)).WaitAsync(Timeouts.Call));
        Assert.All(meanwhile, r => Assert.True(r.Ok, r.Error?.Code));

        var fromMovedHost = await host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), null, 77)).WaitAsync(Timeouts.Heal);
        Assert.True(fromMovedHost.Ok, fromMovedHost.Error?.Code);
        foreach (var client in new[] { host, display }) await client.ReachAsync(fromMovedHost.LastSeq, Timeouts.Heal);
        foreach (var recorder in recorders) recorder.AssertGapless(fromMovedHost.LastSeq);
        Assert.Equal(0, host.Snapshots);
        Assert.Equal(0, display.Snapshots);
        // Moving costs each client one Resume from its position, whatever else arrived meanwhile.
        Assert.Equal((resumesBefore.Item1 + 1, resumesBefore.Item2 + 1), (host.Resumes, display.Resumes));
        Assert.Equal(77, host.Forum.State.Attendance.Sites["TQG"].Headcount);
    }
}
