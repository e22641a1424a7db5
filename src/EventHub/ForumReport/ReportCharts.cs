using EventHub.Domain.Seeds;
using System.Text.RegularExpressions;
using ScottPlot;

namespace EventHub.ForumReport;

/// <summary>
/// The report's charts, drawn on the server as SVG (ScottPlot over Skia's SVG canvas) and embedded inline, so the
/// report needs no script, no network and prints as vectors.
/// </summary>
static partial class ReportCharts
{
    const int Width = 760;
    const int Height = 320;

    /// <summary>Sites checked in (left axis) and people they reported (right axis) over the day, in Việt Nam time.</summary>
    public static string Attendance(IReadOnlyList<PresencePoint> points, ReportText t)
    {
        var plot = NewPlot();
        if (points.Count > 0)
        {
            var xs = points.Select(p => ReportText.LocalTime(p.At).DateTime.ToOADate()).ToArray();
            var sites = plot.Add.Scatter(xs, points.Select(p => (double)p.SitesPresent).ToArray());
            sites.ConnectStyle = ConnectStyle.StepHorizontal;
            sites.MarkerSize = 0;
            sites.LineWidth = 2;
            sites.LegendText = t["Điểm cầu đang điểm danh", "Sites checked in"];
            var people = plot.Add.Scatter(xs, points.Select(p => (double)p.Headcount).ToArray());
            people.ConnectStyle = ConnectStyle.StepHorizontal;
            people.MarkerSize = 0;
            people.LinePattern = LinePattern.Dashed;
            people.Axes.YAxis = plot.Axes.Right;
            people.LegendText = t["Số người báo cáo (trục phải)", "People reported (right axis)"];
            var time = plot.Axes.DateTimeTicksBottom();
            if (time.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
                ticks.LabelFormatter = at => at.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            plot.ShowLegend(Alignment.LowerRight);
        }
        plot.Axes.Left.Label.Text = t["Điểm cầu", "Sites"];
        plot.Axes.Right.Label.Text = t["Người", "People"];
        plot.Axes.Bottom.Label.Text = t["Giờ Việt Nam (UTC+7)", "Việt Nam time (UTC+7)"];
        // Both axes from zero, so the two lines' heights compare.
        plot.Axes.SetLimitsY(0, Math.Max(1, points.Select(p => p.SitesPresent).DefaultIfEmpty().Max()) * 1.1, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(1, points.Select(p => p.Headcount).DefaultIfEmpty().Max()) * 1.1, plot.Axes.Right);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        return Svg(plot, "attendance-chart");
    }

    /// <summary>Minutes spoken per region (and the hall), horizontal bars so the region names stay readable.</summary>
    public static string SpeakingByRegion(ReportFigures figures, ReportText t)
    {
        var plot = NewPlot();
        var rows = figures.Regions.Select(r => (Label: t.Region(r.Region), r.SpokenMs))
            .Append((Label: t["Hội trường Hà Nội", "Hà Nội hall"], figures.Hall.SpokenMs))
            .Reverse() // the first region at the top
            .ToList();
        var bars = plot.Add.Bars(rows.Select(r => r.SpokenMs / 60_000.0).ToArray());
        bars.Horizontal = true;
        foreach (var bar in bars.Bars) bar.Label = bar.Value.ToString("0.#", t.Culture);
        bars.ValueLabelStyle.FontSize = 11;
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray(), rows.Select(r => r.Label).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.Label.Text = t["Phút phát biểu", "Minutes spoken"];
        plot.Axes.Margins(left: 0, right: 0.15);
        return Svg(plot, "speaking-chart");
    }

    static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans"); // has every Vietnamese letter; Chromium has it on Debian too
        return plot;
    }

    /// <summary>
    /// The SVG element alone (no XML declaration inside HTML), scaled to its container by a viewBox instead of fixed
    /// pixels so it fits the A4 column, with its clip ids named after the chart: Skia numbers them from a
    /// process-wide counter, so two charts on one page, or the same log twice, would otherwise differ.
    /// </summary>
    static string Svg(Plot plot, string name)
    {
        var svg = plot.GetSvgHtml(Width, Height);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var end = svg.IndexOf('>', start);
        var body = svg[(end + 1)..];
        var ids = ClipId().Matches(body).Select(m => m.Groups[1].Value).Distinct().ToList();
        for (var i = 0; i < ids.Count; i++) body = body.Replace($"#{ids[i]})", $"#{name}-clip-{i + 1})").Replace($"id=\"{ids[i]}\"", $"id=\"{name}-clip-{i + 1}\"");
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">{body}";
    }

    [GeneratedRegex("id=\"([^\"]+)\"")]
    private static partial Regex ClipId();
}
