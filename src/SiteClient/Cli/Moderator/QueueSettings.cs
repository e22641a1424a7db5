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

/// <summary>Verbs that put a speaker on a list: a site asking the floor, the moderator adding one.</summary>
public class SpeakerSettings : ItemSettings
{
    [CommandOption("--speaker <NAME>")]
    [LocalizedDescription(nameof(Texts.OptSpeaker))]
    public string? Speaker { get; init; }

    [CommandOption("--title <TITLE>")]
    [LocalizedDescription(nameof(Texts.OptSpeakerTitle))]
    public string? SpeakerTitle { get; init; }

    [CommandOption("--topic <TOPIC>")]
    [LocalizedDescription(nameof(Texts.OptTopic))]
    public string? Topic { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Speaker) ? Fail(Texts.SpeakerRequired) : base.Validate();
}
