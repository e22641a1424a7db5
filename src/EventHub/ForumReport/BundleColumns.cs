using EventHub.Attendance;
using EventHub.QandA;
using EventHub.SpeakerQueue;

namespace EventHub.ForumReport;

/// <summary>A column (CSV) or field (JSON) of a bundle file: its name there, and what it holds in both languages.</summary>
public sealed record ColumnNote(string Name, string Vi, string En);

/// <summary>A file of the bundle and the notes on each of its columns or fields, for README.txt.</summary>
public sealed record FileNote(string File, string Vi, string En, IReadOnlyList<ColumnNote> Columns);

/// <summary>
/// What every file of the bundle holds, column by column. The notes are keyed by the live exports' English column
/// names and carry the Vietnamese header the export writes, so a column cannot exist without its note in README.txt.
/// </summary>
public static class BundleColumns
{
    const string Times = "Giờ Việt Nam (UTC+7), yyyy-MM-dd HH:mm:ss";
    const string TimesEn = "Việt Nam time (UTC+7), yyyy-MM-dd HH:mm:ss";
    const string UnixMs = "thời điểm, mili giây Unix (UTC)";
    const string UnixMsEn = "a time, Unix milliseconds (UTC)";

    /// <summary>attendance.csv: English name (the live export's) → Vietnamese header and meaning.</summary>
    static readonly Dictionary<string, ColumnNote> Attendance = new(StringComparer.Ordinal)
    {
        ["Site"] = new("Mã điểm cầu", "mã điểm cầu (seeds/sites.csv)", "the site's code (seeds/sites.csv)"),
        ["SiteName"] = new("Tên điểm cầu", "tên tỉnh, thành phố", "the province's name"),
        ["Record"] = new("Loại bản ghi",
            "điểm danh = một lần điểm danh vào (đến lúc điểm danh ra); số người = số người báo cáo; đại biểu = một đại biểu tham gia; điểm danh nhanh = một lượt điểm danh trực tuyến; mất kết nối = mất liên lạc với người điều phối điểm cầu; vắng mặt = điểm cầu không điểm danh",
            "checkin = one check-in (until its check-out); headcount = a reported headcount; delegate = one delegate who joined; rollcall = one roll call; host_lost = the site's host was lost; absent = the site never checked in"),
        ["From"] = new("Từ", $"bắt đầu ({Times}): điểm danh vào, báo cáo, tham gia, trả lời, mất liên lạc", $"start ({TimesEn}): check-in, report, join, answer, loss"),
        ["To"] = new("Đến", $"kết thúc ({Times}): điểm danh ra, đại biểu bị gỡ, hạn điểm danh, có liên lạc lại", $"end ({TimesEn}): check-out, removal, roll-call deadline, host back"),
        ["Name"] = new("Họ tên", "người phụ trách điểm cầu (checkin) hoặc đại biểu (delegate)", "the site's lead (checkin) or the delegate (delegate)"),
        ["Agency"] = new("Cơ quan", "cơ quan, đơn vị của đại biểu", "the delegate's agency"),
        ["Awardee"] = new("Khen thưởng", "có = đại biểu được khen thưởng, không = không", "có = an award recipient, không = not"),
        ["Headcount"] = new("Số người", "số người tại điểm cầu", "people at the site"),
        ["Note"] = new("Ghi chú", "điểm danh nhanh: mã lượt và đã trả lời/chưa trả lời; đại biểu: đã bị loại hoặc cho tham gia lại kèm giờ; mất kết nối: lần cuối nghe thấy", "roll call: its id and answered (đã trả lời) or missing (chưa trả lời); delegate: removed (đã bị loại) or readmitted (cho tham gia lại) with the time; host lost: when last heard"),
    };

    static readonly Dictionary<string, ColumnNote> Speaking = new(StringComparer.Ordinal)
    {
        ["speaker"] = new("Người phát biểu", "họ tên như được ghi lần đầu (cùng tên khác cách viết hoa tính là một người)", "the name as first written (one person whatever the capitals)"),
        ["site"] = new("Mã điểm cầu", "mã điểm cầu; để trống là hội trường Hà Nội", "the site's code; empty for the Hà Nội hall"),
        ["siteName"] = new("Tên điểm cầu", "tên tỉnh, thành phố hoặc \"Hội trường Hà Nội\"", "the province's name, or \"Hội trường Hà Nội\" (the hall)"),
        ["speeches"] = new("Số lượt phát biểu", "số lượt đã phát biểu xong", "finished speeches"),
        ["spokenSeconds"] = new("Thời gian phát biểu (giây)", "tổng thời gian phát biểu, giây, không tính lúc tạm dừng", "total speaking time in seconds, pauses excluded"),
        ["waitedSeconds"] = new("Thời gian chờ (giây)", "tổng thời gian từ lúc đăng ký (hoặc được điều hành thêm) đến lúc được phát biểu, giây", "total seconds from the request (or the moderator's addition) to the floor"),
    };

