namespace EventHub.SiteClient.Cli;

public enum Language { Vi, En }

/// <summary>
/// The language of one run: <c>--lang</c> wins over <c>EVENTHUB_LANG</c>, Vietnamese otherwise. It is known before
/// Spectre builds its command model, because the help text (from attributes) is already in that language.
/// </summary>
public static class LanguageChoice
{
    static readonly AsyncLocal<Language> Ambient = new();

    public static Language Current => Ambient.Value;

    public static void Use(Language language) => Ambient.Value = language;

    public static bool TryParse(string? value, out Language language)
    {
        language = Language.Vi;
        switch (value?.Trim().ToLowerInvariant())
        {
            case "vi" or "vi-vn": return true;
            case "en" or "en-us" or "en-gb": language = Language.En; return true;
            default: return false;
        }
    }

    /// <summary>Finds <c>--lang X</c> or <c>--lang=X</c> in the raw arguments; unparseable values fall back (the parser reports them).</summary>
    public static Language Resolve(IReadOnlyList<string> args, string? environmentValue)
    {
        for (var i = 0; i < args.Count; i++)
        {
            string? value = null;
            if (args[i] == "--lang" && i + 1 < args.Count) value = args[i + 1];
            else if (args[i].StartsWith("--lang=", StringComparison.Ordinal)) value = args[i]["--lang=".Length..];
            if (value is not null && TryParse(value, out var fromArgs)) return fromArgs;
        }
        return TryParse(environmentValue, out var fromEnv) ? fromEnv : Language.Vi;
    }
}
