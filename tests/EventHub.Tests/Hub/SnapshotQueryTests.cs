using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Hub;

/// <summary>GetSnapshot: the state a caller may see, at the log's head, without a made-up epoch.</summary>
public sealed class SnapshotQueryTests : HubAppTest
{
    [Fact]
    public async Task GetSnapshot_AnswersTheCallersStateAtTheHead_AsItsAudienceMaySeeIt()
    {
        await using var moderator = await App.ConnectAsync(await App.LoginModeratorAsync());
        await using var host = await App.ConnectAsync(await App.LoginHostAsync("HCM"));
        await using var display = await App.ConnectAsync(await App.LoginDisplayAsync());
        await App.LoginDelegateAsync("HCM", "Phan Văn Khải");
        var checkedIn = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 42));
        Assert.True(checkedIn.Ok, checkedIn.Error?.Code);
        var view = App.Engine.View;

        foreach (var (client, role, site) in new[] { (moderator, Role.Moderator, (string?)null), (host, Role.SiteHost, "HCM"),
                     (display, Role.Display, null) })
        {
            var answer = await client.InvokeAsync<ResumeResult>(HubMethods.GetSnapshot).WaitAsync(Timeouts.Call);

            Assert.Equal(view.Epoch, answer.Epoch);
            Assert.Equal(view.Head, answer.Head);
            Assert.Equal(view.Head, answer.SnapshotSeq);
            Assert.Empty(answer.Events);
            Assert.Equal(Snapshots.Serialize(Visibility.StateFor(view.State, role, site)), answer.Snapshot);
            var state = Snapshots.Deserialize(answer.Snapshot!);
            Assert.Equal(42, state.Attendance.Site("HCM").Headcount);
            Assert.Equal(role == Role.Display ? 0 : 1, state.Attendance.Delegates.Count);
        }
    }
}
