using System.Net.Http.Json;
using System.Text.Json;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace EventHub.Browser.Tests.Infrastructure;

/// <summary>
/// The moderator (or another role) driven from the test through the real SignalR .NET client, speaking the protocol's
/// JSON as any client does, while the pages under test watch.
/// </summary>
public sealed class StaffConnection(HubConnection connection) : IAsyncDisposable
{
    public static async Task<StaffConnection> OpenAsync(Uri hub, object login)
    {
        using var http = new HttpClient { BaseAddress = hub };
        var response = await http.PostAsJsonAsync("/api/token", login).WaitAsync(Timeouts.Call);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(hub, "/hubs/forum"), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .Build();
        await connection.StartAsync().WaitAsync(Timeouts.Call);
        return new StaffConnection(connection);
    }

    /// <summary>Sends a command with a fresh id and asserts that the hub took it.</summary>
    public async Task<JsonElement> SendAsync(string method, object request)
    {
        var fields = JsonSerializer.SerializeToNode(request)!.AsObject();
        fields["commandId"] ??= Guid.NewGuid().ToString("N");
        var result = await connection.InvokeAsync<JsonElement>(method, fields).WaitAsync(Timeouts.Call);
        Assert.True(result.GetProperty("ok").GetBoolean(), $"{method}: {result}");
        return result;
    }

    /// <summary>The whole log as this caller sees it (its head and every event).</summary>
    public Task<JsonElement> WholeLogAsync() =>
        connection.InvokeAsync<JsonElement>("Resume", new { epoch = (string?)null, afterSeq = 0 }).WaitAsync(Timeouts.Call);

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
