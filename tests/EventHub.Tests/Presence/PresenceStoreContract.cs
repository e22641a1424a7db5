using EventHub.Domain.Forum;
using EventHub.Presence;

namespace EventHub.Tests.Presence;

/// <summary>What every <see cref="IPresenceStore"/> must do; a shared (Redis) store inherits this suite too.</summary>
public abstract class PresenceStoreContract
{
    protected abstract IPresenceStore CreateStore();

    const long T = 1_724_115_600_000;

    [Fact]
    public async Task ADelegateOnTwoPhones_CountsOnce_AtTheirSite()
    {
        var store = CreateStore();
        await store.ConnectedAsync(new PresenceConnection("c1", Role.Delegate, "HCM", "d-1"), T);
        await store.ConnectedAsync(new PresenceConnection("c2", Role.Delegate, "HCM", "d-1"), T);
        await store.ConnectedAsync(new PresenceConnection("c3", Role.Delegate, "HCM", "d-2"), T);

        var snapshot = await store.SnapshotAsync();

        Assert.Equal(2, snapshot.Site("HCM").DelegatesConnected);
        Assert.Equal(2, snapshot.Delegates.Count);
    }

    [Fact]
    public async Task AHostThatLeft_IsStillRememberedAsLastHeard_WithItsLastRoundTrip()
    {
        var store = CreateStore();
        await store.ConnectedAsync(new PresenceConnection("h1", Role.SiteHost, "DNG", "host:DNG"), T);
        await store.HostHeardAsync("DNG", T + 1_000, 42);
        await store.DisconnectedAsync("h1", T + 5_000);

        var line = (await store.SnapshotAsync()).Site("DNG");

        Assert.Equal(new SitePresence(0, 0, T + 5_000, 42), line);
    }

    [Fact]
    public async Task LastHeard_NeverGoesBackInTime()
    {
        var store = CreateStore();
        await store.HostHeardAsync("HUE", T + 2_000, null);
        await store.HostHeardAsync("HUE", T + 1_000, 7);

        Assert.Equal(new SitePresence(0, 0, T + 2_000, 7), (await store.SnapshotAsync()).Site("HUE"));
    }

    [Fact]
    public async Task DisplaysAndModerators_AreCounted_AndADisconnectForgetsTheConnection()
    {
        var store = CreateStore();
        await store.ConnectedAsync(new PresenceConnection("m1", Role.Moderator, null, "moderator"), T);
        await store.ConnectedAsync(new PresenceConnection("s1", Role.Display, null, "display"), T);
        await store.ConnectedAsync(new PresenceConnection("d1", Role.Delegate, "HCM", "d-1"), T);
        await store.DisconnectedAsync("d1", T + 1);
        await store.DisconnectedAsync("unknown", T + 1);

        var snapshot = await store.SnapshotAsync();

        Assert.Equal(1, snapshot.Moderators);
        Assert.Equal(1, snapshot.Displays);
        Assert.Empty(snapshot.Delegates);
        Assert.Equal(SitePresence.Nobody, snapshot.Site("CTO"));
    }

    [Fact]
    public async Task HostLines_CountEachSitesHostConnections_WithTheirLastHeard_AndNobodyElse()
    {
        var store = CreateStore();
        await store.ConnectedAsync(new PresenceConnection("h1", Role.SiteHost, "HCM", "host:HCM"), T);
        await store.ConnectedAsync(new PresenceConnection("h2", Role.SiteHost, "HCM", "host:HCM"), T + 1);
        await store.ConnectedAsync(new PresenceConnection("h3", Role.SiteHost, "DNG", "host:DNG"), T);
        await store.ConnectedAsync(new PresenceConnection("d1", Role.Delegate, "CTO", "d-1"), T);
        await store.HostHeardAsync("DNG", T + 2_000, 42);
        await store.DisconnectedAsync("h3", T + 3_000);

        var lines = await store.HostLinesAsync();

        Assert.Equal(new SitePresence(2, 0, T + 1, null), lines["HCM"]);
        Assert.Equal(new SitePresence(0, 0, T + 3_000, 42), lines["DNG"]);
        Assert.False(lines.ContainsKey("CTO")); // a delegate is not a host line
        Assert.Equal((await store.SnapshotAsync()).Site("HCM").HostConnections, lines["HCM"].HostConnections);
    }
}

public sealed class InMemoryPresenceStoreTests : PresenceStoreContract
{
    protected override IPresenceStore CreateStore() => new InMemoryPresenceStore();
}
