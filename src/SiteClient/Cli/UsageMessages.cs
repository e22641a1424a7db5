using System.Text.RegularExpressions;

namespace EventHub.SiteClient.Cli;

/// <summary>
/// Spectre's parse errors come in English only ("Failed to convert 'abc' to Int32."): the ones a person meets
/// are matched here and said again in the run's language. One not listed keeps Spectre's words, marked as such;
/// the settings' own checks (<c>Validate</c>) already speak the run's language and pass through unchanged.
/// </summary>
static partial class UsageMessages
{
    static readonly (Regex Pattern, Phrase Phrase)[] Known =
    [
        (ConversionFailed(), Texts.ParseNotNumber),
        (UnknownCommand(), Texts.ParseUnknownCommand),
        (UnknownOption(), Texts.ParseUnknownOption),
        (MissingArgument(), Texts.ParseMissingArgument),
        (NoValue(), Texts.ParseNoValue),
        (ExtraArgument(), Texts.ParseExtraArgument),
        (FlagValue(), Texts.ParseFlagValue),
    ];

    /// <summary>The message in the run's language, with the user's own words (values, option names) kept.</summary>
    public static string Translate(string message)
    {
        foreach (var (pattern, phrase) in Known)
        {
            var match = pattern.Match(message);
            if (!match.Success) continue;
            return Texts.Format(phrase, [.. match.Groups.Values.Skip(1).Select(g => (object)g.Value)]);
        }
        // Spectre's words are plain ASCII English; every Vietnamese text of ours carries diacritics.
        return LanguageChoice.Current == Language.Vi && message.All(char.IsAscii) ? Texts.Format(Texts.ParseOther, message) : message;
    }

    [GeneratedRegex(@"^Failed to convert '(.*)' to \w+\.?$")]
    private static partial Regex ConversionFailed();

    [GeneratedRegex(@"^Unknown command '(.*)'\.?$")]
    private static partial Regex UnknownCommand();

    [GeneratedRegex(@"^Unknown option '(.*)'\.?$")]
    private static partial Regex UnknownOption();

    [GeneratedRegex(@"^Command '(.*)' is missing required argument '(.*)'\.?$")]
    private static partial Regex MissingArgument();

    [GeneratedRegex(@"^Option '(.*)' is defined but no value has been provided\.?$")]
    private static partial Regex NoValue();

    [GeneratedRegex(@"^Could not match '(.*)' with an argument\.?$")]
    private static partial Regex ExtraArgument();

    [GeneratedRegex(@"^Flags cannot be assigned a value\.?$")]
    private static partial Regex FlagValue();
}
