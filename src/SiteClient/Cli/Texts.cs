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

    public static readonly Phrase CmdRequestFloor = new("Xin phát biểu cho một người của điểm cầu", "Ask the floor for a speaker at the site");
    public static readonly Phrase CmdWithdraw = new("Rút yêu cầu phát biểu (mặc định: yêu cầu đang chờ của điểm cầu)", "Withdraw a request to speak (default: the site's queued one)");
    public static readonly Phrase CmdAgenda = new("Chương trình nghị sự", "The agenda");
    public static readonly Phrase CmdAgendaAdd = new("Thêm mục vào chương trình", "Add an agenda item");
    public static readonly Phrase CmdAgendaSet = new("Chuyển sang mục chương trình", "Make an agenda item the current one");
    public static readonly Phrase CmdApprove = new("Duyệt một yêu cầu phát biểu", "Approve a request to speak");
    public static readonly Phrase CmdDecline = new("Từ chối một yêu cầu phát biểu", "Decline a request to speak");
    public static readonly Phrase CmdRemove = new("Gỡ một người khỏi danh sách", "Remove an entry from the list");
    public static readonly Phrase CmdAddSpeaker = new("Thêm người phát biểu (đã duyệt) vào danh sách", "Add an approved speaker to the list");
    public static readonly Phrase CmdMove = new("Đổi vị trí một người trong danh sách", "Move an entry within its list");
    public static readonly Phrase CmdRollCall = new("Điểm danh nhanh (roll call)", "Roll call");
    public static readonly Phrase CmdRollCallConfirm = new("Xác nhận điểm cầu có mặt trong lượt điểm danh nhanh", "Confirm the site is present in the roll call");
    public static readonly Phrase CmdRollCallStart = new("Bắt đầu một lượt điểm danh nhanh", "Start a roll call");
    public static readonly Phrase CmdRollCallClose = new("Kết thúc lượt điểm danh nhanh", "Close the roll call");
    public static readonly Phrase CmdRemoveDelegate = new("Loại một đại biểu khỏi diễn đàn", "Remove a delegate from the forum");
    public static readonly Phrase CmdReadmitDelegate = new("Cho đại biểu đã bị loại tham gia lại", "Readmit a removed delegate");
    public static readonly Phrase CmdNext = new("Mời người kế tiếp (đã duyệt) phát biểu", "Call the next approved speaker");
    public static readonly Phrase CmdGiveFloor = new("Trao lời trực tiếp cho một yêu cầu", "Give the floor to a request directly");
    public static readonly Phrase CmdEnd = new("Kết thúc phần phát biểu hiện tại", "End the current speech");
    public static readonly Phrase CmdPause = new("Tạm dừng đồng hồ phát biểu", "Pause the speaking clock");
    public static readonly Phrase CmdResume = new("Tiếp tục đồng hồ phát biểu", "Resume the speaking clock");
    public static readonly Phrase CmdAddTime = new("Thêm thời gian cho người đang phát biểu", "Give the current speaker more time");
    public static readonly Phrase CmdCloseList = new("Khóa danh sách đăng ký phát biểu", "Close the speaker list");
    public static readonly Phrase CmdReopenList = new("Mở lại danh sách đăng ký phát biểu", "Reopen the speaker list");
    public static readonly Phrase CmdClearList = new("Xóa mọi yêu cầu đang chờ khỏi danh sách", "Clear every queued request from the list");
    public static readonly Phrase CmdListOptions = new("Đặt thời lượng mặc định và giới hạn mỗi điểm cầu một yêu cầu", "Set the default speaking time and the one-request-per-site rule");
    public static readonly Phrase CmdMoveToTop = new("Đưa một yêu cầu lên đầu danh sách", "Move a request to the top of its list");
    public static readonly Phrase CmdReAddLast = new("Thêm lại người vừa phát biểu vào danh sách", "Put the last speaker back on the list");
    public static readonly Phrase CmdFairOrder = new("Gợi ý thứ tự công bằng (điểm cầu chưa phát biểu trước); --apply để áp dụng", "Suggest a fair order (sites that have not spoken first); --apply to apply it");
    public static readonly Phrase CmdBoard = new("Bảng trạng thái của mọi điểm cầu", "The status board of every site");
    public static readonly Phrase CmdReport = new("Thống kê phát biểu theo điểm cầu và theo người", "Speaking statistics per site and per speaker");
    public static readonly Phrase CmdAgendaRename = new("Đổi tên một mục chương trình", "Rename an agenda item");
    public static readonly Phrase CmdAgendaMove = new("Đổi vị trí một mục trong chương trình", "Move an agenda item");

    public static readonly Phrase CmdExport = new("Xuất báo cáo (CSV hoặc JSON) ra tệp hoặc màn hình", "Export a report (CSV or JSON) to a file or the screen");

    // Options
    public static readonly Phrase OptHub = new("Địa chỉ hub (ví dụ http://hub.local:5080), thay cho địa chỉ đã nhớ", "Hub address (e.g. http://hub.local:5080), instead of the remembered one");
    public static readonly Phrase OptLang = new("Ngôn ngữ: vi (mặc định) hoặc en; hoặc biến môi trường EVENTHUB_LANG", "Language: vi (default) or en; or the EVENTHUB_LANG environment variable");
    public static readonly Phrase OptConfig = new("Tệp cấu hình (mặc định ~/.config/eventhub/site.json; hoặc EVENTHUB_CONFIG)", "Config file (default ~/.config/eventhub/site.json; or EVENTHUB_CONFIG)");
    public static readonly Phrase OptTimeout = new("Số giây chờ hub trả lời trước khi bỏ cuộc (0 = chờ mãi)", "Seconds to wait for the hub's answer before giving up (0 = forever)");
    public static readonly Phrase OptCommandId = new("Mã lệnh; gửi lại cùng mã là an toàn, hub chỉ áp dụng một lần", "Command id; resending the same id is safe, the hub applies it once");
    public static readonly Phrase OptRole = new("Vai trò: host (mặc định), delegate, moderator, reviewer, display", "Role: host (default), delegate, moderator, reviewer, display");
    public static readonly Phrase OptKey = new("Khóa của điểm cầu / chủ tọa / thư ký / màn hình, hoặc mã tham gia của đại biểu", "The site's host key, the moderator, reviewer or display key, or a delegate's join code");
    public static readonly Phrase OptSite = new("Mã điểm cầu (HCM, DNG …)", "Site code (HCM, DNG …)");
    public static readonly Phrase OptActForSite = new("Mã điểm cầu (HCM, DNG …): chủ tọa phải ghi; người phụ trách điểm cầu có thể bỏ qua (điểm cầu của mình)", "Site code (HCM, DNG …): the moderator must give one; a site host may leave it out (their own site)");
    public static readonly Phrase OptName = new("Họ và tên (bắt buộc với đại biểu)", "Full name (required for a delegate)");
    public static readonly Phrase OptAgency = new("Cơ quan, đơn vị (đại biểu)", "Agency or unit (delegate)");
    public static readonly Phrase OptAwardee = new("Đại biểu được khen thưởng", "The delegate is an award recipient");
    public static readonly Phrase OptLead = new("Họ tên trưởng đoàn", "Name of the site's lead");
    public static readonly Phrase OptHeadcount = new("Số người có mặt (1–5000)", "People present (1–5000)");
    public static readonly Phrase ArgHeadcount = new("Số người có mặt (1–5000)", "People present (1–5000)");
    public static readonly Phrase OptJson = new("In mỗi sự kiện thành một dòng JSON (cho script)", "Print every event as one JSON line (for scripts)");
    public static readonly Phrase OptWatchSite = new("Điểm cầu cần theo dõi (chủ tọa, màn hình)", "Site to watch (moderator, display)");

    public static readonly Phrase OptSpeaker = new("Họ tên người phát biểu", "The speaker's full name");
    public static readonly Phrase OptSpeakerTitle = new("Chức vụ hoặc đơn vị của người phát biểu", "The speaker's title or agency");
    public static readonly Phrase OptTopic = new("Nội dung phát biểu", "What the speech is about");
    public static readonly Phrase OptItem = new("Mã mục chương trình (mặc định: mục hiện tại)", "Agenda item id (default: the current one)");
    public static readonly Phrase ArgRequest = new("Mã yêu cầu phát biểu", "Request id");
    public static readonly Phrase ArgItem = new("Mã mục chương trình", "Agenda item id");
    public static readonly Phrase ArgSeconds = new("Số giây", "Seconds");
    public static readonly Phrase OptTitle = new("Tên mục chương trình", "Title of the agenda item");
    public static readonly Phrase OptSeconds = new("Thời lượng mỗi lượt phát biểu, giây (mặc định 180)", "Speaking time per speech, seconds (default 180)");
    public static readonly Phrase OptLimit = new("Thời lượng cho lượt này, giây (mặc định theo mục)", "Time for this speech, seconds (default: the item's)");
    public static readonly Phrase OptHallSite = new("Mã điểm cầu (bỏ trống: người phát biểu tại hội trường)", "Site code (leave out: a speaker in the hall)");
    public static readonly Phrase OptPosition = new("Vị trí trong danh sách, từ 1 (mặc định: cuối danh sách)", "Place in the list, from 1 (default: the end)");
    public static readonly Phrase ArgPosition = new("Vị trí mới, từ 1", "New place, from 1");
    public static readonly Phrase OptRollCall = new("Mã lượt điểm danh (mặc định: lượt đang mở)", "Roll call id (default: the open one)");
    public static readonly Phrase OptDeadline = new("Thời hạn trả lời, giây (10–3600, mặc định 120)", "Time to answer, seconds (10–3600, default 120)");
    public static readonly Phrase ArgDelegate = new("Mã đại biểu", "Delegate id");
    public static readonly Phrase OptApply = new("Áp dụng thứ tự gợi ý ngay", "Apply the suggested order at once");
    public static readonly Phrase OptOnePerSite = new("Mỗi điểm cầu chỉ một yêu cầu đang chờ: true hoặc false", "One queued request per site: true or false");
    public static readonly Phrase OptListSeconds = new("Thời lượng mặc định mỗi lượt, giây (1–3600)", "Default speaking time per speech, seconds (1–3600)");
    public static readonly Phrase OptReason = new("Lý do (chỉ điểm cầu đó thấy)", "Reason (shown to that site only)");

    public static readonly Phrase ArgReport = new("Báo cáo: speakers (theo người phát biểu), sites (theo điểm cầu) hoặc attendance (điểm danh)", "Report: speakers (per speaker), sites (per site) or attendance");
    public static readonly Phrase OptFormat = new("Định dạng: csv (mặc định) hoặc json", "Format: csv (default) or json");
    public static readonly Phrase OptOutput = new("Ghi ra tệp này thay vì màn hình", "Write to this file instead of the screen");
    public static readonly Phrase OptBundle = new("Cả bộ báo cáo tọa đàm (báo cáo in được, CSV, JSON, nhật ký) trong một tệp zip", "The forum's whole report bundle (printable report, CSV, JSON, the log) as one zip file");

    // Usage errors
    public static readonly Phrase UsageError = new("Lỗi cú pháp: {0}", "Usage error: {0}");
    public static readonly Phrase ParseNotNumber = new("'{0}' không phải là một số", "'{0}' is not a number");
    public static readonly Phrase ParseUnknownCommand = new("không có lệnh '{0}'", "unknown command '{0}'");
    public static readonly Phrase ParseUnknownOption = new("không có tùy chọn '{0}'", "unknown option '{0}'");
    public static readonly Phrase ParseMissingArgument = new("lệnh '{0}' thiếu tham số {1}", "command '{0}' needs its argument {1}");
    public static readonly Phrase ParseNoValue = new("tùy chọn '{0}' cần một giá trị", "option '{0}' needs a value");
    public static readonly Phrase ParseExtraArgument = new("thừa tham số '{0}'", "unexpected argument '{0}'");
    public static readonly Phrase ParseFlagValue = new("tùy chọn bật/tắt không nhận giá trị", "a flag takes no value");
    public static readonly Phrase ParseOther = new("tham số không hợp lệ ({0})", "invalid arguments ({0})");
    public static readonly Phrase UsageHint = new("Xem hướng dẫn: eventhub-site {0} --help", "See: eventhub-site {0} --help");
    public static readonly Phrase BadLang = new("--lang chỉ nhận vi hoặc en", "--lang takes vi or en");
    public static readonly Phrase BadRole = new("--role chỉ nhận host, delegate, moderator, reviewer hoặc display", "--role takes host, delegate, moderator, reviewer or display");
    public static readonly Phrase KeyRequired = new("Cần --key (khóa hoặc mã tham gia)", "--key is required (key or join code)");
    public static readonly Phrase SiteRequired = new("Cần --site (mã điểm cầu)", "--site is required (site code)");
    public static readonly Phrase OwnSiteOnly = new("Người phụ trách điểm cầu chỉ thao tác cho điểm cầu của mình ({0}): bỏ --site hoặc ghi --site {0}", "A site host acts only for their own site ({0}): leave out --site or give --site {0}");
    public static readonly Phrase NameRequired = new("Đại biểu cần --name (họ và tên)", "A delegate needs --name (full name)");
    public static readonly Phrase LeadRequired = new("Cần --lead (họ tên trưởng đoàn)", "--lead is required (the lead's name)");
    public static readonly Phrase HeadcountRange = new("Số người phải từ 1 đến 5000", "The headcount must be from 1 to 5000");
    public static readonly Phrase BadHub = new("Địa chỉ hub không hợp lệ: {0} (cần http:// hoặc https://)", "Not a hub address: {0} (needs http:// or https://)");
    public static readonly Phrase BadTimeout = new("--timeout phải từ 0 trở lên", "--timeout must be 0 or more");
    public static readonly Phrase BadCommandId = new("--command-id gồm 8–64 ký tự chữ, số, - hoặc _", "--command-id is 8–64 letters, digits, - or _");
    public static readonly Phrase SpeakerRequired = new("Cần --speaker (họ tên người phát biểu)", "--speaker is required (the speaker's name)");
    public static readonly Phrase TopicRequired = new("Cần --topic (nội dung phát biểu)", "--topic is required (what the speech is about)");
    public static readonly Phrase TitleRequired = new("Cần --title (tên mục)", "--title is required (the item's title)");
    public static readonly Phrase SecondsRange = new("Số giây phải từ 1 đến 3600", "Seconds must be from 1 to 3600");
    public static readonly Phrase BadReport = new("Báo cáo không có: {0} (chọn: {1})", "No such report: {0} (choose: {1})");
    public static readonly Phrase BadFormat = new("--format chỉ nhận csv hoặc json", "--format takes csv or json");
    public static readonly Phrase BundleOrReport = new("Chọn một báo cáo hoặc --bundle (không dùng cả hai)", "Name one report or --bundle (not both)");
    public static readonly Phrase NotLoggedIn = new("Chưa đăng nhập: chạy eventhub-site login trước", "Not logged in: run eventhub-site login first");
    public static readonly Phrase NoHub = new("Chưa biết địa chỉ hub: dùng --hub hoặc đăng nhập trước", "No hub address: use --hub or log in first");
    public static readonly Phrase BadConfig = new("Không đọc được tệp cấu hình {0}: {1}", "Cannot read the config file {0}: {1}");

    // Outcomes
    public static readonly Phrase Refused = new("Hub từ chối [{0}]: {1}", "The hub refused [{0}]: {1}");
    public static readonly Phrase NotSent = new("Không gửi lệnh [{0}]: {1}", "Not sent [{0}]: {1}");
    public static readonly Phrase Unreachable = new("Không kết nối được hub {0}: {1}", "Cannot reach the hub {0}: {1}");
    public static readonly Phrase NoAnswer = new("hub chưa trả lời trong {0} giây", "no answer within {0} seconds");
    public static readonly Phrase GaveUp = new("Hết {0} giây mà hub chưa trả lời lệnh {1}.", "No answer from the hub to command {1} within {0} seconds.");
    public static readonly Phrase MaybeApplied = new("Lệnh có thể đã hoặc chưa được áp dụng. Chạy lại với --command-id {0} là an toàn: hub không áp dụng hai lần.", "The command may or may not have been applied. Re-running with --command-id {0} is safe: the hub never applies it twice.");
    public static readonly Phrase TokenRejected = new("Token bị từ chối (hết hạn hoặc sai): hãy đăng nhập lại", "The token was rejected (expired or wrong): log in again");
    public static readonly Phrase LoggedIn = new("Đã đăng nhập: {0}. Đã lưu vào {1}", "Logged in: {0}. Saved to {1}");
    public static readonly Phrase RoleModerator = new("chủ tọa", "moderator");
    public static readonly Phrase RoleHost = new("người phụ trách điểm cầu {0}", "site host of {0}");
    public static readonly Phrase RoleDelegate = new("đại biểu {0}, điểm cầu {1}", "delegate {0}, site {1}");
    public static readonly Phrase RoleDisplay = new("màn hình", "display");
    public static readonly Phrase Applied = new("Xong (seq {0}).", "Done (seq {0}).");
    public static readonly Phrase AppliedBefore = new("Xong: lệnh này đã được áp dụng trước đó (seq {0}).", "Done: this command was applied before (seq {0}).");
    public static readonly Phrase NothingChanged = new("Xong: không có gì thay đổi.", "Done: nothing changed.");
    public static readonly Phrase CheckedIn = new("Đã điểm danh {0}: trưởng đoàn {1}, {2} người.", "Checked {0} in: lead {1}, {2} people.");
    public static readonly Phrase HeadcountSet = new("Số người của {0}: {1}.", "Headcount of {0}: {1}.");
    public static readonly Phrase CheckedOut = new("{0} đã check-out.", "{0} checked out.");
    public static readonly Phrase NothingToActOn = new("Không có gì để thực hiện", "Nothing to act on");
    public static readonly Phrase NobodySpeaking = new("Hiện không ai đang phát biểu", "Nobody is speaking");
    public static readonly Phrase NoRollCallOpen = new("Không có lượt điểm danh nhanh nào đang mở", "No roll call is open");
    public static readonly Phrase NoCurrentItem = new("Chưa có mục chương trình hiện tại: dùng --item", "There is no current agenda item: use --item");
    public static readonly Phrase UnknownItem = new("Không có mục chương trình '{0}'", "There is no agenda item '{0}'");
    public static readonly Phrase NoLastSpeaker = new("Chưa có ai phát biểu xong để thêm lại", "Nobody has finished speaking yet");
    public static readonly Phrase NoOwnRequest = new("Điểm cầu không có yêu cầu nào đang chờ ở mục hiện tại", "The site has no queued request in the current item");
    public static readonly Phrase FloorRequested = new("Đã xin phát biểu cho {0}. Mã yêu cầu: {1}", "Asked the floor for {0}. Request id: {1}");
    public static readonly Phrase Withdrawn = new("Đã rút yêu cầu {0}.", "Withdrew request {0}.");
    public static readonly Phrase ItemAdded = new("Đã thêm mục \"{0}\". Mã mục: {1}", "Added item \"{0}\". Item id: {1}");
    public static readonly Phrase ItemSet = new("Mục hiện tại: {0}.", "Current item: {0}.");
    public static readonly Phrase SpeakerAdded = new("Đã thêm {0}. Mã yêu cầu: {1}", "Added {0}. Request id: {1}");
    public static readonly Phrase ItemRenamed = new("Đã đổi tên mục thành \"{0}\".", "Renamed the item to \"{0}\".");
    public static readonly Phrase ItemMoved = new("Đã chuyển mục \"{0}\" tới vị trí {1}.", "Moved item \"{0}\" to place {1}.");
    public static readonly Phrase ListCleared = new("Đã xóa các yêu cầu đang chờ.", "The queued requests are cleared.");
    public static readonly Phrase ListOptionsSet = new("Mục \"{0}\": {1} giây mỗi lượt, mỗi điểm cầu một yêu cầu: {2}.", "Item \"{0}\": {1} seconds per speech, one request per site: {2}.");
    public static readonly Phrase Yes = new("có", "yes");
    public static readonly Phrase No = new("không", "no");
    public static readonly Phrase MovedToTop = new("Đã đưa {0} lên đầu danh sách.", "Moved {0} to the top.");
    public static readonly Phrase LastReAdded = new("Đã thêm lại người vừa phát biểu. Mã yêu cầu: {0}", "Put the last speaker back. Request id: {0}");
    public static readonly Phrase FairOrderTitle = new("Thứ tự gợi ý", "Suggested order");
    public static readonly Phrase FairOrderEmpty = new("Danh sách không có yêu cầu nào đang chờ.", "The list has no queued request.");
    public static readonly Phrase FairOrderApplied = new("Đã áp dụng thứ tự gợi ý.", "The suggested order is applied.");
    public static readonly Phrase FairOrderHint = new("Áp dụng: eventhub-site moderator fair-order --apply", "To apply it: eventhub-site moderator fair-order --apply");
    public static readonly Phrase BoardTitle = new("Bảng điểm cầu: {0}/{1} đã điểm danh, {2} trực tuyến, {3} người, {4}/{5} đại biểu đang kết nối", "Site board: {0}/{1} checked in, {2} online, {3} people, {4}/{5} delegates connected");
    public static readonly Phrase ColLead = new("Trưởng đoàn", "Lead");
    public static readonly Phrase ColHeadcount = new("Số người", "People");
    public static readonly Phrase ColDelegates = new("Đại biểu", "Delegates");
    public static readonly Phrase ColRtt = new("Khứ hồi", "RTT");
    public static readonly Phrase StatusNotCheckedIn = new("chưa điểm danh", "not checked in");
    public static readonly Phrase StatusOnline = new("trực tuyến", "online");
    public static readonly Phrase StatusHostDisconnected = new("MẤT KẾT NỐI", "HOST LOST");
    public static readonly Phrase StatusCheckedOut = new("đã check-out", "checked out");
    public static readonly Phrase ReportBySite = new("Theo điểm cầu", "Per site");
    public static readonly Phrase ReportBySpeaker = new("Theo người phát biểu", "Per speaker");
    public static readonly Phrase ColSpeeches = new("Lượt", "Speeches");
    public static readonly Phrase ColSpoken = new("Thời gian nói", "Spoken");
    public static readonly Phrase ColWaited = new("Thời gian chờ", "Waited");
    public static readonly Phrase ReportEmpty = new("Chưa có phần phát biểu nào kết thúc.", "No speech has ended yet.");
    public static readonly Phrase RequestMoved = new("Đã chuyển {0} tới vị trí {1}.", "Moved {0} to place {1}.");
    public static readonly Phrase DeadlineRange = new("Thời hạn phải từ 10 đến 3600 giây", "The deadline must be from 10 to 3600 seconds");
    public static readonly Phrase RollCallConfirmed = new("Đã xác nhận có mặt.", "Presence confirmed.");
    public static readonly Phrase RollCallStarted = new("Đã bắt đầu điểm danh nhanh, hạn {0} giây. Mã: {1}", "Roll call started, {0} seconds to answer. Id: {1}");
    public static readonly Phrase RollCallClosed = new("Đã kết thúc điểm danh nhanh.", "Roll call closed.");
    public static readonly Phrase DelegateRemoved = new("Đã loại đại biểu {0}.", "Removed delegate {0}.");
    public static readonly Phrase DelegateReadmitted = new("Đã cho đại biểu {0} tham gia lại.", "Readmitted delegate {0}.");
    public static readonly Phrase RowRollCall = new("Điểm danh nhanh", "Roll call");
    public static readonly Phrase RollCallOpen = new("đang mở, còn {0} — {1}", "open, {0} left — {1}");
    public static readonly Phrase RollCallAnswered = new("điểm cầu đã xác nhận", "this site confirmed");
    public static readonly Phrase RollCallUnanswered = new("CHƯA XÁC NHẬN: eventhub-site roll-call confirm", "NOT CONFIRMED: eventhub-site roll-call confirm");
    public static readonly Phrase RollCallCount = new("{0}/{1} điểm cầu đã xác nhận", "{0}/{1} sites confirmed");
    public static readonly Phrase PositionRange = new("Vị trí phải từ 1 trở lên", "The place must be 1 or more");
    public static readonly Phrase RequestApproved = new("Đã duyệt {0}.", "Approved {0}.");
    public static readonly Phrase RequestDeclined = new("Đã từ chối {0}.", "Declined {0}.");
    public static readonly Phrase RequestRemoved = new("Đã gỡ {0}.", "Removed {0}.");
    public static readonly Phrase FloorGiven = new("Đã trao lời.", "The floor is given.");
    public static readonly Phrase SpeechEnded = new("Đã kết thúc phần phát biểu.", "The speech is ended.");
    public static readonly Phrase SpeechPaused = new("Đã tạm dừng đồng hồ.", "The clock is paused.");
    public static readonly Phrase SpeechResumed = new("Đồng hồ chạy tiếp.", "The clock runs again.");
    public static readonly Phrase TimeAdded = new("Đã thêm {0} giây.", "Added {0} seconds.");
    public static readonly Phrase ListClosed = new("Đã khóa danh sách.", "The list is closed.");
    public static readonly Phrase ListReopened = new("Đã mở lại danh sách.", "The list is open again.");
    public static readonly Phrase Exported = new("Đã ghi {0} byte vào {1}.", "Wrote {0} bytes to {1}.");
    public static readonly Phrase HttpRefused = new("HTTP {0}", "HTTP {0}");
    public static readonly Phrase OwnSite = new("điểm cầu của bạn", "your site");

    // Watch
    public static readonly Phrase WatchTitle = new("EventHub · điểm cầu {0}", "EventHub · site {0}");
    public static readonly Phrase WatchTitleAllSites = new("EventHub · tất cả điểm cầu", "EventHub · all sites");
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
    public static readonly Phrase StateRefused = new("hub từ chối kết nối", "refused by the hub");
    public static readonly Phrase CheckedInSince = new("có mặt từ {0}, trưởng đoàn {1}", "present since {0}, lead {1}");
    public static readonly Phrase NotCheckedIn = new("chưa điểm danh", "not checked in");
    public static readonly Phrase Unknown = new("—", "—");
    public static readonly Phrase RowAgendaItem = new("Mục hiện tại", "Current item");
    public static readonly Phrase RowSpeaking = new("Đang phát biểu", "Speaking now");
    public static readonly Phrase RowPosition = new("Vị trí của điểm cầu", "Site's place in the list");
    public static readonly Phrase Remaining = new("còn {0}", "{0} left");
    public static readonly Phrase Overtime = new("quá giờ {0}", "{0} over time");
    public static readonly Phrase Paused = new("tạm dừng", "paused");
    public static readonly Phrase Nobody = new("chưa có ai", "nobody");
    public static readonly Phrase Hall = new("Hội trường", "Hall");
    public static readonly Phrase Undisclosed = new("(chờ duyệt)", "(awaiting approval)");
    public static readonly Phrase ListTitle = new("Danh sách phát biểu", "Speaker list");
    public static readonly Phrase ListClosedMark = new("đã khóa", "closed");
    public static readonly Phrase ColPlace = new("#", "#");
    public static readonly Phrase ColSite = new("Điểm cầu", "Site");
    public static readonly Phrase ColSpeaker = new("Người phát biểu", "Speaker");
    public static readonly Phrase ColStatus = new("Trạng thái", "Status");
    public static readonly Phrase StatusWaiting = new("chờ duyệt", "waiting");
    public static readonly Phrase StatusApproved = new("đã duyệt", "approved");
    public static readonly Phrase NotInList = new("không có trong danh sách", "not in the list");
    public static readonly Phrase SiteSpeaking = new("ĐANG PHÁT BIỂU", "SPEAKING NOW");
    public static readonly Phrase ColRequest = new("Mã yêu cầu", "Request id");
    public static readonly Phrase MoreInList = new("… và {0} yêu cầu nữa", "… and {0} more");
    public static readonly Phrase YouAreNext = new("BẠN LÀ NGƯỜI KẾ TIẾP — chuẩn bị camera và micro!", "YOU ARE NEXT — get the camera and microphone ready!");
    public static readonly Phrase YouAreAfterNext = new("Sau người kế tiếp là điểm cầu của bạn", "Your site comes after the next speaker");
    public static readonly Phrase StopHint = new("Nhấn Ctrl+C để thoát.", "Press Ctrl+C to quit.");

    // Live Q&A
    public static readonly Phrase CmdAsk = new("Gửi một câu hỏi (mã câu hỏi được in ra)", "Send a question (its id is printed)");
    public static readonly Phrase CmdPropose = new("Gửi một đề xuất, kiến nghị", "Send a proposal");
    public static readonly Phrase CmdVote = new("Bình chọn cho một câu hỏi đã công bố", "Vote for a published question");
    public static readonly Phrase CmdUnvote = new("Rút lại bình chọn", "Take a vote back");
    public static readonly Phrase CmdWithdrawQuestion = new("Rút câu hỏi của mình khi còn chờ duyệt", "Withdraw your question while it is under review");
    public static readonly Phrase CmdQuestions = new("Danh sách câu hỏi và đề xuất (sắp xếp, lọc, --json)", "List questions and proposals (sort, filter, --json)");
    public static readonly Phrase CmdReview = new("Lệnh của thư ký: duyệt câu hỏi", "Reviewer commands: review questions");
    public static readonly Phrase CmdPublish = new("Công bố một câu hỏi", "Publish a question");
    public static readonly Phrase CmdDismiss = new("Không công bố một câu hỏi (kèm lý do cho người gửi)", "Dismiss a question (with a reason for its author)");
    public static readonly Phrase CmdMerge = new("Gộp câu hỏi trùng vào câu được giữ lại", "Merge a duplicate into the kept question");
    public static readonly Phrase CmdAnswered = new("Đánh dấu đã trả lời (có thể kèm phần phát biểu)", "Mark answered (optionally with the speech)");
    public static readonly Phrase CmdQandA = new("Phần hỏi đáp", "Live Q&A");
    public static readonly Phrase CmdQandAOpen = new("Mở phần hỏi đáp (cả tọa đàm hoặc một mục)", "Open Q&A (the whole forum or one item)");
    public static readonly Phrase CmdQandAClose = new("Đóng phần hỏi đáp (cả tọa đàm hoặc một mục)", "Close Q&A (the whole forum or one item)");
    public static readonly Phrase CmdHighlight = new("Đưa một câu hỏi lên màn hình \"đang trả lời\"", "Put a question on screen as \"now answering\"");
    public static readonly Phrase ArgQuestionText = new("Nội dung (tối đa 1.000 ký tự)", "The text (at most 1,000 characters)");
    public static readonly Phrase ArgQuestion = new("Mã câu hỏi", "The question's id");
    public static readonly Phrase ArgDuplicate = new("Mã câu hỏi trùng (được gộp vào)", "The duplicate's id (merged in)");
    public static readonly Phrase OptQuestionTopic = new("Chủ đề (trong danh sách của tọa đàm)", "Topic (from the forum's list)");
    public static readonly Phrase OptQuestionTo = new("Gửi tới ai (người phát biểu)", "Addressed to (a speaker)");
    public static readonly Phrase OptAnonymous = new("Ẩn danh (nếu tọa đàm cho phép)", "Anonymous (if the forum allows it)");
    public static readonly Phrase OptDismissReason = new("Lý do (người gửi sẽ thấy)", "Reason (the author sees it)");
    public static readonly Phrase OptAnsweringSpeech = new("Mã phần phát biểu đã trả lời", "The id of the speech that answered it");
    public static readonly Phrase OptQandAItem = new("Chỉ mục chương trình này (mặc định: cả tọa đàm)", "Only this agenda item (default: the whole forum)");
    public static readonly Phrase OptQuestionSort = new("Sắp xếp: votes (mặc định), newest, oldest", "Order: votes (default), newest, oldest");
    public static readonly Phrase OptQuestionSite = new("Chỉ câu hỏi của điểm cầu này", "Only this site's questions");
    public static readonly Phrase OptQuestionStatus = new("Chỉ trạng thái: pending, published, answered, dismissed, withdrawn, merged", "Only this status: pending, published, answered, dismissed, withdrawn, merged");
    public static readonly Phrase OptQuestionsJson = new("In mỗi câu hỏi thành một dòng JSON", "Print each question as one JSON line");
    public static readonly Phrase BadQuestionSort = new("--sort chỉ nhận votes, newest hoặc oldest", "--sort takes votes, newest or oldest");
    public static readonly Phrase BadQuestionStatus = new("--status không hợp lệ", "--status is not a known status");
    public static readonly Phrase QuestionSent = new("Đã gửi, mã {0}.", "Sent, id {0}.");
    public static readonly Phrase QuestionVoted = new("Đã bình chọn cho {0}.", "Voted for {0}.");
    public static readonly Phrase QuestionUnvoted = new("Đã rút bình chọn cho {0}.", "Took the vote for {0} back.");
    public static readonly Phrase QuestionWithdrawn = new("Đã rút câu hỏi {0}.", "Withdrew question {0}.");
    public static readonly Phrase QuestionPublished = new("Đã công bố {0}.", "Published {0}.");
    public static readonly Phrase QuestionHighlighted = new("{0} đang được trả lời trên màn hình.", "{0} is on screen as now answering.");
    public static readonly Phrase QuestionDismissed = new("Đã không công bố {0}.", "Dismissed {0}.");
    public static readonly Phrase QuestionsMerged = new("Đã gộp {0} vào {1}.", "Merged {0} into {1}.");
    public static readonly Phrase QuestionAnswered = new("Đã đánh dấu {0} là đã trả lời.", "Marked {0} answered.");
    public static readonly Phrase QandAOpened = new("Đã mở phần hỏi đáp.", "Q&A is open.");
    public static readonly Phrase QandAClosed = new("Đã đóng phần hỏi đáp.", "Q&A is closed.");
    public static readonly Phrase CmdQandAConfigure = new("Đặt cấu hình hỏi đáp: duyệt, ẩn danh, chủ đề, giới hạn", "Set Q&A options: review, anonymity, topics, limit");
    public static readonly Phrase OptNoReview = new("Công bố ngay, không qua duyệt", "Publish at once, without review");
    public static readonly Phrase OptAllowAnonymous = new("Cho phép câu hỏi ẩn danh", "Allow anonymous questions");
    public static readonly Phrase OptNamesToReviewers = new("Thư ký và chủ tọa thấy tên người hỏi ẩn danh", "Reviewers and the moderator see anonymous authors' names");
    public static readonly Phrase OptTopicList = new("Một chủ đề trong danh sách (lặp lại cho nhiều chủ đề)", "One topic of the list (repeat for several)");
    public static readonly Phrase OptPerTenMinutes = new("Số câu hỏi tối đa mỗi người trong 10 phút (mặc định 5)", "Questions per person per ten minutes (default 5)");
    public static readonly Phrase QandAConfigured = new("Đã đặt cấu hình hỏi đáp.", "Q&A options set.");
    public static readonly Phrase QandATitle = new("Hỏi đáp", "Q&A");
    public static readonly Phrase NowAnswering = new("Đang trả lời", "Now answering");
    public static readonly Phrase TopQuestionLine = new("{0} bình chọn · {1} · {2}", "{0} votes · {1} · {2}");
    public static readonly Phrase NoQuestions = new("Chưa có câu hỏi nào.", "No questions yet.");
    public static readonly Phrase ColVotes = new("Bình chọn", "Votes");
    public static readonly Phrase ColQuestion = new("Câu hỏi (★ của bạn, ✓ đã bình chọn)", "Question (★ yours, ✓ voted)");

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
