using System.Globalization;
using System.Text;

namespace EventHub.ForumReport;

/// <summary>A column of a report table; numeric columns are right-aligned, a width (CSS) keeps long names from squeezing figures.</summary>
public sealed record Column(string Header, bool Numeric = false, string? Width = null);

/// <summary>One part of the printed report: it starts on a new page and writes its own headings, tables and charts.</summary>
public interface IReportSection
{
    void Write(ReportPage page);
}

/// <summary>
/// The HTML being written, with the record, its figures and the language each section reads. Every piece of text
/// passes through <see cref="ReportText.Html"/>; only the chart SVG (our own output) goes in as markup.
/// </summary>
public sealed class ReportPage(ForumRecord record, ReportFigures figures, ReportText text)
{
    readonly StringBuilder _html = new();

    public ForumRecord Record { get; } = record;
    public ReportFigures Figures { get; } = figures;
    public ReportText T { get; } = text;

    public ReportPage Raw(string html)
    {
        _html.Append(html);
        return this;
    }

    public ReportPage Heading(int level, string text, string? id = null) =>
        Raw($"<h{level}{(id is null ? "" : $" id=\"{id}\"")}>{ReportText.Html(text)}</h{level}>\n");

    public ReportPage Paragraph(string text, string? cssClass = null) =>
        Raw($"<p{(cssClass is null ? "" : $" class=\"{cssClass}\"")}>{ReportText.Html(text)}</p>\n");

    public ReportPage Figure(string svg, string caption) =>
        Raw($"<figure>{svg}<figcaption>{ReportText.Html(caption)}</figcaption></figure>\n");

    /// <summary>A table; a header repeats on every printed page the table runs over, and rows never split.</summary>
    public ReportPage Table(string id, IReadOnlyList<Column> columns, IEnumerable<IReadOnlyList<string>> rows, string? empty = null)
    {
        var list = rows.ToList();
        if (list.Count == 0) return Paragraph(empty ?? T["Không có.", "None."], "empty");
        var html = new StringBuilder($"<table id=\"{id}\">\n<colgroup>");
        foreach (var c in columns) html.Append(c.Width is null ? "<col>" : $"<col style=\"width:{c.Width}\">");
        html.Append("</colgroup>\n<thead><tr>");
        foreach (var c in columns) html.Append(c.Numeric ? "<th class=\"n\">" : "<th>").Append(ReportText.Html(c.Header)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in list)
        {
            html.Append("<tr>");
            for (var i = 0; i < columns.Count; i++)
                html.Append(columns[i].Numeric ? "<td class=\"n\">" : "<td>").Append(ReportText.Html(row[i])).Append("</td>");
            html.Append("</tr>\n");
        }
        return Raw(html.Append("</tbody></table>\n").ToString());
    }

    /// <summary>
    /// The headline figures as a two-column table; each value also carries its plain number (<c>data-value</c>) so
    /// that a check, or a person copying it, does not have to parse "1.234".
    /// </summary>
    public ReportPage KeyFigures(string id, IEnumerable<(string Key, string Label, long Value, string Shown)> figures)
    {
        var html = new StringBuilder($"<table id=\"{id}\" class=\"figures\"><tbody>\n");
        foreach (var (key, label, value, shown) in figures)
            html.Append($"<tr><th>{ReportText.Html(label)}</th><td class=\"n\" data-figure=\"{key}\" data-value=\"")
                .Append(value.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(ReportText.Html(shown)).Append("</td></tr>\n");
        return Raw(html.Append("</tbody></table>\n").ToString());
    }

    public override string ToString() => _html.ToString();
}
