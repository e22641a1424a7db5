using ScottPlot;

namespace EventHub.ForumReport;

static partial class ReportCharts
{
    /// <summary>Questions and proposals per topic, stacked horizontal bars (topic names stay readable), the first topic at the top.</summary>
    public static string QuestionsByTopic(QandAFigures figures, ReportText t)
    {
        var plot = NewPlot();
        var rows = figures.Topics.Select(r => (Label: TopicLabel(r.Label, t), r.Questions, r.Proposals)).Reverse().ToList();
        var questionColor = Colors.SteelBlue;
        var proposalColor = Colors.DarkOrange;
        var bars = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (_, questions, proposals) = rows[i];
            bars.Add(new Bar { Position = i, ValueBase = 0, Value = questions, FillColor = questionColor });
            bars.Add(new Bar
            {
                Position = i, ValueBase = questions, Value = questions + proposals, FillColor = proposalColor,
                Label = (questions + proposals).ToString(t.Culture),
            });
        }
        var plotted = plot.Add.Bars(bars);
        plotted.Horizontal = true;
        plotted.ValueLabelStyle.FontSize = 11;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = t["Câu hỏi", "Questions"], FillColor = questionColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = t["Đề xuất", "Proposals"], FillColor = proposalColor });
        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray(), rows.Select(r => r.Label).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.Label.Text = t["Số câu hỏi và đề xuất", "Questions and proposals"];
        plot.Axes.Margins(left: 0, right: 0.15);
        return Svg(plot, "questions-chart");
    }

    /// <summary>A topic's name in the report; the questions that named none go under one label.</summary>
    public static string TopicLabel(string topic, ReportText t) => topic.Length > 0 ? topic : t["Chưa gắn chủ đề", "No topic"];
}
