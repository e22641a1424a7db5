using EventHub.LoadTests;
using Spectre.Console.Cli;

var app = new CommandApp<RunCommand>();
app.Configure(c =>
{
    c.SetApplicationName("loadtests/run.sh");
    c.AddCommand<RepeatSummaryCommand>("summarise-repeats")
        .WithDescription("Median and range of every figure over loadtests/results/SCENARIO/runs/*/summary.json");
});
return await app.RunAsync(args);
