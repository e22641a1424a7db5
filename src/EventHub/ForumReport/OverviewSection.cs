namespace EventHub.ForumReport;

/// <summary>The forum (from the seeds), the log the report was built from, the headline figures and the programme.</summary>
sealed class OverviewSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var (t, f, record) = (page.T, page.Figures, page.Record);
        var forum = record.Seeds.Forum;
        page.Raw("<section id=\"overview\">\n")
            .Paragraph(t[forum.Organiser, forum.OrganiserEn], "organiser")
            .Heading(1, t[forum.Title, forum.TitleEn])
            .Paragraph(t[forum.Theme, forum.ThemeEn], "lead")
            .Paragraph($"{t["Ngày", "Date"]}: {t.Date(forum.Date)} · {t["Địa điểm", "Venue"]}: {t[forum.Venue, forum.VenueEn]} · " +
                       t[$"{record.Seeds.Sites.Count} điểm cầu tỉnh, thành phố", $"{record.Seeds.Sites.Count} provincial bridge points"], "meta")
            .Paragraph(t[$"Số liệu tính từ nhật ký sự kiện của tọa đàm (epoch {record.Epoch}, sự kiện 1–{record.Head}, sự kiện cuối lúc {LastAt(record, t)}, giờ Việt Nam).",
                         $"Figures computed from the forum's event log (epoch {record.Epoch}, events 1–{record.Head}, last event at {LastAt(record, t)}, Việt Nam time)."], "meta");

        page.Heading(2, t["Số liệu chính", "Key figures"]).KeyFigures("key-figures",
        [
            ("sites-checked-in", t["Điểm cầu đã điểm danh", "Sites that checked in"], f.SitesCheckedIn, $"{t.Number(f.SitesCheckedIn)} / {t.Number(f.Sites.Count)}"),
            ("peak-headcount", t["Số người cao nhất cùng lúc (tổng báo cáo của các điểm cầu)", "Most people at once (sum of the sites' headcounts)"],
                Peak(record), t.Number(Peak(record))),
            ("delegates", t["Đại biểu tham gia qua điện thoại", "Delegates who joined by phone"], f.Delegates, t.Number(f.Delegates)),
            ("awardees", t["Trong đó: đại biểu được khen thưởng", "Of whom award recipients"], f.AwardeeCount, t.Number(f.AwardeeCount)),
            ("roll-calls", t["Lượt điểm danh trực tuyến", "Roll calls"], f.RollCalls.Count, t.Number(f.RollCalls.Count)),
            ("speeches", t["Lượt phát biểu", "Speeches"], f.Speeches, t.Number(f.Speeches)),
            ("spoken-seconds", t["Tổng thời gian phát biểu", "Total speaking time"], (f.SpokenMs + 500) / 1000, t.Duration(f.SpokenMs)),
            ("sites-that-spoke", t["Điểm cầu đã phát biểu", "Sites that spoke"], f.SitesThatSpoke, t.Number(f.SitesThatSpoke)),
            ("sites-unheard", t["Điểm cầu đăng ký nhưng chưa được phát biểu", "Sites that asked and never spoke"], f.Unheard.Count, t.Number(f.Unheard.Count)),
        ]);

        page.Heading(2, t["Chương trình", "Programme"]).Table("programme",
            [new("#", true, "8mm"), new(t["Nội dung", "Item"]), new(t["Thời gian mỗi lượt", "Time per speaker"], true, "26mm"),
             new(t["Người phát biểu theo chương trình", "Scheduled speakers"], Width: "70mm")],
            forum.Programme.Select((item, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(t.Culture), t[item.Title, item.TitleEn], t.Duration(item.DefaultSpeakingSeconds * 1000L),
                string.Join("; ", item.Speakers.Select(s => $"{s.Name} ({t[s.Title, s.TitleEn]})")),
            ]));
        page.Raw("</section>\n");
    }

    static string LastAt(ForumRecord record, ReportText t) => record.LastAt is { } at ? t.DateTime(at) : "–";

    static long Peak(ForumRecord record) => record.Presence.Select(p => p.Headcount).DefaultIfEmpty().Max();
}
