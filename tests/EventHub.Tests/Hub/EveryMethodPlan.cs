using System.Reflection;
using System.Text.Json.Nodes;
using EventHub.Domain.Protocol;
using EventHub.Hubs;

namespace EventHub.Tests.Hub;

/// <summary>One call of the plan: who calls (<c>moderator</c>, <c>host</c> or <c>delegate</c>), which method, its arguments as a
/// JavaScript client writes them (camelCase), and whether a successful answer must have written an event.</summary>
public sealed record PlanStep(string Caller, string Method, JsonNode?[] Args, bool Writes);

/// <summary>
/// Every hub method, called once with valid input in an order in which each succeeds, on a fresh hub with the
/// seeded forum: the .NET and the JavaScript clients run this same list under both protocols.
/// </summary>
public static class EveryMethodPlan
{
    public const string Moderator = "moderator";
    public const string Host = "host";
    public const string Delegate = "delegate";
    public const string Site = "HCM";
    /// <summary>The delegate who asks and votes (an award claimant), then is removed and readmitted.</summary>
    public const string DelegateName = "Đặng Thu Hà";

    /// <summary>
    /// The hub's settings for running the plan: it calls one method after another as fast as the client can, past the
    /// per-connection and per-caller bursts a person never reaches (the rate limits have their own tests).
    /// </summary>
    public static Dictionary<string, string?> HubSettings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["EventHub:RateLimits:ConnectionBurst"] = "1000",
            ["EventHub:RateLimits:CallerBurst"] = "1000",
        };
        foreach (var (key, value) in more ?? []) settings[key] = value;
        return settings;
    }

    /// <summary>The names in <see cref="HubMethods"/>.</summary>
    public static IReadOnlyList<string> Listed => typeof(HubMethods).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

    /// <summary>What a client can call on the hub itself.</summary>
    public static IReadOnlyList<string> OnTheHub => HubParameters.MethodsOf(typeof(ForumHub)).Select(m => m.Name).ToList();

    public static IReadOnlyList<PlanStep> Steps(string delegateId)
    {
        var steps = new List<PlanStep>();
        void Query(string caller, string method, params JsonNode?[] args) => steps.Add(new(caller, method, args, false));
        void Command(string caller, string method, JsonObject request, bool writes = true)
        {
            request["commandId"] ??= $"every-{steps.Count:D3}-{method}";
            steps.Add(new(caller, method, [request], writes));
        }

        const string item = "item-every-1", asked = "req-every-1", declined = "req-every-2", withdrawn = "req-every-3";
        const string hall = "spk-every-1", removed = "spk-every-2", rollCall = "rollcall-every-1";

        Query(Moderator, HubMethods.WhoAmI);
        Query(Moderator, HubMethods.Resume, new JsonObject { ["epoch"] = null, ["afterSeq"] = 0 });
        Query(Moderator, HubMethods.GetSnapshot);
        Query(Host, HubMethods.RefreshToken);
        Command(Host, HubMethods.CheckIn, new() { ["lead"] = "Nguyễn Văn An", ["headcount"] = 20 });
        Command(Host, HubMethods.UpdateHeadcount, new() { ["headcount"] = 25 });
        Query(Host, HubMethods.Pong, JsonValue.Create(12345L));

        Command(Moderator, HubMethods.AddAgendaItem,
            new() { ["commandId"] = item, ["title"] = "Thảo luận tổ", ["defaultSpeakingSeconds"] = 120 });
        Command(Moderator, HubMethods.RenameAgendaItem, new() { ["itemId"] = item, ["title"] = "Thảo luận chung" });
        Command(Moderator, HubMethods.MoveAgendaItem, new() { ["itemId"] = item, ["position"] = 1 }, writes: false);
        Command(Moderator, HubMethods.SetCurrentAgendaItem, new() { ["itemId"] = item }, writes: false);
        Command(Moderator, HubMethods.SetListOptions,
            new() { ["itemId"] = null, ["defaultSpeakingSeconds"] = 90, ["oneRequestPerSite"] = false });

        Command(Host, HubMethods.RequestFloor,
            new() { ["commandId"] = asked, ["speaker"] = "Trần Thị Bình", ["speakerTitle"] = "Giám đốc Sở", ["topic"] = "Nông nghiệp" });
        Command(Moderator, HubMethods.ApproveRequest, new() { ["requestId"] = asked });
        Command(Moderator, HubMethods.AddSpeaker, new()
        {
            ["commandId"] = hall, ["itemId"] = null, ["site"] = null, ["speaker"] = "Lê Văn Cường", ["speakerTitle"] = null,
            ["topic"] = "Giáo dục", ["position"] = null,
        });
        Command(Host, HubMethods.RequestFloor, new() { ["commandId"] = declined, ["speaker"] = "Phạm Dũng", ["topic"] = "Y tế" });
        Command(Moderator, HubMethods.DeclineRequest, new() { ["requestId"] = declined, ["reason"] = "Đã đủ người" });
        Command(Host, HubMethods.RequestFloor, new() { ["commandId"] = withdrawn, ["speaker"] = "Võ Lan", ["topic"] = "Giao thông" });
        Command(Host, HubMethods.WithdrawRequest, new() { ["requestId"] = withdrawn });
        Command(Moderator, HubMethods.MoveRequest, new() { ["requestId"] = hall, ["position"] = 1 });
        Command(Moderator, HubMethods.MoveToTop, new() { ["requestId"] = asked });
        Query(Moderator, HubMethods.SuggestFairOrder, (JsonNode?)null);
        Command(Moderator, HubMethods.ApplyOrder, new() { ["itemId"] = null, ["requestIds"] = new JsonArray(hall, asked) });
        Command(Moderator, HubMethods.AddSpeaker, new() { ["commandId"] = removed, ["speaker"] = "Hoàng Em", ["topic"] = "Văn hóa" });
        Command(Moderator, HubMethods.RemoveRequest, new() { ["requestId"] = removed });

        Command(Moderator, HubMethods.CallNext, new() { ["expectedCurrent"] = null, ["limitSeconds"] = null });
        Command(Moderator, HubMethods.PauseSpeech, new() { ["requestId"] = hall });
        Command(Moderator, HubMethods.ResumeSpeech, new() { ["requestId"] = hall });
        Command(Moderator, HubMethods.AddTime, new() { ["requestId"] = hall, ["seconds"] = 30 });
        Command(Moderator, HubMethods.EndSpeech, new() { ["requestId"] = hall });
        Command(Moderator, HubMethods.GiveFloor, new() { ["requestId"] = asked, ["expectedCurrent"] = null, ["limitSeconds"] = 60 });
        Command(Moderator, HubMethods.EndSpeech, new() { ["requestId"] = asked });
        Command(Moderator, HubMethods.ReAddLastSpeaker, new() { ["commandId"] = "readd-every-1" });
        Command(Moderator, HubMethods.CloseList, new() { ["itemId"] = null });
        Command(Moderator, HubMethods.ReopenList, new() { ["itemId"] = null });
        Command(Moderator, HubMethods.ClearList, new() { ["itemId"] = null });
        Query(Moderator, HubMethods.GetSpeakingReport);
        Query(Moderator, HubMethods.GetBoard);

        Command(Moderator, HubMethods.StartRollCall, new() { ["commandId"] = rollCall, ["rollCallId"] = null, ["deadlineSeconds"] = 60 });
        Command(Host, HubMethods.ConfirmRollCall, new() { ["rollCallId"] = rollCall });
        Command(Moderator, HubMethods.CloseRollCall, new() { ["site"] = null, ["rollCallId"] = rollCall });
        // Live Q&A, under review: a question asked, edited, published, labelled, voted for and answered; a site's proposal
        // merged into it; an anonymous one withdrawn, one dismissed.
        const string question = "q-every-1", proposal = "q-every-2", takenBack = "q-every-3", dismissed = "q-every-4";
        Command(Moderator, HubMethods.ConfigureQandA, new()
        {
            ["review"] = true, ["allowAnonymous"] = true, ["namesToReviewers"] = false,
            ["topics"] = new JsonArray("Chuyển đổi số", "Y tế"), ["questionsPerTenMinutes"] = 10,
        });
        Command(Moderator, HubMethods.OpenQandA, new() { ["itemId"] = null });
        Command(Delegate, HubMethods.AskQuestion, new()
        {
            ["commandId"] = question, ["site"] = null, ["kind"] = "question", ["text"] = "Khi nào thủ tục được số hóa?",
            ["topic"] = null, ["itemId"] = null, ["speaker"] = null, ["anonymous"] = false,
        });
        Command(Delegate, HubMethods.EditQuestion,
            new() { ["questionId"] = question, ["text"] = "Khi nào thủ tục được số hóa toàn trình?", ["topic"] = "Chuyển đổi số" });
        Command(Host, HubMethods.AskQuestion,
            new() { ["commandId"] = proposal, ["kind"] = "proposal", ["text"] = "Đề xuất số hóa thủ tục.", ["anonymous"] = false });
        Command(Delegate, HubMethods.AskQuestion, new() { ["commandId"] = takenBack, ["text"] = "Câu hỏi rút lại?", ["anonymous"] = true });
        Command(Delegate, HubMethods.WithdrawQuestion, new() { ["questionId"] = takenBack });
        Command(Delegate, HubMethods.AskQuestion, new() { ["commandId"] = dismissed, ["text"] = "Câu hỏi ngoài lề?", ["anonymous"] = false });
        Command(Moderator, HubMethods.DismissQuestion, new() { ["questionId"] = dismissed, ["reason"] = "Ngoài chủ đề" });
        Command(Moderator, HubMethods.PublishQuestion, new() { ["questionId"] = question });
        Command(Moderator, HubMethods.LabelQuestion, new() { ["questionId"] = question, ["topic"] = "Y tế" });
        Command(Delegate, HubMethods.VoteQuestion, new() { ["questionId"] = question });
        Command(Delegate, HubMethods.UnvoteQuestion, new() { ["questionId"] = question });
        Command(Delegate, HubMethods.VoteQuestion, new() { ["questionId"] = question }); // removing them takes it back
        Command(Moderator, HubMethods.HighlightQuestion, new() { ["questionId"] = question });
        Command(Moderator, HubMethods.MergeQuestions, new() { ["keptId"] = question, ["duplicateId"] = proposal });
        Command(Moderator, HubMethods.MarkAnswered, new() { ["questionId"] = question, ["requestId"] = asked });
        Query(Delegate, HubMethods.MyQuestions);
        Command(Moderator, HubMethods.CloseQandA, new() { ["itemId"] = null });

        Command(Host, HubMethods.ConfirmAwardee, new() { ["delegateId"] = delegateId });
        Command(Moderator, HubMethods.RemoveDelegate, new() { ["delegateId"] = delegateId });
        Command(Moderator, HubMethods.ReadmitDelegate, new() { ["delegateId"] = delegateId });
        Command(Host, HubMethods.CheckOut, new());
        return steps;
    }
}
