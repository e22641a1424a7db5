using System.Reflection;
using System.Text;

namespace EventHub.SiteClient.Cli;

/// <summary>One user-facing sentence in both languages. Placeholders are {0}, {1} …</summary>
public sealed record Phrase(string Vi, string En)
{
    public string In(Language language) => (language == Language.En ? En : Vi).Normalize(NormalizationForm.FormC);
}

/// <summary>Every string the CLI shows a person, Vietnamese first. Nothing user-facing is written anywhere else.</summary>
public static class Texts
{
    // Application and commands
    public static readonly Phrase App = new("Công cụ điểm cầu của EventHub", "EventHub bridge point tool");
    public static readonly Phrase CmdLogin = new("Đăng nhập vào hub và ghi nhớ địa chỉ cùng token", "Log in to the hub and remember its address and token");
    public static readonly Phrase CmdCheckIn = new("Điểm danh điểm cầu: trưởng đoàn và số người", "Check the site in: lead and headcount");
    public static readonly Phrase CmdHeadcount = new("Cập nhật số người có mặt", "Update the headcount");
    public static readonly Phrase CmdCheckOut = new("Rời phiên (check-out) cho điểm cầu", "Check the site out");
    public static readonly Phrase CmdWatch = new("Bảng theo dõi trực tiếp của điểm cầu", "Live dashboard for the site");
    public static readonly Phrase CmdModerator = new("Lệnh của chủ tọa (vận hành, tổng duyệt)", "Moderator commands (operations, rehearsals)");
    public static readonly Phrase CmdModeratorCheckIn = new("Điểm danh thay cho một điểm cầu", "Check a site in on its behalf");
    public static readonly Phrase CmdModeratorHeadcount = new("Cập nhật số người của một điểm cầu", "Update a site's headcount");
    public static readonly Phrase CmdModeratorCheckOut = new("Check-out thay cho một điểm cầu", "Check a site out on its behalf");

    // Options
    public static readonly Phrase OptHub = new("Địa chỉ hub (ví dụ http://hub.local:5080), thay cho địa chỉ đã nhớ", "Hub address (e.g. http://hub.local:5080), instead of the remembered one");
    public static readonly Phrase OptLang = new("Ngôn ngữ: vi (mặc định) hoặc en; hoặc biến môi trường EVENTHUB_LANG", "Language: vi (default) or en; or the EVENTHUB_LANG environment variable");
    public static readonly Phrase OptConfig = new("Tệp cấu hình (mặc định ~/.config/eventhub/site.json; hoặc EVENTHUB_CONFIG)", "Config file (default ~/.config/eventhub/site.json; or EVENTHUB_CONFIG)");
    public static readonly Phrase OptTimeout = new("Số giây chờ hub trả lời trước khi bỏ cuộc (0 = chờ mãi)", "Seconds to wait for the hub's answer before giving up (0 = forever)");
    public static readonly Phrase OptCommandId = new("Mã lệnh; gửi lại cùng mã là an toàn, hub chỉ áp dụng một lần", "Command id; resending the same id is safe, the hub applies it once");
    public static readonly Phrase OptRole = new("Vai trò: host (mặc định), delegate, moderator, display", "Role: host (default), delegate, moderator, display");
    public static readonly Phrase OptKey = new("Khóa của điểm cầu / chủ tọa / màn hình, hoặc mã tham gia của đại biểu", "The site's host key, the moderator or display key, or a delegate's join code");
    public static readonly Phrase OptSite = new("Mã điểm cầu (HCM, DNG …)", "Site code (HCM, DNG …)");
    public static readonly Phrase OptName = new("Họ và tên (bắt buộc với đại biểu)", "Full name (required for a delegate)");
    public static readonly Phrase OptAgency = new("Cơ quan, đơn vị (đại biểu)", "Agency or unit (delegate)");
    public static readonly Phrase OptAwardee = new("Đại biểu được khen thưởng", "The delegate is an award recipient");
    public static readonly Phrase OptLead = new("Họ tên trưởng đoàn", "Name of the site's lead");
    public static readonly Phrase OptHeadcount = new("Số người có mặt (1–5000)", "People present (1–5000)");
    public static readonly Phrase ArgHeadcount = new("Số người có mặt (1–5000)", "People present (1–5000)");
    public static readonly Phrase OptJson = new("In mỗi sự kiện thành một dòng JSON (cho script)", "Print every event as one JSON line (for scripts)");
    public static readonly Phrase OptWatchSite = new("Điểm cầu cần theo dõi (chủ tọa, màn hình)", "Site to watch (moderator, display)");

    // Usage errors
    public static readonly Phrase UsageError = new("Lỗi cú pháp: {0}", "Usage error: {0}");
    public static readonly Phrase UsageHint = new("Xem hướng dẫn: eventhub-site {0} --help", "See: eventhub-site {0} --help");
    public static readonly Phrase BadLang = new("--lang chỉ nhận vi hoặc en", "--lang takes vi or en");
    public static readonly Phrase BadRole = new("--role chỉ nhận host, delegate, moderator hoặc display", "--role takes host, delegate, moderator or display");
    public static readonly Phrase KeyRequired = new("Cần --key (khóa hoặc mã tham gia)", "--key is required (key or join code)");
    public static readonly Phrase SiteRequired = new("Cần --site (mã điểm cầu)", "--site is required (site code)");
    public static readonly Phrase NameRequired = new("Đại biểu cần --name (họ và tên)", "A delegate needs --name (full name)");
    public static readonly Phrase LeadRequired = new("Cần --lead (họ tên trưởng đoàn)", "--lead is required (the lead's name)");
    public static readonly Phrase HeadcountRange = new("Số người phải từ 1 đến 5000", "The headcount must be from 1 to 5000");
    public static readonly Phrase BadHub = new("Địa chỉ hub không hợp lệ: {0} (cần http:// hoặc https://)", "Not a hub address: {0} (needs http:// or https://)");
    public static readonly Phrase BadTimeout = new("--timeout phải từ 0 trở lên", "--timeout must be 0 or more");
    public static readonly Phrase BadCommandId = new("--command-id gồm 8–64 ký tự chữ, số, - hoặc _", "--command-id is 8–64 letters, digits, - or _");
    public static readonly Phrase NotLoggedIn = new("Chưa đăng nhập: chạy eventhub-site login trước", "Not logged in: run eventhub-site login first");
    public static readonly Phrase NoHub = new("Chưa biết địa chỉ hub: dùng --hub hoặc đăng nhập trước", "No hub address: use --hub or log in first");
    public static readonly Phrase BadConfig = new("Không đọc được tệp cấu hình {0}: {1}", "Cannot read the config file {0}: {1}");

