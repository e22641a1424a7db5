using System.ComponentModel;
using Spectre.Console.Cli;

namespace EventHub.LoadTests;

sealed class RunSettings : ClusterSettings
{
    [CommandArgument(0, "<SCENARIO>")]
    [Description("smoke | checkin-storm | forum-day | failover | redis-restart | reconnect-storm")]
    public string Scenario { get; init; } = "";

    [CommandOption("--bare-fault <COMMAND>")]
    [Description("A shell command that cuts every bare client (reconnect-storm): run after the bare hub's replay")]
    public string? BareFault { get; init; }

    [CommandOption("--slices <N>")]
    [Description("forum-day, smoke: ours and the bare hub take turns, N slices of our traffic each followed by its replay (default 4 for forum-day up to 50 per site, 3 for smoke; 1 = ours whole, then the bare hub)")]
    public int? Slices { get; init; }

    [CommandOption("--warmup <SECONDS>")]
    [Description("forum-day with turns: seconds of our traffic, then its replay through the bare hub, before anything is measured (default 10; 0 for none)")]
    public int? Warmup { get; init; }

    [CommandOption("--machine-clock")]
    [Description("Time fixed work on each core once a second and report each turn's slowdown (turns[].machine_slowdown)")]
    public bool MachineClock { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        Scenario is not ("smoke" or "checkin-storm" or "forum-day" or "failover" or "redis-restart" or "reconnect-storm")
            ? Spectre.Console.ValidationResult.Error($"unknown scenario '{Scenario}'")
            : ValidateCluster()
              ?? (Slices is < 1 ? Spectre.Console.ValidationResult.Error("--slices is 1 or more")
                  : Warmup is < 0 ? Spectre.Console.ValidationResult.Error("--warmup is 0 or more seconds")
                  : Spectre.Console.ValidationResult.Success());
}
