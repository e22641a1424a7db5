namespace EventHub.ForumReport;

/// <summary>The speaker queue: speaking time per region (chart and table), per site, per speaker, and the sites never heard.</summary>
sealed class SpeakingSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var (t, f) = (page.T, page.Figures);
        page.Raw("<section id=\"speaking\">\n").Heading(2, t["Phát biểu", "Speeches"])
            .Figure(ReportCharts.SpeakingByRegion(f, t), t["Thời gian phát biểu theo vùng (phút).", "Speaking time per region (minutes)."]);

        var hall = f.Hall with { Region = t["Hội trường Hà Nội", "Hà Nội hall"] };
        page.Heading(3, t["Theo vùng", "By region"]).Table("speaking-regions",
            [new(t["Vùng", "Region"]), new(t["Lượt phát biểu", "Speeches"], true, "22mm"), new(t["Thời gian phát biểu", "Speaking time"], true, "26mm"),
             new(t["Tổng thời gian chờ", "Total waiting time"], true, "26mm")],
            f.Regions.Select(r => r with { Region = t.Region(r.Region) }).Append(hall).Select(r => (IReadOnlyList<string>)
                [r.Region, t.Number(r.Speeches), t.Duration(r.SpokenMs), t.Duration(r.WaitedMs)]));

        page.Heading(3, t["Theo điểm cầu", "By site"]).Table("speaking-sites",
            [new(t["Điểm cầu", "Site"]), new(t["Vùng", "Region"], Width: "48mm"), new(t["Lượt", "Speeches"], true, "16mm"),
             new(t["Thời gian phát biểu", "Speaking time"], true, "24mm"), new(t["Thời gian chờ", "Waiting time"], true, "22mm")],
            f.Sites.Where(s => s.Speeches > 0).Select(s => (IReadOnlyList<string>)
                [s.Site.Name, t.Region(s.Site.Region), t.Number(s.Speeches), t.Duration(s.SpokenMs), t.Duration(s.WaitedMs)]),
            t["Chưa điểm cầu nào phát biểu.", "No site has spoken."]);

        page.Heading(3, t["Người phát biểu", "Speakers"]).Table("speakers",
            [new(t["Họ và tên", "Name"]), new(t["Điểm cầu", "Site"], Width: "40mm"), new(t["Lượt", "Speeches"], true, "16mm"),
             new(t["Thời gian phát biểu", "Speaking time"], true, "24mm"), new(t["Thời gian chờ", "Waiting time"], true, "22mm")],
            f.Speakers.Select(s => (IReadOnlyList<string>)
            [
                s.Speaker, s.Site is null ? t["Hội trường Hà Nội", "Hà Nội hall"] : page.Record.Seeds.FindSite(s.Site)?.Name ?? s.Site,
                t.Number(s.Speeches), t.Duration(s.SpokenMs), t.Duration(s.WaitedMs),
            ]),
            t["Chưa có ai phát biểu.", "Nobody has spoken."]);

        page.Heading(3, t["Điểm cầu đã đăng ký nhưng chưa được phát biểu", "Sites that asked and never spoke"]).Table("unheard",
            [new(t["Điểm cầu", "Site"]), new(t["Vùng", "Region"], Width: "48mm"), new(t["Đăng ký của điểm cầu", "The site's requests"], Width: "60mm")],
            f.Unheard.Select(u => (IReadOnlyList<string>)
            [
                u.Site.Name, t.Region(u.Site.Region),
                string.Join(", ", u.Requests.Select(r => $"{t.Number(r.Value)} {t.Status(r.Key)}")),
            ]),
            t["Mọi điểm cầu đã đăng ký đều được phát biểu.", "Every site that asked had the floor."]);
        page.Raw("</section>\n");
    }
}
