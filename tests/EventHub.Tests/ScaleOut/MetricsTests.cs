using EventHub.Domain.Protocol;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.ScaleOut;

/// <summary>/metrics on each node, in the Prometheus text format, counting what that node did.</summary>
public sealed class MetricsTests : IAsyncLifetime
{
    const string Token = "scrape-token-for-tests";
    readonly RedisCluster _cluster = new();
    HubApp _a = null!;
    HubApp _b = null!;

    public Task InitializeAsync()
    {
        _a = _cluster.StartNode(extra: new() { ["EventHub:NodeName"] = "node-a", ["EventHub:Management:Token"] = Token });
        _b = _cluster.StartNode(extra: new() { ["EventHub:NodeName"] = "node-b", ["EventHub:Management:Token"] = Token });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task EachNode_ExposesConnectionsCommandsErrorsEventsFanOutAndResumes()
    {
        await using var host = await _a.ConnectAsync(await _a.LoginHostAsync("HGG"));
        await using var display = await _b.ConnectAsync(await _b.LoginDisplayAsync());
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lead", 20)).WaitAsync(Timeouts.Call)).Ok);
        var again = await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lead", 20)).WaitAsync(Timeouts.Call);
        Assert.Equal("attendance.already_checked_in", again.Error?.Code);

        await Eventually(_a, text =>
            HasSample(text, "eventhub_connections", "role=\"siteHost\"", "node=\"node-a\"")
            && HasSample(text, "eventhub_commands_total", "method=\"CheckIn\"", "outcome=\"ok\"")
            && HasSample(text, "eventhub_commands_total", "method=\"CheckIn\"", "outcome=\"attendance.already_checked_in\"")
            && HasSample(text, "eventhub_events_committed_total", "type=\"site.checked_in\"")
            && HasSample(text, "eventhub_hub_call_duration_seconds_count", "method=\"CheckIn\"")
            && HasSample(text, "eventhub_fanout_duration_seconds_count")
            && HasSample(text, "eventhub_commit_duration_seconds_count")
            && HasSample(text, "eventhub_delivery_delay_seconds_count")
            && HasSample(text, "eventhub_resume_events_count", "kind=\"events\""));
        // Both test nodes live in one process, and OpenTelemetry listens to meters by name process-wide, so each
        // scrape here shows both nodes' instruments; the node label tells the connections apart. One node per
        // process in production.
        await Eventually(_b, text => HasSample(text, "eventhub_connections", "role=\"display\"", "node=\"node-b\""));
    }

    [Fact]
    public async Task TheLoadRunnersReadingOfTheCallHistogram_AgreesWithTheExportersOwnCounts()
    {
        await using var host = await _a.ConnectAsync(await _a.LoginHostAsync("HGG"));
        Assert.True((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lead", 20)).WaitAsync(Timeouts.Call)).Ok);
        Assert.False((await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Lead", 20)).WaitAsync(Timeouts.Call)).Ok);
        // The exporter answers from its cache for a moment (300 ms): scrape until the check-ins show.
        var text = await ScrapeTextAsync(_a);
        var deadline = DateTime.UtcNow + Timeouts.Call;
        while (CountOf(text, "CheckIn") == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            text = await ScrapeTextAsync(_a);
        }

        // Every hub of this test process feeds the instruments a scrape shows, so the counts are held against the
        // exporter's own, not against the calls made here.
        var reading = LoadTests.HubCallTimes.Between(new LoadTests.HubCallTimes.Scrape(), Parse(text));
        Assert.NotNull(reading["CheckIn"]);
        foreach (var (method, calls) in reading)
        {
            Assert.Equal(CountOf(text, method), (long)calls!["count"]!);
            Assert.InRange((double)calls["p50"]!, 0.0, (double)calls["p99"]!);
            Assert.InRange((double)calls["p99"]!, 0.0, 10_000.0); // the last finite bucket bound
        }
        // Between a scrape and itself, nothing was called.
        Assert.Empty(LoadTests.HubCallTimes.Between(Parse(text), Parse(text)));
    }

    static async Task<string> ScrapeTextAsync(HubApp node)
    {
        using var http = node.Http();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        return await http.GetStringAsync("/metrics").WaitAsync(Timeouts.Call);
    }

    static LoadTests.HubCallTimes.Scrape Parse(string text)
    {
        var scrape = new LoadTests.HubCallTimes.Scrape();
        LoadTests.HubCallTimes.Add(scrape, text);
        return scrape;
    }

    /// <summary>The exporter's own <c>_count</c> of one method's calls, summed over its series.</summary>
    static long CountOf(string text, string method) =>
        text.Split('\n').Where(l => l.StartsWith("eventhub_hub_call_duration_seconds_count{", StringComparison.Ordinal)
                && l.Contains($"method=\"{method}\"", StringComparison.Ordinal))
            .Sum(l => (long)double.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));

    static bool HasSample(string text, string metric, params string[] labels) =>
        text.Split('\n').Any(line => line.StartsWith(metric, StringComparison.Ordinal) && labels.All(line.Contains));

    static async Task Eventually(HubApp node, Func<string, bool> condition)
    {
        using var http = node.Http();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        var deadline = DateTime.UtcNow + Timeouts.Call;
        string text;
        do
        {
            text = await http.GetStringAsync("/metrics").WaitAsync(Timeouts.Call);
            if (condition(text)) return;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail("metrics never showed what was expected:\n" + string.Join('\n', text.Split('\n').Where(l => l.StartsWith("eventhub_"))));
    }
}
