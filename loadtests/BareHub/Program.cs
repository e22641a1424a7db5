using Microsoft.AspNetCore.SignalR;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var signalR = builder.Services.AddSignalR().AddMessagePackProtocol();
if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
    signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("bare"));

var app = builder.Build();
app.MapGet("/healthz", () => "Healthy");
app.MapGet("/readyz", () => "Healthy");
app.MapHub<BareHub>("/hubs/bare");
app.Run();

/// <summary>Nothing but a broadcast, and a call that answers at once: the floor any hub pays on this machine.</summary>
sealed class BareHub : Hub
{
    public Task Broadcast(long sentAt, string payload) => Clients.All.SendAsync("Msg", sentAt, payload);

    /// <summary>What a command's answer costs the framework alone (no store, no rules), under the same fan-out.</summary>
    public long Echo(long value) => value;
}
