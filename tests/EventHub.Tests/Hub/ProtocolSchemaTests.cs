extern alias JsonSchemaNet;

using System.Collections.Concurrent;
using System.Text.Json;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.Hubs;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using JsonSchemaNet::Json.Schema;

namespace EventHub.Tests.Hub;

/// <summary>
/// docs/schemas/protocol.schema.json against what the hub really sends: every event type in both forms (full to the
/// moderator, public to a display), the snapshots of each audience, the board and the answers; and the requests a
/// client writes from docs/protocol.md.
/// </summary>
public sealed class ProtocolSchemaTests
{
    static readonly ProtocolSchema Schema = new(Path.Combine(Repo.Root, "docs", "schemas", "protocol.schema.json"));

    [Fact]
    public void EveryEventType_HasASchema() =>
        Assert.All(EventCatalog.Names, name => Assert.True(Schema.Has(name), $"docs/schemas has no schema for event {name}"));

    [Fact]
    public void EveryRequestOfTheHub_HasASchema() =>
        Assert.All(HubParameters.MethodsOf(typeof(ForumHub)).SelectMany(m => m.GetParameters())
                .Select(p => p.ParameterType).Where(RequestKeysResolver.IsRequest),
            type => Assert.True(Schema.Has(type.Name), $"docs/schemas has no schema for {type.Name}"));

    [Fact]
    public void TheRequestsOfThePlan_MatchTheirSchemas()
    {
        foreach (var step in EveryMethodPlan.Steps("d-0123456789ab"))
        {
            var parameter = typeof(ForumHub).GetMethod(step.Method)!.GetParameters().FirstOrDefault();
            if (parameter is null || !RequestKeysResolver.IsRequest(parameter.ParameterType)) continue;
            Schema.AssertValid(parameter.ParameterType.Name, JsonSerializer.SerializeToElement(step.Args[0]), step.Method);
        }
    }

    [Fact]
    public async Task WhatTheHubSends_MatchesTheSchemas_EveryEventTypeInBothForms_SnapshotsAndTheBoard()
    {
        await using var app = new HubApp(EveryMethodPlan.HubSettings(new()
        {
            ["EventHub:Presence:WatchInterval"] = "00:00:00.200",
            ["EventHub:Presence:HostAlertAfter"] = "00:00:01",
            ["EventHub:Presence:BoardInterval"] = "00:00:00.200",
        }));
        var full = new ConcurrentQueue<JsonElement>();
        var shown = new ConcurrentQueue<JsonElement>();
        var boards = new ConcurrentQueue<JsonElement>();
        await using var moderator = await WatchAsync(app, (await app.LoginModeratorAsync()).Token, full, boards);
        await using var display = await WatchAsync(app, (await app.LoginDisplayAsync()).Token, shown, null);

        await EveryMethodTests.RunPlanAsync(app, "json");
        await HostLostAndBackAsync(app, full);
        // The public gets the plan's votes gathered into tallies (never in the log, so only live).
        await Eventually.That(() => shown.Any(e => e.GetProperty("type").GetString() == VoteTallies.Type));

        // Live events, and the whole log again through Resume (the seeded forum.opened came before the watchers).
        foreach (var (connection, live) in new[] { (moderator, full), (display, shown) })
        {
            var resumed = await connection.InvokeAsync<JsonElement>(HubMethods.Resume, new ResumeRequest(null, 0)).WaitAsync(Timeouts.Call);
            Schema.AssertValid("ResumeResult", resumed, "Resume");
            var envelopes = live.Concat(resumed.GetProperty("events").EnumerateArray()).ToList();
            foreach (var envelope in envelopes)
            {
                Schema.AssertValid("EventEnvelope", envelope, "Event");
                var type = envelope.GetProperty("type").GetString()!;
                Schema.AssertValid(type, JsonDocument.Parse(envelope.GetProperty("data").GetString()!).RootElement, type);
            }
            var seen = envelopes.Select(e => e.GetProperty("type").GetString()!).ToHashSet();
            Assert.Empty(EventCatalog.Names.Except(seen));
        }
        AssertQuestionForms(full, shown);

        foreach (var token in new[] { (await app.LoginModeratorAsync()).Token, (await app.LoginHostAsync("HCM")).Token,
                     (await app.LoginDisplayAsync()).Token })
        {
            await using var connection = await EveryMethodTests.ConnectAsync(app, token, "json");
            var snapshot = await connection.InvokeAsync<JsonElement>(HubMethods.GetSnapshot).WaitAsync(Timeouts.Call);
            Schema.AssertValid("ResumeResult", snapshot, "GetSnapshot");
            Schema.AssertValid("ForumState", JsonDocument.Parse(snapshot.GetProperty("snapshot").GetString()!).RootElement, "snapshot");
            Schema.AssertValid("Identity", await connection.InvokeAsync<JsonElement>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call), "WhoAmI");
        }

