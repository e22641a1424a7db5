using System.Text;

namespace EventHub.ForumReport;

/// <summary>
/// report.html and report.en.html: one self-contained page (styles and SVG charts inline, no script, no link
/// out) laid out for A4. Each section starts a new printed page; a new part of the report is one
/// more <see cref="IReportSection"/> in <see cref="Sections"/>.
/// </summary>
public static class ReportHtml
{
    static readonly IReportSection[] Sections =
    [
        new OverviewSection(),
        new AttendanceSection(),
        new SpeakingSection(),
        new QandASection(),
    ];

    public static string Render(ForumRecord record, ReportFigures figures, ReportText t)
    {
        var page = new ReportPage(record, figures, t);
        foreach (var section in Sections) section.Write(page);
        var forum = record.Seeds.Forum;
        return new StringBuilder()
            .Append($"<!DOCTYPE html>\n<html lang=\"{t.Lang}\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append($"<title>{ReportText.Html(t["Báo cáo tọa đàm", "Forum report"])}: {ReportText.Html(t[forum.Title, forum.TitleEn])}</title>\n")
            .Append("<style>\n").Append(Style(t)).Append("</style>\n</head>\n<body>\n")
            .Append(page)
            .Append("</body>\n</html>\n")
            .ToString();
    }

    /// <summary>
    /// A4 with room for a page number; tables wrap their text instead of running off the page (fixed layout,
    /// breakable words), repeat their header on each page and never split a row.
    /// </summary>
    static string Style(ReportText t) => $$"""
        @page { size: A4; margin: 16mm 14mm 18mm 14mm;
          @bottom-center { content: "{{t["Trang", "Page"]}} " counter(page) " / " counter(pages); font: 8pt "DejaVu Sans", sans-serif; color: #555; } }
        * { box-sizing: border-box; }
        html { font: 10pt/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; }
        body { margin: 0 auto; max-width: 182mm; }
        section { break-before: page; }
        section:first-of-type { break-before: auto; }
        h1 { font-size: 17pt; margin: 0 0 4mm; }
        h2 { font-size: 14pt; border-bottom: 1.5pt solid #8b0000; padding-bottom: 1mm; margin: 0 0 4mm; }
        h3 { font-size: 11pt; margin: 6mm 0 2mm; break-after: avoid; }
        h4 { font-size: 10pt; margin: 4mm 0 1.5mm; break-after: avoid; }
        p.lead { font-size: 11pt; } p.meta { color: #444; } p.empty { color: #555; font-style: italic; }
        .organiser { text-transform: uppercase; letter-spacing: .04em; color: #8b0000; font-weight: bold; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 4mm; font-size: 9pt; }
        th, td { border: .5pt solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        thead { display: table-header-group; }
        thead th { background: #eee; }
        tr { break-inside: avoid; }
        .n { text-align: right; font-variant-numeric: tabular-nums; }
        table.figures { width: 70%; } table.figures th { font-weight: normal; background: none; }
        figure { margin: 2mm 0 5mm; break-inside: avoid; }
        figure svg { display: block; width: 100%; height: auto; }
        figcaption { font-size: 8.5pt; color: #444; text-align: center; }
        """;
}
