using System.ComponentModel;
using Spectre.Console.Cli;

namespace EventHub.LoadTests;

/// <summary>qa-storm and qa-storm-failover: the options run.sh passes, and the storm's own shape.</summary>
sealed class QandAStormSettings : ClusterSettings
{
    [CommandOption("--vote-seconds <SECONDS>")]
    [Description("The window in which every delegate votes (default 10)")]
    public int VoteSeconds { get; init; } = 10;

    [CommandOption("--votes-per-delegate <N>")]
    [Description("Distinct questions each delegate votes for (default 3)")]
    public int VotesPerDelegate { get; init; } = 3;

    /// <summary>The same people as forum-day: Population is shared with the other scenarios.</summary>
    public RunSettings ForPopulation(string scenario) => new()
    {
        Scenario = scenario, Hub = Hub, Bare = Bare, Credentials = Credentials, DelegatesPerSite = DelegatesPerSite,
        Protocol = Protocol, Out = Out, NodePids = NodePids, RedisPid = RedisPid, Nodes = Nodes,
    };

    public override Spectre.Console.ValidationResult Validate() =>
        ValidateCluster()
        ?? (VoteSeconds < 1 || VotesPerDelegate < 1 ? Spectre.Console.ValidationResult.Error("--vote-seconds and --votes-per-delegate are 1 or more")
            : Spectre.Console.ValidationResult.Success());
}
