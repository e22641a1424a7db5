// The namespaces every CLI verb uses: Spectre's command model, the hub's protocol and the forum state a verb reads.
global using EventHub.Domain.Forum;
global using EventHub.Domain.Protocol;
global using EventHub.SiteClient.Cli.Commands;
global using Spectre.Console;
global using Spectre.Console.Cli;
// Spectre's renderable; the domain's Text (input rules) is not used on this side of the wire.
global using Text = Spectre.Console.Text;
