using System.ComponentModel;
using Spectre.Console.Cli;

namespace EventHub.LoadTests;

/// <summary>The options every scenario takes from run.sh: where the cluster is, who to bring, and what to watch.</summary>
abstract class ClusterSettings : CommandSettings
{
    [CommandOption("--hub <URL>")]
    [Description("EventHub's balancer URL (http://127.0.0.1:8080)")]
    public string Hub { get; init; } = "";

    [CommandOption("--bare <URL>")]
    [Description("The bare SignalR hub's balancer URL, for the baseline (skipped when absent)")]
    public string? Bare { get; init; }

    [CommandOption("--credentials <PATH>")]
    public string Credentials { get; init; } = "";

    [CommandOption("--delegates-per-site <N>")]
    [Description("Default: 2 for smoke, 0 for checkin-storm, 50 otherwise (100 for the forum's full size)")]
    public int? DelegatesPerSite { get; init; }

    [CommandOption("--duration <SECONDS>")]
    [Description("Default: 15 for smoke, 60 otherwise (qa-storm: how long the questions take to come in)")]
    public int? Duration { get; init; }

    [CommandOption("--protocol <NAME>")]
    [Description("msgpack (default) | json")]
    public string Protocol { get; init; } = "msgpack";

    [CommandOption("--out <DIR>")]
    public string Out { get; init; } = "loadtests/results";

    [CommandOption("--node-pids <PIDS>")]
    [Description("Comma-separated process ids of the hub nodes, for CPU and memory figures")]
    public string? NodePids { get; init; }

    [CommandOption("--bare-pids <PIDS>")]
    [Description("Comma-separated process ids of the bare hub's nodes, for their memory beside ours")]
    public string? BarePids { get; init; }

    [CommandOption("--node-metrics <URLS>")]
    [Description("Comma-separated base URLs of the hub nodes' management ports, for the hub's own time per call")]
    public string? NodeMetrics { get; init; }

    [CommandOption("--redis-pid <PID>")]
    [Description("Redis's process id, for its CPU beside the nodes'")]
    public int? RedisPid { get; init; }

    [CommandOption("--fault <COMMAND>")]
    [Description("A shell command run during our traffic (kill a node, restart or stall Redis): one runs halfway; repeated, they are spread evenly (qa-storm-failover: halfway through the votes)")]
    public string[]? Fault { get; init; }

    public IReadOnlyList<string> Faults => Fault ?? [];

    [CommandOption("--nodes <N>")]
    public int Nodes { get; init; } = 2;

    [CommandOption("--no-churn")]
    [Description("Delegates' phones do not drop (forum-day, redis-restart, qa-storm): to see what their reconnects cost")]
    public bool NoChurn { get; init; }

    public bool Json => Protocol.Equals("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The checks every scenario shares; null when they pass.</summary>
    protected Spectre.Console.ValidationResult? ValidateCluster() =>
        string.IsNullOrEmpty(Hub) || string.IsNullOrEmpty(Credentials) ? Spectre.Console.ValidationResult.Error("--hub and --credentials are required")
        : Protocol is not ("msgpack" or "json") ? Spectre.Console.ValidationResult.Error("--protocol is msgpack or json")
        : null;
}
