using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace EventHub.SiteClient.Cli;

/// <summary>
/// Spectre's help page with its own headings in Vietnamese. Spectre ships no Vietnamese resources, so the page
/// is rendered as usual and the few fixed words are swapped segment by segment, styles kept; the descriptions
/// themselves already come from <see cref="Texts"/>.
/// </summary>
sealed class LocalizedHelp(ICommandAppSettings settings) : HelpProvider(settings)
{
    static readonly Dictionary<string, string> Vietnamese = new(StringComparer.Ordinal)
    {
        ["DESCRIPTION:"] = "MÔ TẢ:",
        ["USAGE:"] = "CÁCH DÙNG:",
        ["EXAMPLES:"] = "VÍ DỤ:",
        ["ARGUMENTS:"] = "THAM SỐ:",
        ["OPTIONS:"] = "TÙY CHỌN:",
        ["COMMANDS:"] = "LỆNH:",
        ["DEFAULT"] = "MẶC ĐỊNH",
        ["[OPTIONS]"] = "[TÙY-CHỌN]",
        ["<COMMAND>"] = "<LỆNH>",
    };

    // Spectre writes this one word by word, so it is swapped over the whole line.
    const string HelpOption = "Prints help information";
    const string HelpOptionVi = "Hiện hướng dẫn này";

    public override IEnumerable<IRenderable> Write(ICommandModel model, ICommandInfo? command)
    {
        var page = base.Write(model, command);
        return LanguageChoice.Current == Language.En ? page : page.Select(r => new Swapped(r));
    }

    sealed class Swapped(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
        {
            var line = new List<Segment>();
            foreach (var segment in inner.Render(options, maxWidth))
            {
                if (!segment.IsLineBreak)
                {
                    line.Add(segment);
                    continue;
                }
                foreach (var done in SwapLine(line)) yield return done;
                line.Clear();
                yield return segment;
            }
            foreach (var done in SwapLine(line)) yield return done;
        }

        static IEnumerable<Segment> SwapLine(List<Segment> line)
        {
            var text = string.Concat(line.Where(s => !s.IsControlCode).Select(s => s.Text));
            if (!text.Contains(HelpOption, StringComparison.Ordinal)) return line.Select(Swap).ToList();
            return [new Segment(text.Replace(HelpOption, HelpOptionVi.PadRight(HelpOption.Length), StringComparison.Ordinal))];
        }

        static Segment Swap(Segment segment)
        {
            if (segment.IsControlCode || segment.IsLineBreak) return segment;
            var text = segment.Text;
            var trimmed = text.TrimEnd();
            if (!Vietnamese.TryGetValue(trimmed, out var word)) return segment;
            // Keep the cell's width so table columns stay aligned.
            var swapped = word + text[trimmed.Length..];
            if (swapped.Length < text.Length) swapped = swapped.PadRight(text.Length);
            return new Segment(swapped, segment.Style);
        }
    }
}
