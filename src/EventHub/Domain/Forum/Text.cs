using System.Buffers;
using System.Globalization;
using System.Text;

namespace EventHub.Domain.Forum;

/// <summary>
/// The one gate for human text: trimmed, NFC-normalised (so "Hòa" typed two ways compares equal),
/// bounded, free of control and invisible characters. Deciders call it before they decide.
/// </summary>
public static class Text
{
    public const int NameMax = 120;
    public const int TopicMax = 300;

    public static string Required(string? value, string field, int max = NameMax) =>
        Optional(value, field, max) ?? throw Errors.Required(field);

    public static string? Optional(string? value, string field, int max = NameMax)
    {
        if (value is null) return null;
        var trimmed = value.Trim();
        if (trimmed.Length == 0) return null;
        // Checked before normalising: a lone surrogate makes Normalize throw.
        if (HasHiddenCharacters(trimmed)) throw Errors.ControlCharacters(field);
        var text = trimmed.Normalize(NormalizationForm.FormC);
        if (text.Length > max) throw Errors.TooLong(field, max);
        return text;
    }

    /// <summary>
    /// True when <paramref name="value"/> holds a character that is not shown as itself on a screen: control
    /// characters, format characters (bidi overrides and isolates, direction marks, zero-width spaces and joiners,
    /// the byte-order mark, the soft hyphen, tag characters), line and paragraph separators, the blank Hangul
    /// fillers, or a broken surrogate pair. Any of them can make a name on the projector read as another.
    /// Combining marks (category Mn, the tones of NFD Vietnamese) are ordinary text and pass.
    /// </summary>
    public static bool HasHiddenCharacters(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done) return true;
            if (IsHidden(rune)) return true;
            rest = rest[used..];
        }
        return false;
    }

    static bool IsHidden(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Surrogate
        || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0;

    public static int InRange(int value, string field, int min, int max) =>
        value < min || value > max ? throw Errors.OutOfRange(field, min, max) : value;

    /// <summary>Folds case and NFC so that two spellings of one Vietnamese name match.</summary>
    public static string Key(string value) => value.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
}
