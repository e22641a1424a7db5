using System.ComponentModel;
using Spectre.Console.Cli;

namespace EventHub.LoadTests;

sealed class RunSettings : CommandSettings
{
    [CommandArgument(0, "<SCENARIO>")]
    [Description("smoke | checkin-storm | forum-day | failover | redis-restart | reconnect-storm")]
    public string Scenario { get; init; } = "";

    [CommandOption("--hub <URL>")]
    [Description("EventHub's balancer URL (http://127.0.0.1:8080)")]
    public string Hub { get; init; } = "";

    [CommandOption("--bare <URL>")]
    [Description("The bare SignalR hub's balancer URL, for the baseline (skipped when absent)")]
    public string? Bare { get; init; }

    [CommandOption("--credentials <PATH>")]
    public string Credentials { get; init; } = "";

    [CommandOption("--delegates-per-site <N>")]
    [Description("Default: 2 for smoke, 0 for checkin-storm, 50 otherwise (100 for the stretch run)")]
    public int? DelegatesPerSite { get; init; }

    [CommandOption("--duration <SECONDS>")]
    [Description("Default: 15 for smoke, 60 otherwise")]
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

    [CommandOption("--bare-fault <COMMAND>")]
    [Description("A shell command that cuts every bare client (reconnect-storm): run after the bare hub's replay")]
    public string? BareFault { get; init; }

    [CommandOption("--redis-pid <PID>")]
    [Description("Redis's process id, for its CPU beside the nodes'")]
    public int? RedisPid { get; init; }

    [CommandOption("--fault <COMMAND>")]
    [Description("A shell command run during our traffic (kill a node, restart or stall Redis): one runs halfway; repeated, they are spread evenly (two at a third and two thirds)")]
    public string[]? Fault { get; init; }

    public IReadOnlyList<string> Faults => Fault ?? [];

    [CommandOption("--nodes <N>")]
    public int Nodes { get; init; } = 2;

    [CommandOption("--slices <N>")]
    [Description("forum-day, smoke: ours and the bare hub take turns, N slices of our traffic each followed by its replay (default 4 for forum-day up to 50 per site, 3 for smoke; 1 = ours whole, then the bare hub)")]
    public int? Slices { get; init; }

    [CommandOption("--warmup <SECONDS>")]
    [Description("forum-day with turns: seconds of our traffic, then its replay through the bare hub, before anything is measured (default 10; 0 for none)")]
    public int? Warmup { get; init; }

    [CommandOption("--machine-clock")]
    [Description("Time fixed work on each core once a second and report each turn's slowdown (turns[].machine_slowdown)")]
    public bool MachineClock { get; init; }

    [CommandOption("--no-churn")]
    [Description("Delegates' phones do not drop (forum-day, redis-restart): to see what their reconnects cost")]
    public bool NoChurn { get; init; }

    public bool Json => Protocol.Equals("json", StringComparison.OrdinalIgnoreCase);

    public override Spectre.Console.ValidationResult Validate() =>
        Scenario is not ("smoke" or "checkin-storm" or "forum-day" or "failover" or "redis-restart" or "reconnect-storm")
            ? Spectre.Console.ValidationResult.Error($"unknown scenario '{Scenario}'")
            : string.IsNullOrEmpty(Hub) || string.IsNullOrEmpty(Credentials)
                ? Spectre.Console.ValidationResult.Error("--hub and --credentials are required")
                : Protocol is not ("msgpack" or "json")
                    ? Spectre.Console.ValidationResult.Error("--protocol is msgpack or json")
                    : Slices is < 1
                        ? Spectre.Console.ValidationResult.Error("--slices is 1 or more")
                        : Warmup is < 0
                            ? Spectre.Console.ValidationResult.Error("--warmup is 0 or more seconds")
                            : Spectre.Console.ValidationResult.Success();
}