    // Outcomes
    public static readonly Phrase Refused = new("Hub từ chối [{0}]: {1}", "The hub refused [{0}]: {1}");
    public static readonly Phrase Unreachable = new("Không kết nối được hub {0}: {1}", "Cannot reach the hub {0}: {1}");
    public static readonly Phrase GaveUp = new("Hết {0} giây mà hub chưa trả lời lệnh {1}.", "No answer from the hub to command {1} within {0} seconds.");
    public static readonly Phrase MaybeApplied = new("Lệnh có thể đã hoặc chưa được áp dụng. Chạy lại với --command-id {0} là an toàn: hub không áp dụng hai lần.", "The command may or may not have been applied. Re-running with --command-id {0} is safe: the hub never applies it twice.");
    public static readonly Phrase TokenRejected = new("Token bị từ chối (hết hạn hoặc sai): hãy đăng nhập lại", "The token was rejected (expired or wrong): log in again");
    public static readonly Phrase LoggedIn = new("Đã đăng nhập: {0} {1} ({2}), lưu tại {3}", "Logged in: {0} {1} ({2}), saved to {3}");
    public static readonly Phrase Applied = new("Xong (seq {0}).", "Done (seq {0}).");
    public static readonly Phrase AppliedBefore = new("Xong: lệnh này đã được áp dụng trước đó (seq {0}).", "Done: this command was applied before (seq {0}).");
    public static readonly Phrase NothingChanged = new("Xong: không có gì thay đổi.", "Done: nothing changed.");
    public static readonly Phrase CheckedIn = new("Đã điểm danh {0}: trưởng đoàn {1}, {2} người.", "Checked {0} in: lead {1}, {2} people.");
    public static readonly Phrase HeadcountSet = new("Số người của {0}: {1}.", "Headcount of {0}: {1}.");
    public static readonly Phrase CheckedOut = new("{0} đã check-out.", "{0} checked out.");
    public static readonly Phrase OwnSite = new("điểm cầu của bạn", "your site");

    // Watch
    public static readonly Phrase WatchTitle = new("EventHub · điểm cầu {0}", "EventHub · site {0}");
    public static readonly Phrase WatchAllSites = new("tất cả", "all");
    public static readonly Phrase ColItem = new("Mục", "Item");
    public static readonly Phrase ColValue = new("Giá trị", "Value");
    public static readonly Phrase RowForum = new("Diễn đàn", "Forum");
    public static readonly Phrase RowSite = new("Điểm cầu", "Site");
    public static readonly Phrase RowConnection = new("Kết nối", "Connection");
    public static readonly Phrase RowSeq = new("Sự kiện cuối (seq)", "Last event (seq)");
    public static readonly Phrase RowRtt = new("Thời gian khứ hồi", "Round-trip time");
    public static readonly Phrase RowCheckIn = new("Điểm danh", "Check-in");
    public static readonly Phrase RowHeadcount = new("Số người", "Headcount");
    public static readonly Phrase RowSitesIn = new("Điểm cầu đã điểm danh", "Sites checked in");
    public static readonly Phrase StateConnecting = new("đang kết nối", "connecting");
    public static readonly Phrase StateConnected = new("đã kết nối", "connected");
    public static readonly Phrase StateReconnecting = new("mất kết nối, đang nối lại", "reconnecting");
    public static readonly Phrase StateResumed = new("đã nối lại, không mất sự kiện", "resumed, nothing missed");
    public static readonly Phrase CheckedInSince = new("có mặt từ {0}, trưởng đoàn {1}", "present since {0}, lead {1}");
    public static readonly Phrase NotCheckedIn = new("chưa điểm danh", "not checked in");
    public static readonly Phrase Unknown = new("—", "—");
    public static readonly Phrase StopHint = new("Nhấn Ctrl+C để thoát.", "Press Ctrl+C to quit.");

    public static string Get(Phrase phrase) => phrase.In(LanguageChoice.Current);

    public static string Format(Phrase phrase, params object?[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Get(phrase), args).Normalize(NormalizationForm.FormC);

    /// <summary>For <see cref="LocalizedDescriptionAttribute"/>: a phrase by its field name.</summary>
    public static Phrase ByName(string name) =>
        typeof(Texts).GetField(name, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as Phrase
        ?? throw new InvalidOperationException($"No phrase named {name}.");

    public static IEnumerable<(string Name, Phrase Phrase)> All =>
        typeof(Texts).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(Phrase))
            .Select(f => (f.Name, (Phrase)f.GetValue(null)!));
}

/// <summary>A <c>[Description]</c> that Spectre reads in the language of the current run.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class LocalizedDescriptionAttribute(string phrase) : System.ComponentModel.DescriptionAttribute
{
    public override string Description => Texts.Get(Texts.ByName(phrase));
}
