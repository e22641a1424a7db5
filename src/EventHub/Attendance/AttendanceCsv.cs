using System.Globalization;
using CsvHelper;
using EventHub.Domain.Attendance;

namespace EventHub.Attendance;

/// <summary>
/// The attendance report as one flat table Excel opens directly: UTF-8 with a byte-order mark (without it Excel
/// guesses a legacy code page and mangles "Hồ Chí Minh"), one row per fact, times in Việt Nam time (UTC+7, no DST).
/// </summary>
public static class AttendanceCsv
{
    static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The column names, in order; the forum's report bundle writes them in Vietnamese instead.</summary>
    public static readonly IReadOnlyList<string> Header = ["Site", "SiteName", "Record", "From", "To", "Name", "Agency", "Awardee", "Headcount", "Note"];

    /// <param name="header">Names for <see cref="Header"/>'s columns, in the same order; the English names when null.</param>
    public static byte[] Write(AttendanceReport report, IReadOnlyList<string>? header = null)
    {
        using var buffer = new MemoryStream();
        var options = new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            FormatProvider = CultureInfo.InvariantCulture,
            // Names are typed by delegates: "=HYPERLINK(...)" must stay text in Excel, not become a formula.
            Injection = CsvInjection.Escape,
        };
        using (var csv = CsvWriter.Create(buffer, options, true))
        {
            csv.WriteHeader([.. header ?? Header]);
            foreach (var row in report.Sites.SelectMany(Rows)) csv.WriteRecord(row);
        }
        return buffer.ToArray();
    }

    /// <summary>One row per fact, in <see cref="Header"/>'s column order.</summary>
    static IEnumerable<string[]> Rows(SiteAttendanceReport site)
    {
        string[] R(string record, long? from, long? to, string name = "", string agency = "", string awardee = "",
            string headcount = "", string note = "") =>
            [site.Site, site.Name, record, Time(from), Time(to), name, agency, awardee, headcount, note];

        foreach (var s in site.Spells) yield return R("checkin", s.CheckedInAt, s.CheckedOutAt, s.Lead, headcount: Count(s.Headcount));
        foreach (var h in site.Headcounts) yield return R("headcount", h.At, null, headcount: Count(h.Headcount));
        foreach (var d in site.Delegates)
            yield return R("delegate", d.JoinedAt, d.RemovedAt, d.Name, d.Agency ?? "", d.Awardee ? "yes" : "no",
                note: d.ReadmittedAt is { } back ? $"readmitted {Time(back)}" : d.RemovedAt is null ? "" : "removed");
        foreach (var r in site.RollCalls)
            yield return R("rollcall", r.AnsweredAt, r.DeadlineAt, note: $"{r.RollCallId}: {(r.AnsweredAt is null ? "missing" : "answered")}");
        foreach (var a in site.HostAlerts)
            yield return R("host_lost", a.LostAt, a.BackAt, note: $"last heard {Time(a.LastHeardAt)}");
        if (site.Spells.Count == 0 && site.Delegates.Count == 0) yield return R("absent", null, null);
    }

    static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    static string Time(long? unixMs) => unixMs is { } ms
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(VietnamOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : "";
}
