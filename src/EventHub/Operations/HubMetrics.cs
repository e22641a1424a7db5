using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EventHub.Operations;

/// <summary>
/// The hub's own instruments (meter "EventHub"), scraped at /metrics. Names follow OpenTelemetry; the
/// Prometheus exporter turns "eventhub.commands" into eventhub_commands_total and so on (docs/metrics.md).
/// </summary>
public sealed class HubMetrics
{
    public const string MeterName = "EventHub";

    readonly Counter<long> _commands;
    readonly Counter<long> _eventsCommitted;
    readonly Histogram<double> _fanOut;
    readonly Histogram<double> _commit;
    readonly Histogram<double> _delivery;
    readonly Histogram<long> _resumeEvents;
    readonly Counter<long> _backplaneErrors;
    readonly Counter<long> _fanoutErrors;
    readonly Counter<long> _refusals;
    readonly Histogram<double> _calls;

    public HubMetrics(IMeterFactory meters, IConnectionCounts connections, NodeIdentity node)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("eventhub.connections", () => connections.ByRole()
                .Select(c => new Measurement<int>(c.Count, new("role", c.Role), new("node", node.Name))),
            description: "Connections this node holds, by role");
        _commands = meter.CreateCounter<long>("eventhub.commands",
            description: "Hub calls by method and outcome (ok, or the error code)");
        _eventsCommitted = meter.CreateCounter<long>("eventhub.events.committed",
            description: "Events this node appended to the forum log, by type");
        _fanOut = meter.CreateHistogram<double>("eventhub.fanout.duration", unit: "s",
            description: "From commit to the last send of the event by this node",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _commit = meter.CreateHistogram<double>("eventhub.commit.duration", unit: "s",
            description: "From the event's time (the decision) to its commit (durable in the log)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _delivery = meter.CreateHistogram<double>("eventhub.delivery.delay", unit: "s",
            description: "From the event's time (the deciding node's clock) to this node starting to write it to its connections",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _resumeEvents = meter.CreateHistogram<long>("eventhub.resume.events",
            description: "Events sent per resume, by kind (events, or snapshot then events)",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [0, 1, 5, 20, 100, 500, 2000] });
        _backplaneErrors = meter.CreateCounter<long>("eventhub.backplane.errors",
            description: "Redis backplane connection failures");
        _fanoutErrors = meter.CreateCounter<long>("eventhub.fanout.errors",
            description: "Writes of an event or a position to this node's connections that failed (clients heal from the log)");
        _refusals = meter.CreateCounter<long>("eventhub.refusals",
            description: "Hub calls refused, by method, caller's role and error code");
        _calls = meter.CreateHistogram<double>("eventhub.hub.call.duration", unit: "s",
            description: "A hub call on this node, from its filters taking it to its answer (not its time in the caller's queues or on the wire), by method",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public void Command(string method, string outcome) =>
        _commands.Add(1, new KeyValuePair<string, object?>("method", method), new("outcome", outcome));

    public void CallTook(string method, TimeSpan took) =>
        _calls.Record(took.TotalSeconds, new KeyValuePair<string, object?>("method", method));

    public void Committed(string type) => _eventsCommitted.Add(1, new KeyValuePair<string, object?>("type", type));

    /// <summary>How long an event took to commit: from its time (ms since the epoch, taken before the append) to now.</summary>
    public void CommitTook(long eventAtMs, long nowMs) => _commit.Record(Math.Max(0, nowMs - eventAtMs) / 1000.0);

    /// <summary>This node starts writing an event to its connections (any node may have appended it).</summary>
    public void Delivering(long eventAtMs, long nowMs) => _delivery.Record(Math.Max(0, nowMs - eventAtMs) / 1000.0);

    public void FannedOut(long committedTimestamp) => _fanOut.Record(Stopwatch.GetElapsedTime(committedTimestamp).TotalSeconds);

    public void Resumed(int events, bool snapshot) =>
        _resumeEvents.Record(events, new KeyValuePair<string, object?>("kind", snapshot ? "snapshot" : "events"));

    public void Refused(string method, string role, string code) =>
        _refusals.Add(1, new KeyValuePair<string, object?>("method", method), new("role", role), new("code", code));

    public void BackplaneError(string reason) => _backplaneErrors.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void FanoutSendFailed() => _fanoutErrors.Add(1);
}

/// <summary>The connections this node holds, by role name: presence keeps them, the metrics only count them.</summary>
public interface IConnectionCounts
{
    IEnumerable<(string Role, int Count)> ByRole();
}
