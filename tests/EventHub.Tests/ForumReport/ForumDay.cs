using EventHub.Domain.Attendance;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.QandA;
using EventHub.Domain.Seeds;
using EventHub.Domain.SpeakerQueue;
using EventHub.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventHub.Tests.ForumReport;

/// <summary>
/// A recorded forum day written into a data folder before a hub starts on it: every event decided by the domain's
/// own decider and appended to the embedded log at the day's times (20 August 2024, Việt Nam time), so the report
/// has a real day to draw: 62 sites checking in over an hour, delegates joining, headcounts, a roll call that four
/// sites miss, hall speeches, and a discussion where some sites speak and some never do.
/// </summary>
static class ForumDay
{
    static readonly DateTimeOffset Morning = new(2024, 8, 20, 7, 0, 0, TimeSpan.FromHours(7));
    static readonly string[] Leads = ["Nguyễn Thị Mai", "Trần Văn Nam", "Lê Hoàng Anh", "Phạm Minh Đức", "Đỗ Thu Hà", "Vũ Quốc Bảo", "Bùi Ngọc Ánh"];
    static readonly string[] Surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Ông", "Âu"];
    static readonly string[] Given = ["Ánh", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hạnh", "Khoa", "Linh", "Ngọc", "Phúc", "Quỳnh", "Sơn", "Thảo", "Uyên", "Yến"];

    public static SeedData Seeds => SeedLoader.Load(Path.Combine(AppContext.BaseDirectory, "seeds"));

    /// <summary>The 4 sites (by position in seeds) that miss the roll call, and the speaking sites' positions.</summary>
    public static readonly int[] MissRollCall = [5, 17, 33, 60];

    public static async Task RecordAsync(string dataDirectory)
    {
        var seeds = Seeds;
        var sites = seeds.Sites.Select(s => s.Code).ToList();
        using var log = new FileEventLog(dataDirectory, NullLogger<FileEventLog>.Instance);
        var day = new Recorder(log, seeds.Forum.Id);
        await log.OpenAsync(seeds.Forum.Id, CancellationToken.None);

        // What the hub's start-up does on a new log, with the same command ids, so a hub started on it adds nothing.
        await day.At(0).Do(Actor.System, $"open-{seeds.Forum.Id}", new OpenForum(seeds.Forum.Id, seeds.Forum.Title, sites));
        foreach (var item in seeds.Forum.Programme)
        {
            await day.Do(Actor.System, $"agenda-{item.Key}", new AddAgendaItem(item.Key, item.Title, item.DefaultSpeakingSeconds));
            for (var i = 0; i < item.Speakers.Count; i++)
                await day.Do(Actor.System, $"seed-{item.Key}-{i + 1}",
                    new AddSpeaker($"seed-{item.Key}-{i + 1}", item.Key, null, item.Speakers[i].Name, item.Speakers[i].Title, null, null));
        }

        // 07:30–08:22: the check-in storm, one site every 50 s; each site's phones join over the next minutes.
        for (var i = 0; i < sites.Count; i++)
        {
            var site = sites[i];
            await day.At(30 * 60 + i * 50).Do(Host(site), $"in-{site}", new CheckIn(site, Leads[i % Leads.Length], 20 + i * 7 % 45));
            for (var n = 1; n <= 2 + i % 3; n++)
            {
                var name = DelegateName(i, n);
                var id = $"d-{site}-{n}";
                await day.After(20 + n * 15).Do(Actor.Delegate(site, name, id), $"join-{site}-{n}",
                    new JoinAsDelegate(site, id, name, "Sở Nội vụ", Awardee: (i + n) % 9 == 0));
                // A claimed award counts once the site's host confirms it (the organisers' list is empty here).
                if ((i + n) % 9 == 0) await day.After(5).Do(Host(site), $"award-{site}-{n}", new ConfirmAwardee(id));
            }
        }
        await day.After(60).Do(Actor.Moderator(), "remove-1", new RemoveDelegate("d-HCM-1"));

        // 08:30: roll call, four sites never answer.
        await day.At(90 * 60).Do(Actor.Moderator(), "rc-start", new StartRollCall("rc-1", 300));
        for (var i = 0; i < sites.Count; i++)
            if (!MissRollCall.Contains(i))
                await day.After(3).Do(Host(sites[i]), $"rc-{sites[i]}", new ConfirmRollCall(sites[i], "rc-1"));
        await day.At(96 * 60).Do(Actor.Moderator(), "rc-close", new CloseRollCall("rc-1"));

        // 08:40: the hall's two speeches.
        await day.At(100 * 60).Do(Actor.Moderator(), "call-opening", new CallNext(null, null));
        await day.After(9 * 60 + 12).Do(Actor.Moderator(), "end-opening", new EndSpeech("seed-opening-1"));
        await day.After(30).Do(Actor.Moderator(), "to-deputy", new SetCurrentAgendaItem("deputy-minister-speech"));
        await day.After(10).Do(Actor.Moderator(), "call-deputy", new CallNext(null, null));
        await day.After(14 * 60 + 40).Do(Actor.Moderator(), "end-deputy", new EndSpeech("seed-deputy-minister-speech-1"));

        // 09:10: discussion. Twenty sites ask; twelve speak (one speech paused), two are declined, one withdraws,
        // five are still waiting at the close.
        await day.At(130 * 60).Do(Actor.Moderator(), "to-discussion", new SetCurrentAgendaItem("discussion"));
        var asking = Enumerable.Range(0, 20).Select(k => sites[(k * 5 + 2) % sites.Count]).ToList();
        foreach (var (site, k) in asking.Select((s, k) => (s, k)))
            await day.After(40).Do(Host(site), $"ask-{site}", new RequestFloor($"r-{site}", site, null,
                $"{Leads[k % Leads.Length]}", "Bí thư Tỉnh đoàn", $"Chuyển đổi số trong công vụ ({k + 1})"));
        foreach (var site in asking.Take(12))
        {
            await day.After(20).Do(Actor.Moderator(), $"give-{site}", new GiveFloor($"r-{site}", null, null));
            if (site == asking[3])
            {
                await day.After(60).Do(Actor.Moderator(), $"pause-{site}", new PauseSpeech($"r-{site}"));
                await day.After(45).Do(Actor.Moderator(), $"resume-{site}", new ResumeSpeech($"r-{site}"));
            }
            await day.After(150 + site.Length * 17 + asking.IndexOf(site) * 11).Do(Actor.Moderator(), $"end-{site}", new EndSpeech($"r-{site}"));
        }
        await day.After(30).Do(Actor.Moderator(), "decline-1", new DeclineRequest($"r-{asking[12]}", "Trùng nội dung"));
        await day.After(5).Do(Actor.Moderator(), "decline-2", new DeclineRequest($"r-{asking[13]}", null));
        await day.After(5).Do(Host(asking[14]), "withdraw-1", new WithdrawRequest($"r-{asking[14]}"));

        await RecordQandAAsync(day, sites, asking);

        // 11:20: headcounts drop as people leave, then ten sites check out.
        for (var i = 0; i < sites.Count; i += 2)
            await day.At(260 * 60 + i * 5).Do(Host(sites[i]), $"hc-{sites[i]}", new UpdateHeadcount(sites[i], 10 + i % 13));
        for (var i = 0; i < 10; i++)
            await day.At(270 * 60 + i * 20).Do(Host(sites[i]), $"out-{sites[i]}", new CheckOut(sites[i]));
    }

    static Actor Host(string site) => Actor.Host(site, $"Điểm cầu {site}");

    static string DelegateName(int i, int n) => $"{Surnames[(i + n) % Surnames.Length]} {(n % 2 == 0 ? "Thị" : "Văn")} {Given[(i * 3 + n) % Given.Length]}";

    /// <summary>The forum's Q&amp;A topics (a Vietnamese list, in the organisers' order).</summary>
    public static readonly string[] Topics = ["Văn hóa công vụ", "Chuyển đổi số", "Đạo đức công vụ", "Cải cách hành chính"];

    static readonly string[] QuestionTexts =
    [
        "Làm thế nào để công chức trẻ ở {0} được tham gia các lớp bồi dưỡng kỹ năng số?",
        "Bộ có kế hoạch gì để giữ chân viên chức trẻ có năng lực tại {0}?",
        "Xin hỏi lộ trình số hóa hồ sơ cán bộ ở cấp xã tại {0} như thế nào?",
        "Cơ chế nào để đánh giá văn hóa công vụ trên môi trường số?",
    ];

    static readonly string[] ProposalTexts =
    [
        "Đề xuất tổ chức diễn đàn trực tuyến hằng quý cho cán bộ trẻ {0} trao đổi kinh nghiệm thực thi công vụ.",
        "Đề xuất xây dựng bộ quy tắc ứng xử của cán bộ, công chức trẻ trên mạng xã hội, áp dụng thí điểm tại {0}.",
        "Kiến nghị bổ sung tiêu chí chuyển đổi số vào đánh giá, xếp loại công chức hằng năm ({0}).",
    ];

    /// <summary>
    /// 09:55–10:40: live Q&amp;A on the discussion. Delegates of every other site ask or propose (some anonymous, some
    /// without a topic), a host sends a paper question for the room, the reviewer corrects one, publishes most,
    /// dismisses two, merges a duplicate and labels one; one author withdraws; every delegate votes for up to three
    /// published ones (one changes their mind); the moderator puts one on the screen and marks three answered.
    /// </summary>
    static async Task RecordQandAAsync(Recorder day, List<string> sites, List<string> asking)
    {
        var reviewer = Actor.Reviewer();
        await day.After(60).Do(Actor.Moderator(), "qa-config", new ConfigureQandA(true, true, false, Topics, 5));
        await day.After(5).Do(Actor.Moderator(), "qa-open", new OpenQandA(null));

        var asked = new List<string>();
        for (var i = 0; i < sites.Count; i += 2)
        {
            var site = sites[i];
            var id = $"d-{site}-1";
            if (day.State.Attendance.IsRemoved(id)) continue;
            var proposal = i % 3 == 0;
            var texts = proposal ? ProposalTexts : QuestionTexts;
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, texts[i % texts.Length], site);
            var topic = i % 7 == 0 ? null : Topics[i % Topics.Length];
            await day.After(30).Do(Actor.Delegate(site, DelegateName(i, 1), id), $"ask-q-{site}",
                new AskQuestion($"q-{site}", site, proposal ? "proposal" : "question", text, topic, null, null, Anonymous: i % 5 == 0));
            asked.Add($"q-{site}");
        }
        // A host relays the room's paper question.
        await day.After(20).Do(Host(sites[1]), "ask-paper", new AskQuestion("q-paper", sites[1], "question",
            "Câu hỏi của hội trường điểm cầu: chế độ phụ cấp cho cán bộ trẻ làm công nghệ thông tin?", Topics[1], null, null, false));
        asked.Add("q-paper");

        await day.After(30).Do(Actor.Delegate(sites[4], DelegateName(4, 1), $"d-{sites[4]}-1"), "withdraw-q", new WithdrawQuestion(asked[2]));
        await day.After(10).Do(reviewer, "edit-q", new EditQuestion(asked[3], "Đề xuất xây dựng bộ quy tắc ứng xử của cán bộ, công chức trẻ trên mạng xã hội.", Topics[0]));
        var published = new List<string>();
        foreach (var (id, k) in asked.Select((id, k) => (id, k)))
        {
            if (k == 2) continue;
            if (k is 5 or 11)
                await day.After(8).Do(reviewer, $"dismiss-{id}", new DismissQuestion(id, "Nội dung chưa phù hợp với chủ đề"));
            else
            {
                await day.After(8).Do(reviewer, $"publish-{id}", new PublishQuestion(id));
                published.Add(id);
            }
        }
        await day.After(10).Do(reviewer, "label-q", new LabelQuestion(asked[0], Topics[3]));

        // Votes: each delegate (not the removed one) for up to three published questions, spread over the list.
        for (var i = 0; i < sites.Count; i++)
            for (var n = 1; n <= 2 + i % 3; n++)
            {
                var id = $"d-{sites[i]}-{n}";
                if (day.State.Attendance.IsRemoved(id)) continue;
                var voter = Actor.Delegate(sites[i], DelegateName(i, n), id);
                foreach (var pick in new[] { i % published.Count, (i * 3 + n) % published.Count, n % 4 }.Distinct())
                    await day.After(1).Do(voter, $"vote-{id}-{published[pick]}", new VoteQuestion(published[pick]));
                if (i == 7 && n == 1) await day.After(2).Do(voter, $"unvote-{id}", new UnvoteQuestion(published[i % published.Count]));
            }

        // A duplicate found late: its voters join the kept one, each counted once.
        await day.After(30).Do(reviewer, "merge-q", new MergeQuestions(published[0], published[^1]));
        var top = day.State.QandA.Questions.Values.Where(q => q.Status == QuestionStatus.Published)
            .OrderByDescending(q => q.Votes).ThenBy(q => q.Id, StringComparer.Ordinal).Select(q => q.Id).ToList();
        await day.After(20).Do(Actor.Moderator(), "highlight-q", new HighlightQuestion(top[0]));
        await day.After(120).Do(Actor.Moderator(), "answer-q1", new MarkAnswered(top[0], $"r-{asking[0]}"));
        await day.After(60).Do(Actor.Moderator(), "answer-q2", new MarkAnswered(top[1], $"r-{asking[1]}"));
        await day.After(60).Do(Actor.Moderator(), "answer-q3", new MarkAnswered(top[2], null));
        await day.After(10).Do(Actor.Moderator(), "qa-close", new CloseQandA(null));
    }

    /// <summary>Decides each command against the fold so far and appends its events at the recorder's clock.</summary>
    sealed class Recorder(IEventLog log, string forumId)
    {
        ForumState _state = ForumState.Initial;
        long _head;

        public ForumState State => _state;
        long _now;

        public Recorder At(int secondsAfterSeven)
        {
            _now = Morning.AddSeconds(secondsAfterSeven).ToUnixTimeMilliseconds();
            return this;
        }

        public Recorder After(int seconds)
        {
            _now += seconds * 1000L;
            return this;
        }

        public async Task Do(Actor actor, string commandId, ForumCommand command)
        {
            var events = ForumDecider.Decide(_state, command, actor, _now);
            var encoded = events.Select(e => EventCatalog.NameOf(e) is var (type, version)
                ? new NewEvent(type, version, EventCatalog.Serialize(e)) : null!).ToList();
            var result = await log.AppendAsync(forumId, _head, commandId, _now, actor, encoded, CancellationToken.None);
            var appended = Assert.IsType<AppendResult.Appended>(result);
            foreach (var (e, i) in events.Select((e, i) => (e, i)))
                _state = ForumState.Evolve(_state, e, new EventContext(appended.First + i, _now, actor));
            _head = appended.Last;
        }
    }
}
