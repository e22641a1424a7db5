using System.Globalization;
using System.Text;
using CsCheck;
using EventHub.Domain.Forum;

namespace EventHub.Domain.Tests.Forum;

/// <summary>
/// The text gate keeps every Vietnamese letter, typed precomposed (NFC) or with combining marks (NFD), and refuses
/// every character that could hide or reorder a name on the projector.
/// </summary>
public sealed class TextTests
{
    // The vowels of Vietnamese with their breve, circumflex or horn as combining marks, then the consonants.
    static readonly string[] Vowels =
        ["a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031B", "u", "u\u031B", "y"];
    static readonly string[] Consonants =
        ["b", "c", "d", "\u0111", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x"];

    // No tone, huyền, sắc, hỏi, ngã, nặng.
    static readonly string[] Tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];

    /// <summary>Every Vietnamese letter in both cases, written as a base letter followed by combining marks.</summary>
    static readonly string[] Letters = Vowels.SelectMany(v => Tones.Select(t => v + t)).Concat(Consonants)
        .SelectMany(letter => new[] { letter, letter.ToUpperInvariant() })
        .ToArray();

    static readonly int[] Hidden =
    [
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C,
        0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, 0x00AD, 0x180E,
        0x2028, 0x2029, 0x0000, 0x0007, 0x000A, 0x000D, 0x001B, 0x007F, 0x0085, 0x009B,
        0x115F, 0x1160, 0x3164, 0xFFA0, 0xE0001, 0xE0041, 0x1D173,
    ];

    static readonly Gen<string> Word = Gen.Int[0, Letters.Length - 1].Array[1, 8]
        .Select(picks => string.Concat(picks.Select(i => Letters[i])));

    static readonly Gen<string> Name = Word.Array[1, 5].Select(words => string.Join(' ', words))
        .Where(name => name.Normalize(NormalizationForm.FormC).Length <= Text.NameMax);

    [Fact]
    public void VietnameseNames_InNfcOrNfd_AreKeptAsTheirNfcForm() =>
        Name.Sample(name =>
        {
            var nfc = name.Normalize(NormalizationForm.FormC);
            Assert.Equal(nfc, Text.Required(name, "name"));
            Assert.Equal(nfc, Text.Required(name.Normalize(NormalizationForm.FormD), "name"));
            Assert.Equal(nfc, Text.Required(nfc, "name"));
        }, iter: 2000);

    [Fact]
    public void AnyHiddenCharacter_AnywhereInAVietnameseName_IsRefused() =>
        Gen.Select(Name, Gen.Int[0, Hidden.Length - 1], Gen.Int[0, 200]).Sample((name, pick, at) =>
        {
            // Inside the text: at its edges, whitespace among them (U+2028, U+0085 …) is trimmed away like a space.
            var cut = 1 + at % name.Length;
            var text = name[..cut] + char.ConvertFromUtf32(Hidden[pick]) + name[cut..] + "a";
            var error = Assert.Throws<ForumRuleException>(() => Text.Optional(text, "speaker"));
            Assert.Equal("input.control_characters", error.Error.Code);
        }, iter: 2000);

    [Fact]
    public void EveryFormatControlAndSeparatorCharacter_IsRefused_AndEveryCombiningMarkIsKept()
    {
        for (var code = 0; code <= 0x10FFFF; code++)
        {
            if (code is >= 0xD800 and <= 0xDFFF) continue;
            var text = "a" + char.ConvertFromUtf32(code) + "b";
            switch (CharUnicodeInfo.GetUnicodeCategory(code))
            {
                case UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator:
                    Assert.True(Text.HasHiddenCharacters(text), $"U+{code:X4}");
                    break;
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark:
                    Assert.False(Text.HasHiddenCharacters(text), $"U+{code:X4}");
                    Assert.NotNull(Text.Optional(text, "name", int.MaxValue));
                    break;
            }
        }
    }

    // A Fact, not a Theory: xunit turns a lone surrogate in InlineData into U+FFFD before the test sees it.
    [Fact]
    public void ABrokenSurrogatePair_IsRefused_NotACrash()
    {
        foreach (var text in new[] { "\uD800", "Lê \uDC00Văn", "\uDBFFx" })
        {
            var error = Assert.Throws<ForumRuleException>(() => Text.Optional(text, "name"));
            Assert.Equal("input.control_characters", error.Error.Code);
        }
    }

    [Theory]
    [InlineData("Nguyễn Thị Minh Khai")]
    [InlineData("ĐẶNG THÙY TRÂM")]
    [InlineData("Hồ Xuân Hương – Sở Văn hóa, Thể thao và Du lịch")]
    [InlineData("Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu (2024)")]
    [InlineData("Chị Ngô Thị Ỷ Lan 🌾")]
    public void OrdinaryNamesAndTitles_Pass(string text) => Assert.Equal(text, Text.Required(text, "name"));
}
