using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.ScaleOut;

/// <summary>A test class whose every test gets two fresh hub nodes on one fresh, real Redis.</summary>
public abstract class TwoNodeTest : IAsyncLifetime
{
    protected RedisCluster Cluster { get; } = new();
    protected HubApp A { get; private set; } = null!;
    protected HubApp B { get; private set; } = null!;

    public Task InitializeAsync()
    {
        A = Cluster.StartNode();
        B = Cluster.StartNode();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
