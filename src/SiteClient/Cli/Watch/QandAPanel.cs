using EventHub.Domain.QandA;
using Spectre.Console.Rendering;

namespace EventHub.SiteClient.Cli.Watch;

/// <summary>The dashboard's Q&A lines: the question "now answering" and the published ones with the most votes.</summary>
static class QandAPanel
{
    const int Top = 3;

    /// <summary>Nothing until a question is published.</summary>
    public static IRenderable? Render(QandAState qa)
    {
        var now = QandAQueries.NowAnswering(qa);
        var top = QandAQueries.Top(qa, Top);
        if (now is null && top.Count == 0) return null;
        var lines = new List<IRenderable>();
        if (now is not null)
            lines.Add(new Markup($"[bold]{Markup.Escape(Texts.Get(Texts.NowAnswering))}:[/] {Markup.Escape(now.Text)}"));
        foreach (var q in top)
            lines.Add(new Text(Texts.Format(Texts.TopQuestionLine, q.Votes, q.Site, q.Text)));
        return new Panel(new Rows(lines)).Header(Texts.Get(Texts.QandATitle)).Border(BoxBorder.Rounded);
    }
}
