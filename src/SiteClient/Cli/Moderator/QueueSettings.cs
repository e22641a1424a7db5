using Spectre.Console;
using Spectre.Console.Cli;

namespace EventHub.SiteClient.Cli.Moderator;

/// <summary>Verbs that name one entry of a speaker list.</summary>
public class RequestIdSettings : CommandOptions
{
    [CommandArgument(0, "<REQUEST>")]
    [LocalizedDescription(nameof(Texts.ArgRequest))]
    public string RequestId { get; init; } = "";
}

/// <summary>Verbs on a list: the current item's unless <c>--item</c> names another.</summary>
public class ItemSettings : CommandOptions
{
    [CommandOption("--item <ID>")]
    [LocalizedDescription(nameof(Texts.OptItem))]
    public string? Item { get; init; }
}

/// <summary>Verbs that give the floor, with an optional speaking time for this speech.</summary>
public class FloorSettings : CommandOptions
{
    [CommandOption("--limit <SECONDS>")]
    [LocalizedDescription(nameof(Texts.OptLimit))]
    public int? Limit { get; init; }

    public override ValidationResult Validate() =>
        Limit is < 1 or > 3600 ? Fail(Texts.SecondsRange) : base.Validate();
}
