using System.Text.RegularExpressions;

namespace EventHub.SiteClient.Cli;

/// <summary>Options every command takes.</summary>
public class CliSettings : CommandSettings
{
    [CommandOption("--hub <URL>")]
    [LocalizedDescription(nameof(Texts.OptHub))]
    public string? Hub { get; init; }

    [CommandOption("--lang <LANG>")]
    [LocalizedDescription(nameof(Texts.OptLang))]
    public string? Lang { get; init; }

    [CommandOption("--config <PATH>")]
    [LocalizedDescription(nameof(Texts.OptConfig))]
    public string? Config { get; init; }

    public override ValidationResult Validate()
    {
        if (Lang is not null && !LanguageChoice.TryParse(Lang, out _)) return Fail(Texts.BadLang);
        if (Hub is not null && !IsHubAddress(Hub)) return ValidationResult.Error(Texts.Format(Texts.BadHub, Hub));
        return ValidationResult.Success();
    }

    protected static ValidationResult Fail(Phrase phrase) => ValidationResult.Error(Texts.Get(phrase));

    static bool IsHubAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>Commands that wait for the hub.</summary>
public class TimedSettings : CliSettings
{
    [CommandOption("--timeout <SECONDS>")]
    [LocalizedDescription(nameof(Texts.OptTimeout))]
    public int Timeout { get; init; } = 30;

    public override ValidationResult Validate() =>
        Timeout < 0 ? Fail(Texts.BadTimeout) : base.Validate();
}

/// <summary>Commands that change the forum: they carry a command id, so a re-run is safe.</summary>
public partial class CommandOptions : TimedSettings
{
    [CommandOption("--command-id <ID>")]
    [LocalizedDescription(nameof(Texts.OptCommandId))]
    public string? CommandId { get; init; }

    public override ValidationResult Validate() =>
        CommandId is not null && !CommandIdShape().IsMatch(CommandId) ? Fail(Texts.BadCommandId) : base.Validate();

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex CommandIdShape();
}

/// <summary>Attendance verbs: the site they act for (see <see cref="Commands.SiteCommand{TSettings}"/>).</summary>
public class SiteSettings : CommandOptions
{
    [CommandOption("--site <CODE>")]
    [LocalizedDescription(nameof(Texts.OptActForSite))]
    public string? SiteCode { get; init; }

    /// <summary>The site named, spelt as the hub spells codes; null when none was (a host's own site).</summary>
    public string? Site => SiteNames.Code(SiteCode);
}
