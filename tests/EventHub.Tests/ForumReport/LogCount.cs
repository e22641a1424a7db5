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
                new Actor(ForumClaims.ParseRole(actor.GetProperty("role").GetString())!.Value, actor.GetProperty("site").GetString(),
                    actor.GetProperty("name").GetString()!, actor.GetProperty("id").GetString()!),
                e.GetProperty("commandId").GetString()!, e.GetProperty("type").GetString()!, e.GetProperty("v").GetInt32(),
                e.GetProperty("data").GetRawText());
        })
        .ToList();
}
