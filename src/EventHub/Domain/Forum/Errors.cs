namespace EventHub.Domain.Forum;

/// <summary>
/// Every error a caller can get, in one place: the code is the contract, the texts are for people
/// (Vietnamese first, English second). docs/protocol.md lists the codes.
/// </summary>
public static class Errors
{
    static ForumRuleException E(string code, string vi, string en) => new(new ForumError(code, vi, en));

    // Input
    public static ForumRuleException Required(string field) =>
        E("input.required", $"Thiếu trường bắt buộc: {field}.", $"Missing required field: {field}.");
    public static ForumRuleException TooLong(string field, int max) =>
        E("input.too_long", $"Trường {field} dài quá {max} ký tự.", $"Field {field} is longer than {max} characters.");
    public static ForumRuleException ControlCharacters(string field) =>
        E("input.control_characters", $"Trường {field} chứa ký tự điều khiển không hợp lệ.", $"Field {field} contains control characters.");
    public static ForumRuleException OutOfRange(string field, long min, long max) =>
        E("input.out_of_range", $"Giá trị {field} phải trong khoảng {min}–{max}.", $"Value {field} must be between {min} and {max}.");
    public static ForumRuleException BadCommandId() =>
        E("input.command_id", "Mã lệnh (commandId) phải có 8–64 ký tự chữ, số, '-' hoặc '_'.", "The command id must be 8–64 letters, digits, '-' or '_'.");
    public static ForumRuleException UnknownSite(string site) =>
        E("site.unknown", $"Không có điểm cầu mã '{site}'.", $"There is no bridge point with code '{site}'.");

    // Permissions
    public static ForumRuleException Forbidden() =>
        E("auth.forbidden", "Vai trò của bạn không được phép thực hiện thao tác này.", "Your role is not allowed to do this.");
    public static ForumRuleException OtherSite() =>
        E("auth.other_site", "Bạn chỉ được thao tác cho điểm cầu của mình.", "You may act only for your own bridge point.");

    // Forum
    public static ForumRuleException ForumNotOpen() =>
        E("forum.not_open", "Tọa đàm chưa được mở.", "The forum has not been opened.");
    public static ForumRuleException ForumAlreadyOpen() =>
        E("forum.already_open", "Tọa đàm đã được mở.", "The forum is already open.");

    // Attendance
    public static ForumRuleException AlreadyCheckedIn(string site) =>
        E("attendance.already_checked_in", $"Điểm cầu {site} đã điểm danh vào rồi.", $"Bridge point {site} is already checked in.");
    public static ForumRuleException NotCheckedIn(string site) =>
        E("attendance.not_checked_in", $"Điểm cầu {site} chưa điểm danh vào.", $"Bridge point {site} is not checked in.");
    public static ForumRuleException UnknownDelegate(string id) =>
        E("delegate.unknown", $"Không có đại biểu mã '{id}'.", $"There is no delegate with id '{id}'.");
    public static ForumRuleException UnknownRollCall(string id) =>
        E("rollcall.unknown", $"Không có lượt điểm danh '{id}'.", $"There is no roll call '{id}'.");
    public static ForumRuleException RollCallExists(string id) =>
        E("rollcall.duplicate", $"Mã lượt điểm danh '{id}' đã được dùng.", $"Roll call id '{id}' is already in use.");
    public static ForumRuleException RollCallStillOpen(string id) =>
        E("rollcall.still_open", $"Lượt điểm danh '{id}' chưa kết thúc; hãy đóng nó trước.", $"Roll call '{id}' is still open; close it first.");
    public static ForumRuleException RollCallClosed(string id) =>
        E("rollcall.closed", $"Lượt điểm danh '{id}' đã đóng hoặc đã quá hạn; xác nhận không được ghi nhận.", $"Roll call '{id}' is closed or past its deadline; the confirmation was not recorded.");
    public static ForumRuleException DelegateRemoved() =>
        E("delegate.removed", "Đại biểu này đã bị điều hành viên gỡ khỏi tọa đàm.", "This delegate was removed by the moderator.");

    // Operations
    public static ForumRuleException StoreUnavailable() =>
        E("store.unavailable", "Máy chủ tạm thời không ghi được dữ liệu; hãy thử lại (cùng mã lệnh).", "The server cannot store data right now; retry with the same command id.");
    public static ForumRuleException Busy() =>
        E("store.busy", "Máy chủ đang bận; hãy thử lại (cùng mã lệnh).", "The server is busy; retry with the same command id.");
    public static ForumRuleException RateLimited() =>
        E("rate.limited", "Bạn gửi quá nhanh; hãy chờ một chút.", "Too many requests; slow down.");
    public static ForumRuleException Internal() =>
        E("server.error", "Lỗi máy chủ; không có thay đổi nào được ghi.", "Server error; nothing was changed.");
}
