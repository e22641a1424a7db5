using System.Text;
using EventHub.Domain.Forum;

namespace EventHub.Domain.Attendance;

/// <summary>
/// The award recipients the organisers know before the forum, by site and name. A name matches however it was
/// typed: NFC or decomposed, any case, extra spaces, and the tone mark on either vowel of "oa", "oe", "uy" (the old
/// "Hoà, Thuý" and the new "Hòa, Thúy" placements); but another tone, or none, is another name (Hòa is not Hoa).
/// </summary>
public sealed class AwardRecipients
{
    public static readonly AwardRecipients None = new([]);

    readonly HashSet<string> _keys;

    public AwardRecipients(IEnumerable<(string Site, string Name)> recipients) =>
        _keys = recipients.Select(r => KeyOf(r.Site, r.Name)).ToHashSet(StringComparer.Ordinal);

    public int Count => _keys.Count;

    public bool Contains(string site, string name) => _keys.Contains(KeyOf(site, name));

    /// <summary>"SITE\nfolded name": the form two spellings of one recipient share.</summary>
    public static string KeyOf(string site, string name) =>
        $"{site.Trim().ToUpperInvariant()}\n{string.Join(' ', Text.Key(name).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Syllable))}";

    // Huyền, sắc, ngã, hỏi, nặng: a syllable carries at most one, and where it sits is a matter of style.
    const string Tones = "\u0300\u0301\u0303\u0309\u0323";

    /// <summary>The syllable without its tone mark, then the tone: "hòa" and "hoà" both become "hoa" + grave.</summary>
    static string Syllable(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var tones = string.Concat(decomposed.Where(c => Tones.Contains(c)));
        if (tones.Length == 0) return word;
        return string.Concat(decomposed.Where(c => !Tones.Contains(c))).Normalize(NormalizationForm.FormC) + "/" + tones;
    }
}
