using EventHub.Operations;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EventHub.Hubs;

/// <summary>What an operator needs on the first screen: where the hub listens and where the keys are.</summary>
public static class StartupBanner
{
    public static void PrintWhenStarted(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var options = app.Services.GetRequiredService<EventHubOptions>();
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
                Console.WriteLine($"EventHub đang chạy tại / listening on: {address} (hub: {address}{HubSetup.Path})");
            Console.WriteLine($"Thông tin đăng nhập / credentials: {Path.GetFullPath(options.CredentialsPath)}");
        });
    }
}
