using System.Text.Json;
using EventHub.Auth;
using EventHub.Domain.Forum;
using EventHub.Storage;

namespace EventHub.Tests.ForumReport;

/// <summary>
/// The day's totals counted straight from events.jsonl with nothing of the hub's: event types and payload fields
/// only, so a figure the report got wrong cannot be wrong here the same way.
/// </summary>
sealed class LogCount
{
    public long Head { get; private set; }
    public HashSet<string> SitesCheckedIn { get; } = [];
    public int PeakHeadcount { get; private set; }
    public int Delegates { get; private set; }
    public int Awardees { get; private set; }
    public int Speeches { get; private set; }
    public long SpokenMs { get; private set; }
    public HashSet<string> SitesThatSpoke { get; } = [];
    public HashSet<string> SitesThatAsked { get; } = [];
    public HashSet<string> RollCallAnswers { get; } = [];
    /// <summary>Q&amp;A: each question's kind, site, topic (its last), last tally; which were published, answered, merged away, anonymous.</summary>
    public Dictionary<string, (string Kind, string Site, string? Topic, int Votes)> Questions { get; } = [];
    public HashSet<string> Published { get; } = [];
    public HashSet<string> Answered { get; } = [];
    public HashSet<string> MergedAway { get; } = [];
    public HashSet<string> Anonymous { get; } = [];
    public int VoteEvents { get; private set; }
    /// <summary>Every vote standing at the end: the last tally of each question not merged into another.</summary>
    public int Votes => Questions.Where(q => !MergedAway.Contains(q.Key)).Sum(q => q.Value.Votes);
    public int Count(string kind) => Questions.Values.Count(q => q.Kind == kind);

    public static LogCount Of(string jsonLines)
    {
        var count = new LogCount();
        var headcount = new Dictionary<string, int>();
        var awardee = new Dictionary<string, bool>();
        var speech = new Dictionary<string, (long Start, long Paused, long? PausedAt, string? Site)>();
        foreach (var line in jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var e = JsonDocument.Parse(line).RootElement;
            var seq = e.GetProperty("seq").GetInt64();
            Assert.Equal(count.Head + 1, seq); // gapless, in order
            count.Head = seq;
            var at = e.GetProperty("at").GetInt64();
            var data = e.GetProperty("data");
            string S(string name) => data.GetProperty(name).GetString()!;
            switch (e.GetProperty("type").GetString())
            {
                case "site.checked_in":
                    count.SitesCheckedIn.Add(S("site"));
                    headcount[S("site")] = data.GetProperty("headcount").GetInt32();
                    break;
                case "site.headcount":
                    headcount[S("site")] = data.GetProperty("headcount").GetInt32();
                    break;
                case "site.checked_out":
                    headcount.Remove(S("site"));
                    break;
                case "delegate.joined":
                    awardee[S("delegateId")] = data.GetProperty("awardee").GetBoolean();
                    count.Delegates++;
                    if (awardee[S("delegateId")]) count.Awardees++;
                    break;
                case "delegate.awardee_confirmed":
                    if (!awardee[S("delegateId")]) count.Awardees++;
                    awardee[S("delegateId")] = true;
                    break;
                case "delegate.removed":
                    count.Delegates--;
                    if (awardee[S("delegateId")]) count.Awardees--;
                    break;
                case "delegate.readmitted":
                    count.Delegates++;
                    if (awardee[S("delegateId")]) count.Awardees++;
                    break;
                case "rollcall.confirmed":
                    count.RollCallAnswers.Add(S("site"));
                    break;
                case "qa.submitted":
                    count.Questions[S("questionId")] = (S("kind"), S("site"), data.GetProperty("topic").GetString(), 0);
                    if (data.GetProperty("anonymous").GetBoolean()) count.Anonymous.Add(S("questionId"));
                    break;
                case "qa.published":
                    count.Published.Add(S("questionId"));
                    count.Questions[S("questionId")] = count.Questions[S("questionId")] with { Votes = data.GetProperty("votes").GetInt32() };
                    break;
                case "qa.edited" or "qa.labelled":
                    count.Questions[S("questionId")] = count.Questions[S("questionId")] with { Topic = data.GetProperty("topic").GetString() };
                    break;
                case "qa.answered":
                    count.Answered.Add(S("questionId"));
                    break;
                case "qa.voted" or "qa.unvoted":
                    if (e.GetProperty("type").GetString() == "qa.voted") count.VoteEvents++;
                    count.Questions[S("questionId")] = count.Questions[S("questionId")] with { Votes = data.GetProperty("votes").GetInt32() };
                    break;
                case "qa.votes_withdrawn":
                    foreach (var tally in data.GetProperty("tallies").EnumerateArray())
                        count.Questions[tally.GetProperty("questionId").GetString()!] = count.Questions[tally.GetProperty("questionId").GetString()!]
                            with { Votes = tally.GetProperty("votes").GetInt32() };
                    break;
                case "qa.merged":
                    count.MergedAway.Add(S("duplicateId"));
                    count.Questions[S("keptId")] = count.Questions[S("keptId")] with { Votes = data.GetProperty("votes").GetInt32() };
                    break;
                case "queue.requested":
                    count.SitesThatAsked.Add(S("site"));
                    break;
                case "queue.speech_started":
                    speech[S("requestId")] = (at, 0, null, data.GetProperty("site").GetString());
                    break;
                case "queue.speech_paused":
                    speech[S("requestId")] = speech[S("requestId")] with { PausedAt = at };
                    break;
                case "queue.speech_resumed":
                {
                    var s = speech[S("requestId")];
                    speech[S("requestId")] = s with { Paused = s.Paused + at - s.PausedAt!.Value, PausedAt = null };
                    break;
                }
                case "queue.speech_ended":
                {
                    var s = speech[S("requestId")];
                    count.Speeches++;
                    count.SpokenMs += (s.PausedAt ?? at) - s.Start - s.Paused;
                    if (s.Site is not null) count.SitesThatSpoke.Add(s.Site);
                    break;
                }
            }
            count.PeakHeadcount = Math.Max(count.PeakHeadcount, headcount.Values.Sum());
        }
        return count;
    }

    /// <summary>The lines back as stored events, to rebuild the report from the zip alone.</summary>
    public static List<StoredEvent> Stored(string jsonLines) => jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line =>
        {
            var e = JsonDocument.Parse(line).RootElement;
            var actor = e.GetProperty("actor");
            return new StoredEvent(e.GetProperty("seq").GetInt64(), e.GetProperty("at").GetInt64(),
                new Actor(RoleNames.Parse(actor.GetProperty("role").GetString())!.Value, actor.GetProperty("site").GetString(),
                    actor.GetProperty("name").GetString()!, actor.GetProperty("id").GetString()!),
                e.GetProperty("commandId").GetString()!, e.GetProperty("type").GetString()!, e.GetProperty("v").GetInt32(),
                e.GetProperty("data").GetRawText());
        })
        .ToList();
}
