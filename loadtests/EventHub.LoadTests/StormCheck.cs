using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using EventHub.SiteClient;

namespace EventHub.LoadTests;

/// <summary>
/// The votes as the durable log holds them, read from event 1 through the moderator's report bundle
/// (<c>/api/reports/bundle.zip</c>, its <c>events.jsonl</c>): how many times each command id made a vote, and each
/// question's tally after its last vote, counted here from the lines alone.
/// </summary>
sealed record VoteLog(long Head, IReadOnlyDictionary<string, int> VotesByCommand, IReadOnlyDictionary<string, int> VotesByQuestion,
    IReadOnlyDictionary<string, int> LastTally)
{
    public static async Task<VoteLog> ReadAsync(QandAStormSettings settings, CancellationToken cancellationToken)
    {
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(settings.Credentials, cancellationToken));
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var hub = new Uri(settings.Hub);
        var login = await Population.Retry(() => HubLogin.LoginAsync(http, hub,
            new LoginRequest("moderator", credentials.RootElement.GetProperty("moderatorKey").GetString()!), cancellationToken), cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(hub, "/api/reports/bundle.zip"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", login.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(cancellationToken), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("events.jsonl")!.Open());

        long head = 0;
        var byCommand = new Dictionary<string, int>(StringComparer.Ordinal);
        var byQuestion = new Dictionary<string, int>(StringComparer.Ordinal);
        var tally = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0) continue;
            var e = JsonDocument.Parse(line).RootElement;
            head = e.GetProperty("seq").GetInt64();
            var type = e.GetProperty("type").GetString();
            if (type is not ("qa.voted" or "qa.unvoted")) continue;
            var question = e.GetProperty("data").GetProperty("questionId").GetString()!;
            tally[question] = e.GetProperty("data").GetProperty("votes").GetInt32();
            if (type != "qa.voted") continue;
            var command = e.GetProperty("commandId").GetString()!;
            byCommand[command] = byCommand.GetValueOrDefault(command) + 1;
            byQuestion[question] = byQuestion.GetValueOrDefault(question) + 1;
        }
        return new VoteLog(head, byCommand, byQuestion, tally);
    }
}

/// <summary>
/// The storm's correctness: every acknowledged vote in the durable log exactly once, every tally equal to the
/// votes the log holds for it, every client that keeps the forum's state (moderator, reviewer, hosts, displays) on
/// the log's tallies, every client at the final head with no gap and no repeat, no vote refused, no command
/// answered server.error, no node exited where none was killed.
/// </summary>
sealed record StormCheck(int VotesSent, int VotesAcknowledged, int VotesInLog, int AcknowledgedMissing, int CountedTwice,
    int InLogNotAcknowledged, int TalliesOff, int ClientsChecked, int ClientsOffTally, long Lost, long Duplicated, long Gaps,
    int Moved, int Resumed, IReadOnlyList<double> ResumeSeconds, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;

    public static StormCheck Of(Population people, Probe reviewer, QandAStorm storm, VoteLog log, long head, long faultAt,
        IReadOnlyList<int> exitedNodes, IReadOnlyList<string> faultsFailed)
    {
        var sent = storm.Votes.ToList();
        var acknowledged = sent.Where(v => v.Result is { Ok: true }).ToList();
        var missing = acknowledged.Count(v => !log.VotesByCommand.ContainsKey(v.CommandId));
        var twice = log.VotesByCommand.Count(c => c.Value > 1);
        var ours = sent.Select(v => v.CommandId).ToHashSet(StringComparer.Ordinal);
        var strangers = log.VotesByCommand.Keys.Count(c => !ours.Contains(c));
        var acknowledgedIds = acknowledged.Select(v => v.CommandId).ToHashSet(StringComparer.Ordinal);
        var notAcknowledged = log.VotesByCommand.Keys.Count(c => ours.Contains(c) && !acknowledgedIds.Contains(c));
        // Each question's tally against the votes the log holds for it (every vote counted once, none lost).
        var questions = storm.Questions.ToList();
        var talliesOff = questions.Count(q => log.LastTally.GetValueOrDefault(q) != log.VotesByQuestion.GetValueOrDefault(q));

        var watchers = new[] { people.Moderator, reviewer }.Concat(people.Hosts.Select(h => h.Probe)).Concat(people.Displays).ToList();
        var offTally = watchers.Count(p => questions.Any(q =>
            p.Client.Forum.State.QandA.Question(q)?.Votes != log.LastTally.GetValueOrDefault(q)));

        var probes = people.All.Append(reviewer).ToList();
        var lost = probes.Sum(p => Math.Max(0, head - p.LastSeq));
        var duplicated = probes.Sum(p => p.Duplicated);
        var gaps = probes.Sum(p => p.Gaps);
        var moved = faultAt == 0 ? [] : probes.Where(p => p.DroppedAfter(faultAt)).ToList();
        var resumeSeconds = moved.Select(p => (p.FirstResumeAfter(faultAt) - faultAt) / 1000.0).Order().ToList();

        var problems = new List<string>();
        if (log.Head != head) problems.Add($"the log's head {log.Head} is not the clients' {head}");
        if (missing > 0) problems.Add($"{missing} acknowledged votes missing from the log");
        if (twice > 0) problems.Add($"{twice} vote commands counted twice in the log");
        if (strangers > 0) problems.Add($"{strangers} votes in the log that nobody sent");
        if (talliesOff > 0) problems.Add($"{talliesOff} questions whose tally is not the votes the log holds");
        if (offTally > 0) problems.Add($"{offTally} clients ended on other tallies than the log's");
        if (sent.Count(v => v.Result is { Ok: false }) is > 0 and var refused) problems.Add($"{refused} votes refused");
        if (sent.Count(v => v.Result is null) is > 0 and var unanswered) problems.Add($"{unanswered} votes never answered");
        if (lost > 0) problems.Add($"{lost} events never reached their clients");
        if (duplicated > 0) problems.Add($"{duplicated} events applied twice");
        if (gaps > 0) problems.Add($"{gaps} sequence gaps applied");
        if (storm.RefusedByCode.GetValueOrDefault("server.error") is > 0 and var errors) problems.Add($"{errors} commands answered server.error");
        if (questions.Count == 0) problems.Add("no question was published");
        if (exitedNodes.Count > 0) problems.Add($"hub node(s) exited during the run: pid {string.Join(", ", exitedNodes)}");
        problems.AddRange(faultsFailed);
        return new StormCheck(sent.Count, acknowledged.Count, log.VotesByCommand.Values.Sum(), missing, twice, notAcknowledged,
            talliesOff, watchers.Count, offTally, lost, duplicated, gaps, moved.Count, moved.Count(p => p.LastSeq >= head), resumeSeconds, problems);
    }
}
