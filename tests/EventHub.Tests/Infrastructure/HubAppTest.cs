namespace EventHub.Tests.Infrastructure;

/// <summary>A test class whose every test gets its own fresh hub (its own data folder), disposed afterwards.</summary>
public abstract class HubAppTest : IAsyncLifetime
{
    protected HubApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App = new HubApp();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
