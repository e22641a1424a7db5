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
        E("input.control_characters", $"Trường {field} chứa ký tự điều khiển hoặc ký tự ẩn (đảo chiều, khoảng trắng độ rộng 0, ngắt dòng) không hợp lệ.", $"Field {field} contains control or invisible characters (direction overrides, zero-width spaces, line separators).");
    public static ForumRuleException OutOfRange(string field, long min, long max) =>
        E("input.out_of_range", $"Giá trị {field} phải trong khoảng {min}–{max}.", $"Value {field} must be between {min} and {max}.");
    public static ForumRuleException BadCommandId() =>
        E("input.command_id", "Mã lệnh (commandId) phải có 8–64 ký tự chữ, số, '-' hoặc '_'.", "The command id must be 8–64 letters, digits, '-' or '_'.");
    public static ForumRuleException InvalidArgument(string method, string argument) =>
        E("input.invalid", $"Tham số {argument} của {method} không hợp lệ (sai kiểu hoặc vượt giới hạn).", $"Argument {argument} of {method} is not valid (wrong type or out of range).");
    public static ForumRuleException ArgumentCount(string method, int expected, int given) =>
        E("input.invalid", $"{method} nhận {expected} tham số, nhưng nhận được {given}.", $"{method} takes {expected} argument(s), but {given} were sent.");
    public static ForumRuleException UnknownSite(string site) =>
        E("site.unknown", $"Không có điểm cầu mã '{site}'.", $"There is no bridge point with code '{site}'.");

    // Permissions
    public static ForumRuleException Forbidden() =>
        E("auth.forbidden", "Vai trò của bạn không được phép thực hiện thao tác này.", "Your role is not allowed to do this.");
    public static ForumRuleException TokenRequired() =>
        E("auth.token_required", "Cần đăng nhập (gửi mã truy cập) để thực hiện thao tác này.", "Sign in (send an access token) to do this.");
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
        E("delegate.removed", "Đại biểu này đã bị chủ tọa gỡ khỏi tọa đàm.", "This delegate was removed by the moderator.");

    // Agenda and speaker queue
    public static ForumRuleException UnknownAgendaItem(string item) =>
        E("agenda.unknown_item", $"Không có mục chương trình '{item}'.", $"There is no agenda item '{item}'.");
    public static ForumRuleException DuplicateAgendaItem(string item) =>
        E("agenda.duplicate_item", $"Mục chương trình '{item}' đã có.", $"Agenda item '{item}' already exists.");
    public static ForumRuleException NoCurrentAgendaItem() =>
        E("agenda.no_current_item", "Chưa chọn mục chương trình hiện tại.", "No agenda item is current.");
    public static ForumRuleException NoSuchAgendaPosition(int position, int count) =>
        E("agenda.no_such_position", $"Vị trí {position} không có trong chương trình (1–{count}).", $"Position {position} does not exist in the agenda (1–{count}).");
    public static ForumRuleException ListClosed(string title) =>
        E("queue.list_closed", $"Danh sách phát biểu của mục \"{title}\" đã đóng; không nhận thêm đăng ký.", $"The speaker list of \"{title}\" is closed; it takes no more requests.");
    public static ForumRuleException SiteAlreadyQueued(string site) =>
        E("queue.site_already_queued", $"Điểm cầu {site} đã có một đăng ký đang chờ trong danh sách này.", $"Bridge point {site} already has a request waiting in this list.");
    public static ForumRuleException UnknownRequest(string request) =>
        E("queue.unknown_request", $"Không có đăng ký phát biểu '{request}'.", $"There is no speaking request '{request}'.");
    public static ForumRuleException DuplicateRequest(string request) =>
        E("queue.duplicate_request", $"Mã đăng ký '{request}' đã được dùng.", $"Request id '{request}' is already in use.");
    public static ForumRuleException RequestFinished(string status) =>
        E("queue.request_finished", $"Đăng ký này đã kết thúc ({status}); không thể thao tác thêm.", $"This request is finished ({status}); nothing more can be done with it.");
    public static ForumRuleException InvalidTransition(string status, string actionVi, string actionEn) =>
        E("queue.invalid_transition", $"Không thể {actionVi} một đăng ký đang ở trạng thái {status}.", $"Cannot {actionEn} a request that is {status}.");
    public static ForumRuleException NoSuchQueuePosition(int position, int count) =>
        E("queue.no_such_position", $"Vị trí {position} không có trong danh sách (1–{count}).", $"Position {position} does not exist in the list (1–{count}).");
    public static ForumRuleException OrderMismatch() =>
        E("queue.order_mismatch", "Thứ tự gửi lên không khớp danh sách hiện tại; hãy tải lại danh sách.", "The order sent does not match the current list; reload the list.");
    public static ForumRuleException FloorChanged() =>
        E("queue.floor_changed", "Người đang phát biểu đã thay đổi (một bàn điều hành khác vừa thao tác); hãy xem lại.", "The current speaker has changed (another console just acted); look again.");
    public static ForumRuleException NoNextSpeaker() =>
        E("queue.no_next_speaker", "Không còn người phát biểu đã được duyệt trong danh sách.", "No approved speaker is left in the list.");
    public static ForumRuleException NotSpeaking() =>
        E("queue.not_speaking", "Đăng ký này không phải người đang phát biểu.", "This request is not the current speaker.");
    public static ForumRuleException AlreadyPaused() =>
        E("queue.already_paused", "Phần phát biểu đang tạm dừng.", "The speech is already paused.");
    public static ForumRuleException NotPaused() =>
        E("queue.not_paused", "Phần phát biểu không tạm dừng.", "The speech is not paused.");
    public static ForumRuleException NoLastSpeaker() =>
        E("queue.no_last_speaker", "Chưa có ai phát biểu xong.", "Nobody has finished speaking yet.");
    public static ForumRuleException HallSpeaker() =>
        E("queue.hall_speaker", "Người phát biểu tại hội trường do chủ tọa thêm; hãy xóa khỏi danh sách.", "A hall speaker was added by the moderator; remove them from the list instead.");

    // Live Q&A
    public static ForumRuleException QandAClosed() =>
        E("qa.closed", "Phần hỏi đáp đang đóng; chưa nhận câu hỏi.", "Q&A is closed; questions are not taken now.");
    public static ForumRuleException UnknownQuestion(string id) =>
        E("qa.unknown_question", $"Không có câu hỏi '{id}'.", $"There is no question '{id}'.");
    public static ForumRuleException DuplicateQuestion(string id) =>
        E("qa.duplicate_question", $"Mã câu hỏi '{id}' đã được dùng.", $"Question id '{id}' is already in use.");
    public static ForumRuleException UnknownKind(string kind) =>
        E("qa.unknown_kind", $"Loại '{kind}' không hợp lệ; chọn question (câu hỏi) hoặc proposal (đề xuất).", $"Kind '{kind}' is not valid; use question or proposal.");
    public static ForumRuleException UnknownTopic(string topic) =>
        E("qa.unknown_topic", $"Chủ đề '{topic}' không có trong danh sách của tọa đàm.", $"Topic '{topic}' is not in the forum's list.");
    public static ForumRuleException AnonymousNotAllowed() =>
        E("qa.anonymous_not_allowed", "Tọa đàm này không nhận câu hỏi ẩn danh.", "This forum does not take anonymous questions.");
    public static ForumRuleException TooManyQuestions(int max) =>
        E("qa.too_many_questions", $"Mỗi người gửi tối đa {max} câu hỏi trong 10 phút; hãy chờ một lát.", $"At most {max} questions per person in ten minutes; wait a little.");
    public static ForumRuleException NotAuthor() =>
        E("qa.not_author", "Chỉ người gửi mới sửa hoặc rút được câu hỏi này.", "Only the author can edit or withdraw this question.");
    public static ForumRuleException QuestionNotPending(string status) =>
        E("qa.not_pending", $"Câu hỏi đã được xét duyệt ({status}); không thể sửa hoặc rút nữa.", $"The question has been reviewed ({status}); it can no longer be edited or withdrawn.");
    public static ForumRuleException QuestionFinished(string status) =>
        E("qa.finished", $"Câu hỏi này đã kết thúc ({status}); không thể thao tác thêm.", $"This question is finished ({status}); nothing more can be done with it.");
    public static ForumRuleException QuestionNotPublished() =>
        E("qa.not_published", "Câu hỏi chưa được công bố.", "The question is not published.");
    public static ForumRuleException NotVotable(string status) =>
        E("qa.not_votable", $"Chỉ bình chọn được câu hỏi đang công bố (câu này: {status}).", $"Only published questions take votes (this one is {status}).");
    public static ForumRuleException MergeSame() =>
        E("qa.merge_same", "Không thể gộp một câu hỏi vào chính nó.", "A question cannot be merged into itself.");
    public static ForumRuleException MergeIntoPending() =>
        E("qa.merge_into_pending", "Câu hỏi được giữ lại phải đang công bố; hãy công bố nó trước khi gộp.", "The kept question must be published; publish it before merging into it.");

    // Operations
    public static ForumRuleException StoreUnavailable() =>
        E("store.unavailable", "Máy chủ tạm thời không ghi được dữ liệu; hãy thử lại (cùng mã lệnh).", "The server cannot store data right now; retry with the same command id.");
    public static ForumRuleException OutcomeUnknown() =>
        E("store.outcome_unknown", "Máy chủ không biết lệnh đã được ghi hay chưa; hãy gửi lại (cùng mã lệnh) để biết kết quả.", "The server does not know whether the command was stored; resend it with the same command id to learn the outcome.");
    public static ForumRuleException Busy() =>
        E("store.busy", "Máy chủ đang bận; hãy thử lại (cùng mã lệnh).", "The server is busy; retry with the same command id.");
    public static ForumRuleException RateLimited() =>
        E("rate.limited", "Bạn gửi quá nhanh; hãy chờ một chút.", "Too many requests; slow down.");
    /// <summary>Nothing was done; the same call may succeed after <paramref name="retryAfter"/>.</summary>
    public static ForumRuleException RateLimited(TimeSpan retryAfter) => new(new ForumError("rate.limited",
        $"Bạn gửi quá nhanh; hãy thử lại sau {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} giây.",
        $"Too many requests; retry in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.",
        (long)Math.Ceiling(retryAfter.TotalMilliseconds)));
    public static ForumRuleException Internal() =>
        E("server.error", "Lỗi máy chủ; không có thay đổi nào được ghi.", "Server error; nothing was changed.");
}
