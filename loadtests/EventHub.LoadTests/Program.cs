using EventHub.LoadTests;
using Spectre.Console.Cli;

var app = new CommandApp<RunCommand>();
app.Configure(c => c.SetApplicationName("loadtests/run.sh"));
return await app.RunAsync(args);
