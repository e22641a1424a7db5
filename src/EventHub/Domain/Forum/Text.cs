using System.Text;

namespace EventHub.Domain.Forum;

/// <summary>
/// The one gate for human text: trimmed, NFC-normalised (so "Hòa" typed two ways compares equal),
/// bounded, free of control characters. Deciders call it before they decide.
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
        var text = value.Trim().Normalize(NormalizationForm.FormC);
        if (text.Length == 0) return null;
        if (text.Length > max) throw Errors.TooLong(field, max);
        foreach (var c in text)
            if (char.IsControl(c)) throw Errors.ControlCharacters(field);
        return text;
    }

    public static int InRange(int value, string field, int min, int max) =>
        value < min || value > max ? throw Errors.OutOfRange(field, min, max) : value;

    /// <summary>Folds case and NFC so that two spellings of one Vietnamese name match.</summary>
    public static string Key(string value) => value.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
}
