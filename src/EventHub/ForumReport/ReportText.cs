using System.Globalization;
using System.Text;
using EventHub.Domain.Seeds;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.ForumReport;

/// <summary>
/// The report's language: every text is written as a Vietnamese–English pair where it is used (<c>t["…", "…"]</c>),
/// so the two reports cannot drift apart. Numbers and times follow the language; times are Việt Nam time.
/// </summary>
public sealed class ReportText(bool english)
{
    static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static readonly ReportText Vietnamese = new(false);
    public static readonly ReportText English = new(true);

    public bool IsEnglish { get; } = english;
    public string Lang => IsEnglish ? "en" : "vi";
    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(english ? "en-GB" : "vi-VN");

    public string this[string vi, string en] => IsEnglish ? en : vi;

    public static DateTimeOffset LocalTime(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToOffset(VietnamOffset);

    public string Time(long? unixMs) => unixMs is { } ms ? LocalTime(ms).ToString("HH:mm", CultureInfo.InvariantCulture) : "–";
    public string DateTime(long unixMs) => LocalTime(unixMs).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    public string Date(DateOnly date) => date.ToString(IsEnglish ? "d MMMM yyyy" : "dd/MM/yyyy", Culture);
    public string Number(long value) => value.ToString("N0", Culture);

    /// <summary>Minutes and seconds, e.g. 12:05; hours first past an hour (1:02:05).</summary>
    public string Duration(long ms)
    {
        var span = TimeSpan.FromSeconds((ms + 500) / 1000);
        return span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }

    public string Region(string region) => region switch
    {
        SiteRegions.NorthernMidlandsMountains => this["Trung du và miền núi phía Bắc", "Northern midlands and mountains"],
        SiteRegions.RedRiverDelta => this["Đồng bằng sông Hồng", "Red River Delta"],
        SiteRegions.NorthCentralCoast => this["Bắc Trung Bộ và Duyên hải miền Trung", "North Central and Central Coast"],
        SiteRegions.CentralHighlands => this["Tây Nguyên", "Central Highlands"],
        SiteRegions.Southeast => this["Đông Nam Bộ", "Southeast"],
        SiteRegions.MekongDelta => this["Đồng bằng sông Cửu Long", "Mekong Delta"],
        _ => region,
    };

    public string Status(RequestStatus status) => status switch
    {
        RequestStatus.Waiting => this["đang chờ", "waiting"],
        RequestStatus.Approved => this["đã duyệt, chưa gọi", "approved, not called"],
        RequestStatus.Speaking => this["đang phát biểu", "speaking"],
        RequestStatus.Done => this["đã phát biểu", "spoke"],
        RequestStatus.Withdrawn => this["tự rút", "withdrawn"],
        RequestStatus.Declined => this["bị từ chối", "declined"],
        _ => this["bị gỡ khỏi danh sách", "removed from the list"],
    };

    /// <summary>Text for HTML: NFC (one code point per letter, as search and collation expect) and escaped.</summary>
    public static string Html(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var nfc = text.Normalize(NormalizationForm.FormC);
        if (nfc.AsSpan().IndexOfAny("&<>\"'") < 0) return nfc;
        // Only the five markup characters: WebUtility would also turn "à" or "í" into numeric entities.
        return nfc.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");
    }
}