    static readonly Dictionary<string, ColumnNote> Questions = new(StringComparer.Ordinal)
    {
        ["Id"] = new("Mã", "mã câu hỏi hoặc đề xuất", "the question's or proposal's id"),
        ["Kind"] = new("Loại", "question = câu hỏi, proposal = đề xuất", "question or proposal"),
        ["Site"] = new("Mã điểm cầu", "mã điểm cầu đã gửi (seeds/sites.csv)", "the code of the site that sent it (seeds/sites.csv)"),
        ["SiteName"] = new("Điểm cầu", "tên tỉnh, thành phố", "the province's name"),
        ["Topic"] = new("Chủ đề", "chủ đề trong danh sách của tọa đàm; để trống là chưa gắn", "the topic from the forum's list; empty for none"),
        ["AgendaItem"] = new("Nội dung chương trình", "mã nội dung chương trình khi gửi", "the agenda item it was sent under"),
        ["To"] = new("Gửi tới", "người được hỏi, nếu có", "the person it is addressed to, if any"),
        ["Author"] = new("Người gửi", "họ tên đại biểu; để trống khi ẩn danh hoặc khi điểm cầu gửi thay", "the delegate's name; empty when anonymous or sent by the site"),
        ["Anonymous"] = new("Ẩn danh", "yes = ẩn danh, no = không", "yes = anonymous, no = named"),
        ["Votes"] = new("Số lượt bình chọn", "số đại biểu bình chọn (mỗi người một lần)", "how many delegates voted for it (each once)"),
        ["Status"] = new("Trạng thái", "pending = chờ duyệt, published = đã công bố, answered = đã trả lời, dismissed = không duyệt, withdrawn = tác giả rút, merged = gộp vào câu khác",
            "pending, published, answered, dismissed, withdrawn (by its author) or merged (into another)"),
        ["SubmittedAt"] = new("Gửi lúc", Times, TimesEn),
        ["PublishedAt"] = new("Công bố lúc", Times, TimesEn),
        ["AnsweredAt"] = new("Trả lời lúc", Times, TimesEn),
        ["AnsweredBy"] = new("Lượt phát biểu trả lời", "mã lượt phát biểu đã trả lời câu hỏi", "the id of the speech that answered it"),
        ["AnsweringSpeaker"] = new("Người trả lời", "người phát biểu của lượt đó", "the speaker of that speech"),
        ["Text"] = new("Nội dung", "nội dung (sau khi thư ký sửa, nếu có)", "the text (as a reviewer corrected it, if they did)"),
        ["OriginalText"] = new("Nội dung gốc", "nội dung tác giả gửi, khi thư ký đã sửa", "the author's text, where a reviewer corrected it"),
        ["MergedInto"] = new("Gộp vào", "mã câu được giữ lại khi câu này bị gộp", "the kept question's id, when this one was merged"),
        ["CoAuthors"] = new("Đồng tác giả", "tác giả các câu trùng được gộp vào: họ tên (mã điểm cầu), chỉ mã điểm cầu khi ẩn danh", "authors of duplicates merged into it: name (site), only the site when anonymous"),
        ["DismissReason"] = new("Lý do không duyệt", "lý do thư ký không duyệt", "the reviewer's reason for dismissing it"),
        ["Questions"] = new("Câu hỏi", "số câu hỏi điểm cầu đã gửi", "questions the site sent"),
        ["Proposals"] = new("Đề xuất", "số đề xuất điểm cầu đã gửi", "proposals the site sent"),
        ["Published"] = new("Đã công bố", "số câu đã được công bố", "how many were published"),
        ["Answered"] = new("Đã trả lời", "số câu đã được trả lời", "how many were answered"),
    };

    /// <summary>Each column's note, named by the Vietnamese header the export writes in that place.</summary>
    static IReadOnlyList<ColumnNote> Csv(IReadOnlyList<string> english, IReadOnlyList<string> vietnamese,
        Dictionary<string, ColumnNote> notes) =>
        english.Select((name, i) => notes[name] with { Name = vietnamese[i] }).ToList();

