using EventHub.LoadTests;
using Spectre.Console.Cli;

var app = new CommandApp<RunCommand>();
app.Configure(c =>
{
    c.SetApplicationName("loadtests/run.sh");
    c.AddCommand<RepeatSummaryCommand>("summarise-repeats")
        .WithDescription("Median and range of every figure over loadtests/results/SCENARIO/runs/*/summary.json");
    c.AddCommand<QandAStormCommand>("qa-storm").WithDescription("Live Q&A at forum scale: questions, then every delegate votes at once");
    c.AddCommand<QandAStormCommand>("qa-storm-failover").WithDescription("qa-storm with a node killed halfway through the votes");
});
return await app.RunAsync(args);
