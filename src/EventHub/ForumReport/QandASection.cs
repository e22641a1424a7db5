using EventHub.Domain.QandA;

namespace EventHub.ForumReport;

/// <summary>
/// Questions and proposals: the totals, a chart per topic, per region, per topic and per site, the most voted, and
/// every published proposal in full, grouped by topic. An anonymous author is never named here.
/// </summary>
sealed class QandASection : IReportSection
{
    public void Write(ReportPage page)
    {
        var (t, q) = (page.T, page.Figures.QandA);
        var total = q.Total;
        page.Raw("<section id=\"qanda\">\n").Heading(2, t["Câu hỏi và đề xuất", "Questions and proposals"]).KeyFigures("qanda-figures",
        [
            ("questions", t["Câu hỏi đã gửi", "Questions sent"], total.Questions, t.Number(total.Questions)),
            ("proposals", t["Đề xuất đã gửi", "Proposals sent"], total.Proposals, t.Number(total.Proposals)),
            ("qa-published", t["Đã công bố", "Published"], total.Published, t.Number(total.Published)),
            ("qa-answered", t["Đã trả lời", "Answered"], total.Answered, t.Number(total.Answered)),
            ("votes", t["Lượt bình chọn", "Votes"], total.Votes, t.Number(total.Votes)),
            ("qa-sites", t["Điểm cầu đã gửi", "Sites that sent"], q.Sites.Count, t.Number(q.Sites.Count)),
        ]);
        if (total.Sent == 0)
        {
            page.Paragraph(t["Không có câu hỏi hay đề xuất nào.", "No question or proposal was sent."], "empty").Raw("</section>\n");
            return;
        }
        page.Figure(ReportCharts.QuestionsByTopic(q, t), t["Câu hỏi và đề xuất theo chủ đề.", "Questions and proposals per topic."]);

        page.Heading(3, t["Theo vùng", "By region"]).Table("qanda-regions", TallyColumns(t, t["Vùng", "Region"]),
            q.Regions.Select(r => TallyRow(t, t.Region(r.Label), r)));
        page.Heading(3, t["Theo chủ đề", "By topic"]).Table("qanda-topics", TallyColumns(t, t["Chủ đề", "Topic"]),
            q.Topics.Select(r => TallyRow(t, ReportCharts.TopicLabel(r.Label, t), r)));
        page.Heading(3, t["Theo điểm cầu", "By site"]).Table("qanda-sites",
            [new(t["Điểm cầu", "Site"]), new(t["Câu hỏi", "Questions"], true, "20mm"), new(t["Đề xuất", "Proposals"], true, "20mm"),
             new(t["Đã công bố", "Published"], true, "22mm"), new(t["Đã trả lời", "Answered"], true, "22mm")],
            q.Sites.Select(s => (IReadOnlyList<string>)
                [s.Site.Name, t.Number(s.Sent.Questions), t.Number(s.Sent.Proposals), t.Number(s.Sent.Published), t.Number(s.Sent.Answered)]));

        page.Heading(3, t["Được bình chọn nhiều nhất", "Most voted"]).Table("qanda-top",
            [new("#", true, "8mm"), new(t["Nội dung", "Text"]), new(t["Loại", "Kind"], Width: "18mm"), new(t["Điểm cầu", "Site"], Width: "30mm"),
             new(t["Bình chọn", "Votes"], true, "18mm"), new(t["Trạng thái", "Status"], Width: "23mm")],
            q.Top.Select((row, i) => (IReadOnlyList<string>)
                [t.Number(i + 1), row.Text, Kind(row, t), SiteName(page, row), t.Number(row.Votes), Status(row, t)]),
            t["Chưa có câu hỏi nào được công bố.", "No question was published."]);

        page.Heading(3, t["Toàn văn các đề xuất, theo chủ đề", "The proposals in full, by topic"]);
        if (q.ProposalsByTopic.Count == 0) page.Paragraph(t["Không có đề xuất nào được công bố.", "No proposal was published."], "empty");
        foreach (var (topic, i) in q.ProposalsByTopic.Select((p, i) => (p, i)))
        {
            page.Heading(4, ReportCharts.TopicLabel(topic.Topic ?? "", t));
            page.Table($"proposals-{i + 1}",
                [new("#", true, "8mm"), new(t["Đề xuất", "Proposal"]), new(t["Người gửi", "From"], Width: "42mm"),
                 new(t["Bình chọn", "Votes"], true, "18mm"), new(t["Trạng thái", "Status"], Width: "23mm")],
                topic.Proposals.Select((row, n) => (IReadOnlyList<string>)
                    [t.Number(n + 1), row.Text, $"{Author(row, t)}, {SiteName(page, row)}", t.Number(row.Votes), Status(row, t)]));
        }
        page.Raw("</section>\n");
    }

    static IReadOnlyList<Column> TallyColumns(ReportText t, string first) =>
    [
        new(first), new(t["Câu hỏi", "Questions"], true, "18mm"), new(t["Đề xuất", "Proposals"], true, "18mm"),
        new(t["Đã công bố", "Published"], true, "20mm"), new(t["Đã trả lời", "Answered"], true, "20mm"),
        new(t["Bình chọn", "Votes"], true, "20mm"),
    ];

    static IReadOnlyList<string> TallyRow(ReportText t, string label, QandATally r) =>
        [label, t.Number(r.Questions), t.Number(r.Proposals), t.Number(r.Published), t.Number(r.Answered), t.Number(r.Votes)];

    static string SiteName(ReportPage page, QuestionRow row) => page.Record.Seeds.FindSite(row.Site)?.Name ?? row.Site;

    static string Kind(QuestionRow row, ReportText t) => row.Kind == "proposal" ? t["đề xuất", "proposal"] : t["câu hỏi", "question"];

    /// <summary>The author as the report may name them: never an anonymous one, and the site itself for its paper questions.</summary>
    static string Author(QuestionRow row, ReportText t) =>
        row.Anonymous ? t["Ẩn danh", "Anonymous"]
        : row.Author.Length == 0 ? t["Điểm cầu gửi", "Sent by the site"]
        : row.Author;

    static string Status(QuestionRow row, ReportText t) => row.Status switch
    {
        "answered" => t["đã trả lời", "answered"],
        "published" => t["đã công bố", "published"],
        _ => row.Status,
    };
}
