using EventHub.Domain.Protocol;
namespace EventHub.LoadTests;

/// <summary>
/// The correctness check of a run: every client reached the final head with no gap and no repeat, every
/// acknowledged command is in the log exactly once, no command was answered server.error or rate.limited, every node
/// the scenario does not kill is still running, and every fault command did what it says. Any problem makes the run fail.
/// </summary>
sealed record Verdict(long Expected, long Received, long Lost, long Duplicated, long Gaps, int Acknowledged, int InLog,
    int SharedPositions, int Moved, int Resumed, long MissedByMoved, IReadOnlyList<double> ResumeSeconds, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;

    static readonly Dictionary<string, string> TypeOf = new()
    {
        [HubMethods.CheckIn] = "site.checked_in",
        [HubMethods.UpdateHeadcount] = "site.headcount",
        [HubMethods.CheckOut] = "site.checked_out",
        [HubMethods.RequestFloor] = "queue.requested",
        [HubMethods.ApproveRequest] = "queue.approved",
        [HubMethods.AddTime] = "queue.time_added",
    };

    public static Verdict Check(Population people, Workload workload, long head, long faultAt, IReadOnlyList<int> exitedNodes,
        IReadOnlyList<string> faultsFailed)
    {
        var probes = people.All.ToList();
        var expected = probes.Sum(p => head - p.StartSeq);
        var received = probes.Sum(p => p.Applied - p.StartApplied);
        var lost = probes.Sum(p => Math.Max(0, head - p.LastSeq));
        var duplicated = probes.Sum(p => p.Duplicated);
        var gaps = probes.Sum(p => p.Gaps);

        var acks = workload.Acks.Where(a => !a.Result.Duplicate).ToList();
        var positions = acks.SelectMany(a => Range(a.Result.FirstSeq, a.Result.LastSeq)).ToList();
        var shared = positions.Count - positions.Distinct().Count();
        var log = people.Moderator.Log!;
        var inLog = acks.Count(a => log.TryGetValue(a.Result.FirstSeq, out var e)
                                    && (!TypeOf.TryGetValue(a.Method, out var type) || e.Type == type)
                                    && (a.Site is null || e.Data.Contains($"\"site\":\"{a.Site}\"")));

        // Moved: the clients whose connection dropped after the fault (those on the killed node), not every
        // client that happened to resume for another reason.
        var moved = faultAt == 0 ? [] : probes.Where(p => p.DroppedAfter(faultAt)).ToList();
        var resumeSeconds = moved.Select(p => (p.FirstResumeAfter(faultAt) - faultAt) / 1000.0).Order().ToList();

        var problems = new List<string>();
        if (lost > 0) problems.Add($"{lost} events never reached their clients");
        if (duplicated > 0) problems.Add($"{duplicated} events applied twice");
        if (gaps > 0) problems.Add($"{gaps} sequence gaps applied");
        if (shared > 0) problems.Add($"{shared} log positions claimed by two acknowledged commands");
        if (inLog != acks.Count) problems.Add($"{acks.Count - inLog} acknowledged commands missing from the log");
        // server.error is final for the client, so a store fault answered with it is a command the site never resends.
        if (workload.RefusedByCode.GetValueOrDefault("server.error") is > 0 and var errors) problems.Add($"{errors} commands answered server.error");
        // The rate limits are sized so that a real forum day never meets them: a workload that does is a limit set too low.
        if (workload.RefusedByCode.GetValueOrDefault("rate.limited") is > 0 and var limited) problems.Add($"{limited} commands answered rate.limited");
        if (exitedNodes.Count > 0) problems.Add($"hub node(s) exited during the run: pid {string.Join(", ", exitedNodes)}");
        problems.AddRange(faultsFailed);
        return new Verdict(expected, received, lost, duplicated, gaps, acks.Count, inLog, shared, moved.Count,
            moved.Count(p => p.LastSeq >= head), moved.Sum(p => Math.Max(0, head - p.LastSeq)), resumeSeconds, problems);
    }

    static IEnumerable<long> Range(long first, long last)
    {
        for (var s = first; s <= last; s++) yield return s;
    }
}
