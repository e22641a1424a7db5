namespace EventHub.ForumReport;

/// <summary>Attendance: the day's chart, regions, every site, the award recipients present and each roll call.</summary>
sealed class AttendanceSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var (t, f) = (page.T, page.Figures);
        var rollCalls = f.RollCalls.Count;
        page.Raw("<section id=\"attendance\">\n").Heading(2, t["Điểm danh và tham dự", "Attendance"])
            .Figure(ReportCharts.Attendance(page.Record.Presence, t),
                t["Số điểm cầu đang điểm danh và số người các điểm cầu báo cáo trong ngày.", "Sites checked in and the people they reported, over the day."]);

        page.Heading(3, t["Theo vùng", "By region"]).Table("attendance-regions",
            [new(t["Vùng", "Region"]), new(t["Số điểm cầu", "Sites"], true, "20mm"), new(t["Đã điểm danh", "Checked in"], true, "22mm"),
             new(t["Đại biểu", "Delegates"], true, "20mm"), new(t["Được khen thưởng", "Award recipients"], true, "24mm")],
            f.Regions.Select(r => (IReadOnlyList<string>)
                [t.Region(r.Region), t.Number(r.Sites), t.Number(r.SitesCheckedIn), t.Number(r.Delegates), t.Number(r.Awardees)]));

        page.Heading(3, t["Theo điểm cầu", "By site"]).Table("attendance-sites",
            [new(t["Điểm cầu", "Site"]), new(t["Mã", "Code"], Width: "12mm"), new(t["Điểm danh lúc", "Checked in at"], true, "18mm"),
             new(t["Số người cao nhất", "Most people"], true, "18mm"), new(t["Số người cuối ngày", "People at close"], true, "18mm"),
             new(t["Đại biểu", "Delegates"], true, "16mm"), new(t["Khen thưởng", "Awardees"], true, "18mm"),
             new(t["Trả lời điểm danh", "Roll calls answered"], true, "20mm")],
            f.Sites.Select(s => (IReadOnlyList<string>)
            [
                s.Site.Name, s.Site.Code, t.Time(s.FirstCheckIn), t.Number(s.PeakHeadcount), t.Number(s.Headcount),
                t.Number(s.Delegates), t.Number(s.Awardees), $"{t.Number(s.RollCallsAnswered)} / {t.Number(rollCalls)}",
            ]));

        page.Heading(3, t["Đại biểu được khen thưởng có mặt", "Award recipients present"]).Table("awardees",
            [new("#", true, "10mm"), new(t["Họ và tên", "Name"]), new(t["Cơ quan, đơn vị", "Agency"]), new(t["Điểm cầu", "Site"], Width: "40mm")],
            f.Awardees.Select((a, i) => (IReadOnlyList<string>)[t.Number(i + 1), a.Name, a.Agency ?? "", a.Site.Name]),
            t["Không có đại biểu được khen thưởng nào tham gia qua điện thoại.", "No award recipient joined by phone."]);

        page.Heading(3, t["Điểm danh trực tuyến", "Roll calls"]);
        if (f.RollCalls.Count == 0) page.Paragraph(t["Không có lượt điểm danh nào.", "No roll call was held."], "empty");
        foreach (var r in f.RollCalls)
        {
            page.Paragraph(t[$"Lượt {r.Id}: bắt đầu {t.Time(r.StartedAt)}, hạn {t.Time(r.DeadlineAt)}; {r.Answered.Count}/{r.Answered.Count + r.Missing.Count} điểm cầu trả lời.",
                             $"Roll call {r.Id}: started {t.Time(r.StartedAt)}, deadline {t.Time(r.DeadlineAt)}; {r.Answered.Count} of {r.Answered.Count + r.Missing.Count} sites answered."]);
            page.Table($"rollcall-{r.Id}", [new(t["Trả lời", "Answered"]), new(t["Không trả lời", "Did not answer"])],
                [[string.Join(", ", r.Answered.Select(s => s.Name)), string.Join(", ", r.Missing.Select(s => s.Name))]]);
        }
        page.Raw("</section>\n");
    }
}
