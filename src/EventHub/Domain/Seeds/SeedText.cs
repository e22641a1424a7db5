using System.Text;
using System.Text.RegularExpressions;

namespace EventHub.Domain.Seeds;

/// <summary>The rules every seed value follows, shared by the CSV and the JSON reader.</summary>
internal static partial class SeedText
{
    /// <summary>Why <paramref name="value"/> is not acceptable seed text, or null when it is.</summary>
    public static string? Problem(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return "is empty";
        // The same characters the hub refuses from a caller: a seeded name must not hide or reorder text either.
        if (Forum.Text.HasHiddenCharacters(value))
            return "has control or invisible characters (bidi overrides, zero-width spaces, line separators)";
        if (value.Trim().Length != value.Length)
            return "has leading or trailing spaces";
        // The same name typed on two keyboards can be two different byte strings; NFC makes them compare equal.
        if (!value.IsNormalized(NormalizationForm.FormC))
            return "is not NFC-normalised";
        return null;
    }

    /// <summary>Lowercase ASCII words joined by single hyphens: "ba-ria-vung-tau", "deputy-minister-speech".</summary>
    public static bool IsSlug(string value) => SlugPattern().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex SlugPattern();
}
