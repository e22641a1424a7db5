using System.Globalization;
using CsvHelper;
using EventHub.Domain.Attendance;
using EventHub.Operations;

namespace EventHub.Attendance;

/// <summary>
/// The attendance report as one flat table Excel opens directly: UTF-8 with a byte-order mark (without it Excel
/// guesses a legacy code page and mangles "Hồ Chí Minh"), one row per fact, times in Việt Nam time with the zone
/// written out (UTC+7, no DST). Headers and words in Vietnamese, or in English (<c>?lang=en</c>) for scripts.
/// </summary>
public static class AttendanceCsv
{
    static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The words of one language: headers, record kinds, notes.</summary>
    sealed record Words(string[] Header, string CheckIn, string Headcount, string Delegate, string RollCall, string HostLost,
        string Absent, string Yes, string No, string Readmitted, string Removed, string Missing, string Answered, string LastHeard);

    static readonly Words English = new(
        ["Site", "SiteName", "Record", "From", "To", "Name", "Agency", "Awardee", "Headcount", "Note"],
        "checkin", "headcount", "delegate", "rollcall", "host_lost", "absent", "yes", "no", "readmitted", "removed", "missing",
        "answered", "last heard");

    static readonly Words Vietnamese = new(
        ["Mã điểm cầu", "Điểm cầu", "Loại", "Từ", "Đến", "Họ tên", "Cơ quan", "Khen thưởng", "Số người", "Ghi chú"],
        "điểm danh", "số người", "đại biểu", "điểm danh nhanh", "mất kết nối", "vắng mặt", "có", "không", "cho tham gia lại",
        "đã bị loại", "chưa trả lời", "đã trả lời", "lần cuối");

    /// <summary>The column names, in order, in each language (the report bundle's README names them).</summary>
    public static IReadOnlyList<string> EnglishHeader => English.Header;
    public static IReadOnlyList<string> VietnameseHeader => Vietnamese.Header;

    public static byte[] Write(AttendanceReport report, bool english = false)
    {
        var words = english ? English : Vietnamese;
        return ExcelCsv.Write(words.Header, report.Sites.SelectMany(site => Rows(site, words)));
    }

    /// <summary>One row per fact, in the header's column order.</summary>
    static IEnumerable<string[]> Rows(SiteAttendanceReport site, Words w)
    {
        string[] R(string record, long? from, long? to, string name = "", string agency = "", string awardee = "",
            string headcount = "", string note = "") =>
            [site.Site, site.Name, record, Time(from), Time(to), name, agency, awardee, headcount, note];

        foreach (var s in site.Spells) yield return R(w.CheckIn, s.CheckedInAt, s.CheckedOutAt, s.Lead, headcount: Count(s.Headcount));
        foreach (var h in site.Headcounts) yield return R(w.Headcount, h.At, null, headcount: Count(h.Headcount));
        foreach (var d in site.Delegates)
            yield return R(w.Delegate, d.JoinedAt, d.RemovedAt, d.Name, d.Agency ?? "", d.Awardee ? w.Yes : w.No,
                note: d.ReadmittedAt is { } back ? $"{w.Readmitted} {Time(back)}" : d.RemovedAt is null ? "" : w.Removed);
        foreach (var r in site.RollCalls)
            yield return R(w.RollCall, r.AnsweredAt, r.DeadlineAt, note: $"{r.RollCallId}: {(r.AnsweredAt is null ? w.Missing : w.Answered)}");
        foreach (var a in site.HostAlerts)
            yield return R(w.HostLost, a.LostAt, a.BackAt, note: $"{w.LastHeard} {Time(a.LastHeardAt)}");
        if (site.Spells.Count == 0 && site.Delegates.Count == 0) yield return R(w.Absent, null, null);
    }

    static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"2024-08-20 09:00:00 +07:00": read as local time in Hà Nội, and unambiguous anywhere else.</summary>
    static string Time(long? unixMs) => unixMs is { } ms
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(VietnamOffset).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)
        : "";
}
