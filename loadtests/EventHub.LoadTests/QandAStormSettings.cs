using System.ComponentModel;
using Spectre.Console.Cli;

namespace EventHub.LoadTests;

/// <summary>qa-storm and qa-storm-failover: the options run.sh passes, and the storm's own shape.</summary>
sealed class QandAStormSettings : CommandSettings
{
    [CommandOption("--hub <URL>")]
    public string Hub { get; init; } = "";

    [CommandOption("--bare <URL>")]
    [Description("The bare SignalR hub's balancer URL, for the baseline (skipped when absent)")]
    public string? Bare { get; init; }

    [CommandOption("--credentials <PATH>")]
    public string Credentials { get; init; } = "";

    [CommandOption("--delegates-per-site <N>")]
    [Description("Default 50 (3,100 delegates); 100 for the forum's full size")]
    public int? DelegatesPerSite { get; init; }

    [CommandOption("--duration <SECONDS>")]
    [Description("How long the questions take to come in (default 60: a tenth of the delegates ask within a minute)")]
    public int? Duration { get; init; }

    [CommandOption("--vote-seconds <SECONDS>")]
    [Description("The window in which every delegate votes (default 10)")]
    public int VoteSeconds { get; init; } = 10;

    [CommandOption("--votes-per-delegate <N>")]
    [Description("Distinct questions each delegate votes for (default 3)")]
    public int VotesPerDelegate { get; init; } = 3;

    [CommandOption("--protocol <NAME>")]
    public string Protocol { get; init; } = "msgpack";

    [CommandOption("--out <DIR>")]
    public string Out { get; init; } = "loadtests/results";

    [CommandOption("--node-pids <PIDS>")]
    public string? NodePids { get; init; }

    [CommandOption("--bare-pids <PIDS>")]
    public string? BarePids { get; init; }

    [CommandOption("--redis-pid <PID>")]
    public int? RedisPid { get; init; }

    [CommandOption("--fault <COMMAND>")]
    [Description("A shell command run halfway through the vote window (qa-storm-failover: kill -9 a node)")]
    public string[]? Fault { get; init; }

    [CommandOption("--nodes <N>")]
    public int Nodes { get; init; } = 2;

    [CommandOption("--no-churn")]
    [Description("Delegates' phones do not drop during the storm")]
    public bool NoChurn { get; init; }

    public IReadOnlyList<string> Faults => Fault ?? [];

    public bool Json => Protocol.Equals("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The same people as forum-day: Population is shared with the other scenarios.</summary>
    public RunSettings ForPopulation(string scenario) => new()
    {
        Scenario = scenario, Hub = Hub, Bare = Bare, Credentials = Credentials, DelegatesPerSite = DelegatesPerSite,
        Protocol = Protocol, Out = Out, NodePids = NodePids, RedisPid = RedisPid, Nodes = Nodes,
    };

    public override Spectre.Console.ValidationResult Validate() =>
        string.IsNullOrEmpty(Hub) || string.IsNullOrEmpty(Credentials) ? Spectre.Console.ValidationResult.Error("--hub and --credentials are required")
        : Protocol is not ("msgpack" or "json") ? Spectre.Console.ValidationResult.Error("--protocol is msgpack or json")
        : VoteSeconds < 1 || VotesPerDelegate < 1 ? Spectre.Console.ValidationResult.Error("--vote-seconds and --votes-per-delegate are 1 or more")
        : Spectre.Console.ValidationResult.Success();
}