    public static IReadOnlyList<FileNote> Files { get; } =
    [
        new("report.html", "Báo cáo tọa đàm (tiếng Việt), in khổ A4 từ trình duyệt.", "The forum's report in Vietnamese, prints on A4 from a browser.", []),
        new("report.en.html", "Báo cáo tọa đàm (tiếng Anh).", "The forum's report in English.", []),
        new("attendance.csv", "Điểm danh: mỗi dòng một sự việc (UTF-8 có BOM, mở trực tiếp bằng Excel).", "Attendance: one row per fact (UTF-8 with BOM, opens in Excel).",
            Csv(AttendanceCsv.EnglishHeader, AttendanceCsv.VietnameseHeader, Attendance)),
        new("speakers.csv", "Thống kê theo người phát biểu.", "Statistics per speaker.", Csv(SpeakingCsv.SpeakersEnglish, SpeakingCsv.SpeakersVietnamese, Speaking)),
        new("speaker-sites.csv", "Thống kê phát biểu theo điểm cầu (một dòng cho hội trường).", "Speaking statistics per site (one row for the hall).",
            Csv(SpeakingCsv.SitesEnglish, SpeakingCsv.SitesVietnamese, Speaking)),
        new("attendance.json", "Điểm danh dạng JSON, mỗi điểm cầu một mục, thời gian là mili giây Unix (UTC).", "Attendance as JSON, one entry per site, times in Unix ms (UTC).",
        [
            new("forumId, title", "mã và tên tọa đàm", "the forum's id and title"),
            new("seq", "số thứ tự của sự kiện cuối cùng đã tính", "the sequence number of the last event counted"),
            new("sites[].site, sites[].name", "mã và tên điểm cầu", "the site's code and name"),
            new("sites[].spells[]: checkedInAt, lead, headcount, checkedOutAt", $"mỗi lần điểm danh vào: {UnixMs}, người phụ trách, số người, lúc điểm danh ra (null: chưa ra)", $"each check-in: {UnixMsEn}, lead, headcount, check-out (null: still in)"),
            new("sites[].headcounts[]: at, headcount", "mỗi lần báo cáo số người", "each reported headcount"),
            new("sites[].delegates[]: id, name, agency, awardee, joinedAt, removedAt, readmittedAt", "mỗi đại biểu: mã, họ tên, cơ quan, khen thưởng, lúc tham gia, lúc bị gỡ, lúc được nhận lại", "each delegate: id, name, agency, award recipient, joined, removed, readmitted"),
            new("sites[].rollCalls[]: rollCallId, startedAt, deadlineAt, answeredAt", "mỗi lượt điểm danh trực tuyến; answeredAt null: điểm cầu không trả lời", "each roll call; answeredAt null: the site did not answer"),
            new("sites[].hostAlerts[]: lostAt, lastHeardAt, backAt", "mỗi lần mất liên lạc với người điều phối điểm cầu", "each time the site's host was lost"),
        ]),
        new("speeches.json", "Thống kê phát biểu dạng JSON.", "Speaking statistics as JSON.",
        [
            new("sites[]: site, speeches, spokenMs, waitedMs", "theo điểm cầu (site null: hội trường); thời gian tính bằng mili giây", "per site (site null: the hall); times in milliseconds"),
            new("speakers[]: speaker, site, speeches, spokenMs, waitedMs", "theo người phát biểu", "per speaker"),
        ]),
        new("questions.csv", "Câu hỏi và đề xuất: mỗi dòng một câu; không nêu tên người gửi ẩn danh.", "Questions and proposals, one row each; no anonymous author is named.",
            Csv(QandACsv.QuestionsEnglish, QandACsv.QuestionsVietnamese, Questions)),
        new("questions-by-site.csv", "Câu hỏi và đề xuất theo điểm cầu.", "Questions and proposals per site.",
            Csv(QandACsv.SitesEnglish, QandACsv.SitesVietnamese, Questions)),
        new("questions.json", "Câu hỏi và đề xuất dạng JSON (như GET /api/export/questions.json), thời gian là mili giây Unix (UTC).",
            "Questions and proposals as JSON (as GET /api/export/questions.json), times in Unix ms (UTC).",
        [
            new("questions[]: questionId, kind, site, topic, itemId, speaker, author, anonymous, votes, status", "như các cột cùng tên của questions.csv (itemId: nội dung chương trình, speaker: người được hỏi)",
                "as the columns of questions.csv (itemId: the agenda item, speaker: the person addressed)"),
            new("questions[]: submittedAt, publishedAt, answeredAt", UnixMs, UnixMsEn),
            new("questions[]: answeredBy, answeringSpeaker, text, originalText, mergedInto, dismissReason", "như các cột cùng tên của questions.csv", "as the columns of questions.csv"),
            new("questions[].coAuthors[]: site, authorName, anonymous, public", "tác giả các câu trùng được gộp vào (authorName trống khi ẩn danh)", "authors of merged duplicates (authorName blank when anonymous)"),
            new("sites[]: site, questions, proposals, published, answered", "theo điểm cầu, như questions-by-site.csv", "per site, as questions-by-site.csv"),
        ]),
        new("events.jsonl", "Nhật ký sự kiện của tọa đàm, mỗi dòng một sự kiện theo thứ tự; dựng lại được mọi số liệu từ đây.", "The forum's event log, one event per line in order; every figure can be rebuilt from it.",
        [
            new("epoch", "định danh của nhật ký (đổi khi nhật ký được tạo lại)", "the log's identity (changes when the log is recreated)"),
            new("seq", "số thứ tự, 1, 2, 3… không thiếu, không lặp", "sequence number, 1, 2, 3… no gaps, no repeats"),
            new("at", $"lúc máy chủ ghi sự kiện, {UnixMs}", $"when the server committed it, {UnixMsEn}"),
            new("actor: role, site, name, id", "ai gây ra sự kiện: vai trò, điểm cầu, tên, mã", "who caused it: role, site, name, id"),
            new("commandId", "mã lệnh đã tạo ra sự kiện", "the command id that made it"),
            new("type, v", "loại sự kiện và phiên bản (docs/protocol.md)", "the event type and its version (docs/protocol.md)"),
            new("data", "nội dung sự kiện", "the event's payload"),
        ]),
    ];
}
