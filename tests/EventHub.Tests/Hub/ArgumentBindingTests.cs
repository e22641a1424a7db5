using System.Text.Json;
using EventHub.Domain.Protocol;
using EventHub.Hubs;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EventHub.Tests.Hub;

/// <summary>
/// Arguments that do not bind (wrong type, too many, too few, a number too large) get the structured
/// <c>input.invalid</c> naming the method and the argument, under both protocols, and the connection stays open;
/// MessagePack requests are read whatever the casing of their keys.
/// </summary>
public sealed class ArgumentBindingTests : HubAppTest
{
    async Task<HubConnection> ConnectAsync(string protocol, bool host = true)
    {
        var login = host ? await App.LoginHostAsync("HCM") : await App.LoginModeratorAsync();
        var builder = new HubConnectionBuilder()
            .WithUrl(App.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(login.Token));
        if (protocol == "messagepack") builder.AddMessagePackProtocol();
        var connection = builder.Build();
        await connection.StartAsync().WaitAsync(Timeouts.Call);
        return connection;
    }

    public static TheoryData<string, object?[], string> BadCommands()
    {
        var data = new TheoryData<string, object?[], string>();
        foreach (var protocol in new[] { "json", "messagepack" })
        {
            data.Add(protocol, ["not a request"], "request");
            data.Add(protocol, [new Dictionary<string, object?> { ["commandId"] = "bad-args-1", ["headcount"] = "twenty" }], "request.headcount");
            data.Add(protocol, [new Dictionary<string, object?> { ["commandId"] = "bad-args-2", ["headcount"] = 10_000_000_000L }], "request.headcount");
            data.Add(protocol, [new Dictionary<string, object?> { ["commandId"] = 42, ["headcount"] = 10 }], "request.commandId");
            data.Add(protocol, [new CheckInRequest("bad-args-3", null, "Lead", 20), "extra"], "2");
            data.Add(protocol, [], "0");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadCommands))]
    public async Task ACommandWithArgumentsThatDoNotBind_GetsInputInvalid_NamingMethodAndArgument(string protocol, object?[] args,
        string named)
    {
        await using var connection = await ConnectAsync(protocol);
        var head = App.Engine.View.Head;

        var result = await connection.InvokeCoreAsync<CommandResult>(HubMethods.CheckIn, args).WaitAsync(Timeouts.Call);

        Assert.False(result.Ok);
        Assert.Equal("input.invalid", result.Error?.Code);
        Assert.Contains("CheckIn", result.Error!.MessageEn);
        Assert.Contains(named, result.Error.MessageEn);
        Assert.Contains(named, result.Error.Message);
        Assert.Equal(head, App.Engine.View.Head);
        // The connection is still usable.
        Assert.Equal("siteHost", (await connection.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call)).Role);
    }

    /// <summary>
    /// Not only CheckIn: every command of the hub (Q&A's too) binds its request itself, so a request that is not one
    /// gets <c>input.invalid</c> naming the method, never the <c>input.required</c> of an argument SignalR fills in.
    /// </summary>
    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task EveryCommand_WithARequestThatDoesNotBind_GetsInputInvalid_NamingTheMethod(string protocol)
    {
        await using var app = new HubApp(EveryMethodPlan.HubSettings());
        var login = await app.LoginModeratorAsync();
        await using var connection = await EveryMethodTests.ConnectAsync(app, login.Token, protocol);
        var commands = HubParameters.MethodsOf(typeof(ForumHub)).Where(m => m.ReturnType == typeof(Task<CommandResult>)).ToList();
        Assert.Contains(commands, m => m.Name == HubMethods.AskQuestion);

        foreach (var command in commands)
        {
            var result = await connection.InvokeCoreAsync<CommandResult>(command.Name, ["not a request"]).WaitAsync(Timeouts.Call);
            Assert.True(result.Error?.Code == "input.invalid", $"{command.Name}: {result.Error}");
            Assert.Contains(command.Name, result.Error!.MessageEn);
        }
        Assert.Equal("moderator", (await connection.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call)).Role);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task AQueryWithArgumentsThatDoNotBind_ThrowsTheStructuredErrorAsJson(string protocol)
    {
        await using var connection = await ConnectAsync(protocol);

        var extra = await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync<Identity>(HubMethods.WhoAmI, ["surplus"]))
            .WaitAsync(Timeouts.Call);
        var wrongType = await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync<object>(HubMethods.Pong, ["abc"]))
            .WaitAsync(Timeouts.Call);

        var countError = ErrorOf(extra);
        Assert.Equal("input.invalid", countError.Code);
        Assert.Contains("WhoAmI", countError.MessageEn);
        var typeError = ErrorOf(wrongType);
        Assert.Equal("input.invalid", typeError.Code);
        Assert.Contains("Pong", typeError.MessageEn);
        Assert.Contains("sentTimestamp", typeError.MessageEn);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task CamelCaseAndPascalCaseKeys_AreBothRead(string protocol)
    {
        await using var connection = await ConnectAsync(protocol);

        var camel = await connection.InvokeAsync<CommandResult>(HubMethods.CheckIn,
            new Dictionary<string, object?> { ["commandId"] = "camel-case-1", ["lead"] = "Nguyễn An", ["headcount"] = 30 })
            .WaitAsync(Timeouts.Call);
        var pascal = await connection.InvokeAsync<CommandResult>(HubMethods.UpdateHeadcount,
            new Dictionary<string, object?> { ["CommandId"] = "pascal-case-1", ["Headcount"] = 31, ["Unknown"] = "skipped" })
            .WaitAsync(Timeouts.Call);

        Assert.True(camel.Ok, camel.Error?.Code);
        Assert.Equal("camel-case-1", camel.CommandId);
        Assert.True(pascal.Ok, pascal.Error?.Code);
        Assert.True(pascal.LastSeq > camel.LastSeq);
        Assert.Equal(31, App.Engine.View.State.Attendance.Sites["HCM"].Headcount);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task SuggestFairOrder_AnswersAList_AndKeepsTheConnection(string protocol)
    {
        await using var connection = await ConnectAsync(protocol, host: false);

        var order = await connection.InvokeAsync<string[]>(HubMethods.SuggestFairOrder, (string?)null).WaitAsync(Timeouts.Call);

        Assert.NotNull(order);
        Assert.Equal("moderator", (await connection.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call)).Role);
    }

    /// <summary>The client prefixes the hub's message with its own "An unexpected error occurred invoking …".</summary>
    static ErrorInfo ErrorOf(HubException ex) =>
        JsonSerializer.Deserialize<ErrorInfo>(ex.Message[ex.Message.IndexOf('{')..], Json.Options)!;
}
