using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventHub.Domain.Protocol;
using EventHub.Hubs;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EventHub.Tests.Hub;

/// <summary>
/// Every hub method with valid input, under the JSON and the MessagePack protocols, through the .NET client and
/// the JavaScript client from npm (tests/js-client): each must answer as docs/protocol.md says, never close the
/// connection. The plan is <see cref="EveryMethodPlan"/>; a method missing from it or from
/// <see cref="HubMethods"/> fails the first two tests.
/// </summary>
public sealed class EveryMethodTests
{
    [Fact]
    public void HubMethods_ListsExactlyTheMethodsOfTheHub() =>
        Assert.Equal(EveryMethodPlan.OnTheHub.Order(), EveryMethodPlan.Listed.Order());

    [Fact]
    public void ThePlan_CallsEveryListedMethod() =>
        Assert.Equal(EveryMethodPlan.Listed.Order(), EveryMethodPlan.Steps("d-any").Select(s => s.Method).Distinct().Order());

    /// <summary>
    /// MessagePack writes a result by its runtime type, and cannot write the compiler's hidden collection types
    /// behind an interface (<c>&lt;&gt;z__ReadOnlyArray</c>): every method answers a concrete type.
    /// </summary>
    [Fact]
    public void EveryMethod_AnswersAConcreteType() =>
        Assert.All(HubParameters.MethodsOf(typeof(ForumHub)), m =>
        {
            var answer = m.ReturnType.IsGenericType ? m.ReturnType.GetGenericArguments()[0] : m.ReturnType;
            Assert.False(answer.IsInterface || answer.IsAbstract, $"{m.Name} answers {answer.Name}");
        });

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task EveryMethod_Succeeds_ThroughTheDotNetClient(string protocol)
    {
        await using var app = new HubApp(EveryMethodPlan.HubSettings());
        await RunPlanAsync(app, protocol);
    }

    /// <summary>The plan on <paramref name="app"/> through the .NET client, each answer checked.</summary>
    internal static async Task RunPlanAsync(HubApp app, string protocol)
    {
        var (tokens, steps) = await PrepareAsync(app);
        var connections = new Dictionary<string, HubConnection>();
        try
        {
            foreach (var (caller, token) in tokens)
                connections[caller] = await ConnectAsync(app, token, protocol);
            foreach (var step in steps)
            {
                var method = typeof(ForumHub).GetMethod(step.Method)!;
                var args = method.GetParameters().Select((p, i) => step.Args[i]?.Deserialize(p.ParameterType, Json.Options)).ToArray();
                var returns = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : typeof(object);
                var result = await connections[step.Caller].InvokeCoreAsync(step.Method, returns, args).WaitAsync(Timeouts.Call);
                Check(step, result is null ? null : JsonSerializer.SerializeToElement(result, returns, Json.Options));
            }
        }
        finally
        {
            foreach (var connection in connections.Values) await connection.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task EveryMethod_Succeeds_ThroughTheJavaScriptClient(string protocol)
    {
        await using var app = new HubApp(EveryMethodPlan.HubSettings());
        var (tokens, steps) = await PrepareAsync(app);
        var folder = TempFolder.Create("js-plan");
        try
        {
            var plan = Path.Combine(folder, "plan.json");
            var results = Path.Combine(folder, "results.json");
            await File.WriteAllTextAsync(plan, JsonSerializer.Serialize(new { hubUrl = app.HubUrl, tokens, steps }, Json.Options));
            await JsClient.RunAsync("every-method.mjs", plan, protocol, results);

            var answers = JsonNode.Parse(await File.ReadAllTextAsync(results))!.AsArray();
            Assert.Equal(steps.Count, answers.Count);
            foreach (var (step, answer) in steps.Zip(answers))
            {
                Assert.True(answer!["error"] is null, $"{step.Method}: {answer["error"]}");
                var result = answer["result"];
                Check(step, result is null ? null : JsonSerializer.SerializeToElement(result));
            }
        }
        finally
        {
            TempFolder.TryDelete(folder);
        }
    }

    /// <summary>
    /// A fresh hub's callers (moderator, HCM's host, one of HCM's delegates, who claims an award) and the plan: the
    /// delegate asks and votes, then is confirmed as a recipient, removed and readmitted.
    /// </summary>
    static async Task<(Dictionary<string, string> Tokens, IReadOnlyList<PlanStep> Steps)> PrepareAsync(HubApp app)
    {
        var moderator = await app.LoginModeratorAsync();
        var host = await app.LoginHostAsync(EveryMethodPlan.Site);
        var delegateLogin = await app.LoginDelegateAsync(EveryMethodPlan.Site, EveryMethodPlan.DelegateName, awardee: true);
        var tokens = new Dictionary<string, string>
        {
            [EveryMethodPlan.Moderator] = moderator.Token, [EveryMethodPlan.Host] = host.Token,
            [EveryMethodPlan.Delegate] = delegateLogin.Token,
        };
        return (tokens, EveryMethodPlan.Steps(delegateLogin.Identity.Id));
    }

    internal static async Task<HubConnection> ConnectAsync(HubApp app, string token, string protocol)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(app.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        if (protocol == "messagepack") builder.AddMessagePackProtocol();
        var connection = builder.Build();
        await connection.StartAsync().WaitAsync(Timeouts.Call);
        return connection;
    }

    /// <summary>A command answers ok (with its events when it writes any); a query answers a value; Pong nothing.</summary>
    static void Check(PlanStep step, JsonElement? result)
    {
        var returns = typeof(ForumHub).GetMethod(step.Method)!.ReturnType;
        if (returns == typeof(Task))
        {
            Assert.Null(result);
            return;
        }
        Assert.True(result is { ValueKind: not JsonValueKind.Null }, $"{step.Method} answered nothing");
        if (returns != typeof(Task<CommandResult>)) return;
        var answer = result.Value;
        Assert.True(Get(answer, "ok").GetBoolean(), $"{step.Method}: {answer}");
        if (step.Writes) Assert.True(Get(answer, "lastSeq").GetInt64() > 0, $"{step.Method} wrote nothing: {answer}");
    }

    /// <summary>A property whatever its casing: MessagePack answers carry the C# names, JSON camelCase.</summary>
    static JsonElement Get(JsonElement value, string name) =>
        value.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// Runs a script of tests/js-client under Node with the npm packages of its lock file (installed with
/// <c>npm ci</c> the first time, so a fresh clone works).
/// </summary>
public static class JsClient
{
    static readonly SemaphoreSlim Install = new(1, 1);

    public static string Folder => Path.Combine(Repo.Root, "tests", "js-client");

    public static async Task RunAsync(string script, params string[] args)
    {
        await EnsureInstalledAsync();
        var (code, output) = await RunProcessAsync("node", [script, .. args], TimeSpan.FromSeconds(90));
        Assert.True(code == 0, $"node {script} exited with {code}:\n{output}");
    }

    static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules", "@microsoft", "signalr-protocol-msgpack"))) return;
            var (code, output) = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            Assert.True(code == 0, $"npm ci in {Folder} failed:\n{output}");
        }
        finally
        {
            Install.Release();
        }
    }

    static async Task<(int Code, string Output)> RunProcessAsync(string file, IEnumerable<string> args, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