        Schema.AssertValid("SiteBoard", await moderator.InvokeAsync<JsonElement>(HubMethods.GetBoard).WaitAsync(Timeouts.Call), "GetBoard");
        Schema.AssertValid("SpeakingReport", await moderator.InvokeAsync<JsonElement>(HubMethods.GetSpeakingReport).WaitAsync(Timeouts.Call),
            "GetSpeakingReport");
        Assert.NotEmpty(boards);
        foreach (var board in boards) Schema.AssertValid("SiteBoard", board, "Board");
        Schema.AssertValid("CommandResult", await moderator.InvokeAsync<JsonElement>(HubMethods.CheckOut,
            new SiteRequest("schema-refused-1", "HCM")).WaitAsync(Timeouts.Call), "a refused CheckOut");
        var limited = Errors.RateLimited(TimeSpan.FromMilliseconds(1500)).Error;
        Schema.AssertValid("ErrorInfo", JsonSerializer.SerializeToElement(
            new ErrorInfo(limited.Code, limited.Message, limited.MessageEn, limited.RetryAfterMs), Json.Options), "rate.limited");

        // The plan's delegate (readmitted at its end) logs in again: their own questions, in every state the plan left.
        await using (var author = await EveryMethodTests.ConnectAsync(app,
                         (await app.LoginDelegateAsync(EveryMethodPlan.Site, EveryMethodPlan.DelegateName)).Token, "json"))
        {
            var mine = await author.InvokeAsync<JsonElement>(HubMethods.MyQuestions).WaitAsync(Timeouts.Call);
            Schema.AssertValid("MyQandA", mine, "MyQuestions");
            Assert.Equal(3, mine.GetProperty("questions").GetArrayLength());
        }
    }

    /// <summary>
    /// The Q&A events were really checked in each form: full (a named question, to the moderator), unnamed (the
    /// anonymous one, to the moderator when names do not go to the staff), and public (blank while under review).
    /// </summary>
    static void AssertQuestionForms(IEnumerable<JsonElement> full, IEnumerable<JsonElement> shown)
    {
        static List<JsonElement> Submitted(IEnumerable<JsonElement> envelopes) =>
            [.. envelopes.Where(e => e.GetProperty("type").GetString() == "qa.submitted")
                .Select(e => JsonDocument.Parse(e.GetProperty("data").GetString()!).RootElement)];
        var staff = Submitted(full);
        Assert.Contains(staff, d => d.GetProperty("authorName").GetString() == EveryMethodPlan.DelegateName);
        Assert.Contains(staff, d => d.GetProperty("anonymous").GetBoolean() && d.GetProperty("authorId").GetString() == ""
                                    && d.GetProperty("questionId").GetString() != "");
        var publicForms = Submitted(shown);
        Assert.NotEmpty(publicForms);
        Assert.All(publicForms, d => Assert.Equal("", d.GetProperty("questionId").GetString()));
    }

    /// <summary>HCM checks in and its host goes away longer than HostAlertAfter, then comes back: host_lost, host_back.</summary>
    static async Task HostLostAndBackAsync(HubApp app, ConcurrentQueue<JsonElement> seen)
    {
        var token = (await app.LoginHostAsync("HCM")).Token;
        await using (var host = await EveryMethodTests.ConnectAsync(app, token, "json"))
        {
            var checkedIn = await host.InvokeAsync<CommandResult>(HubMethods.CheckIn, new CheckInRequest("schema-checkin-2", null, "Lê Hòa", 12))
                .WaitAsync(Timeouts.Call);
            Assert.True(checkedIn.Ok, checkedIn.Error?.Code);
        }
        await Eventually.That(() => seen.Any(e => e.GetProperty("type").GetString() == "site.host_lost"));
        await using var back = await EveryMethodTests.ConnectAsync(app, token, "json");
        await Eventually.That(() => seen.Any(e => e.GetProperty("type").GetString() == "site.host_back"));
    }

    static async Task<HubConnection> WatchAsync(HubApp app, string token, ConcurrentQueue<JsonElement> events,
        ConcurrentQueue<JsonElement>? boards)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(app.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        connection.On<JsonElement>(ClientMethods.Event, e => events.Enqueue(e.Clone()));
        connection.On<JsonElement>(ClientMethods.Events, batch =>
        {
            foreach (var e in batch.EnumerateArray()) events.Enqueue(e.Clone());
        });
        if (boards is not null) connection.On<JsonElement>(PresenceMessages.Board, b => boards.Enqueue(b.Clone()));
        await connection.StartAsync().WaitAsync(Timeouts.Call);
        return connection;
    }
}

/// <summary>The protocol's schema file, and each of its definitions as a schema of its own.</summary>
public sealed class ProtocolSchema
{
    readonly BuildOptions _build = new() { SchemaRegistry = new SchemaRegistry() };
    readonly Uri _id;
    readonly HashSet<string> _names;
    readonly ConcurrentDictionary<string, JsonSchema> _byName = new();

    public ProtocolSchema(string file)
    {
        var root = JsonSchema.FromFile(file, _build);
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        _id = new Uri(document.RootElement.GetProperty("$id").GetString()!);
        _names = document.RootElement.GetProperty("$defs").EnumerateObject().Select(p => p.Name).ToHashSet();
        GC.KeepAlive(root);
    }

    public bool Has(string name) => _names.Contains(name);

    public void AssertValid(string name, JsonElement value, string what)
    {
        Assert.True(Has(name), $"docs/schemas has no definition {name}");
        var schema = _byName.GetOrAdd(name, n => JsonSchema.FromText(
            JsonSerializer.Serialize(new Dictionary<string, string> { ["$ref"] = $"{_id}#/$defs/{n}" }), _build));
        var result = schema.Evaluate(value, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return;
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.Fail($"{what} does not match {name}: {string.Join("; ", errors)}\n{value}");
    }
}
