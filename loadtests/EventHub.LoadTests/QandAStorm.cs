using System.Collections.Concurrent;
using System.Diagnostics;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using HdrHistogram;

namespace EventHub.LoadTests;

/// <summary>One vote the runner sent: by whom, for which question, under which command id, and how it ended.</summary>
sealed record SentVote(string CommandId, string QuestionId, int Delegate, CommandResult? Result);

/// <summary>
/// Live Q&amp;A at forum scale (issue 24, "Votes at forum scale"): a tenth of the delegates ask within the ask window,
/// the reviewer publishes each question as it comes, then every delegate votes for a few questions within ten
/// seconds, most of them for the few best ones, while the hall watches. Phones drop and come back meanwhile, and
/// in the failover variant a node is killed halfway through the votes. Every command is kept for the check.
/// </summary>
sealed class QandAStorm(Population people, Probe reviewer, Recorders recorders, bool churn)
{
    static readonly string[] Topics = ["Văn hóa công vụ", "Chuyển đổi số", "Đạo đức công vụ", "Cải cách hành chính"];

    public ConcurrentBag<SentVote> Votes { get; } = [];
    public ConcurrentBag<string> Questions { get; } = [];
    public ConcurrentDictionary<string, long> RefusedByCode { get; } = new();
    public long Refused;
    public long Resent;
    /// <summary>Each coalesced tally message's delay, from the commit of the last vote it carries to its arrival.</summary>
    public LongConcurrentHistogram TallyDelay { get; } = Recorders.NewHistogram();
    public long TallyMessages;
    public double AskSeconds { get; private set; }
    public double VoteSeconds { get; private set; }
    public long VoteWindowStartAt { get; private set; }

    /// <summary>Times every tally message each client gets while measuring (the hall's view of the votes).</summary>
    public void WatchTallies()
    {
        foreach (var probe in people.All.Append(reviewer))
            probe.Client.EnvelopeArrived += e =>
            {
                if (!probe.Measuring || e.Type != Domain.QandA.VoteTallies.Type) return;
                TallyDelay.RecordValue(Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - e.At));
                Interlocked.Increment(ref TallyMessages);
            };
    }

    /// <summary>The moderator sets Q&amp;A up as for the forum: review on, anonymous allowed, the topics, and opens it.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var moderator = people.Moderator.Client;
        await SendAsync(moderator, HubMethods.ConfigureQandA, new QandAOptionsRequest(NewId(), true, true, false, Topics, 5), cancellationToken);
        await SendAsync(moderator, HubMethods.OpenQandA, new QandAItemRequest(NewId(), null), cancellationToken);
    }

    /// <summary>A tenth of the delegates each ask once, spread over <paramref name="window"/>; the reviewer publishes each as it arrives.</summary>
    public async Task AskAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var askers = people.Delegates.Where((_, i) => i % 10 == 0).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var dropping = churn ? PhonesDropAsync(stop.Token) : Task.CompletedTask;
        await Task.WhenAll(askers.Select(async (asker, i) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * window.TotalMilliseconds), cancellationToken);
            var proposal = i % 3 == 0;
            var ask = new AskRequest(NewId(), null, proposal ? "proposal" : "question", Text(i, proposal), Topics[i % Topics.Length], null, null, i % 5 == 0);
            if (await SendAsync(asker.Client, HubMethods.AskQuestion, ask, cancellationToken) is not { Ok: true }) return;
            if (await SendAsync(reviewer.Client, HubMethods.PublishQuestion, new QuestionRequest(NewId(), ask.CommandId), cancellationToken) is { Ok: true })
                Questions.Add(ask.CommandId);
        }));
        await stop.CancelAsync();
        await dropping;
        AskSeconds = clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Every delegate votes for <paramref name="perDelegate"/> distinct questions, one after another, starting at a
    /// moment spread over <paramref name="window"/>; the choice leans on the first questions (a good question gathers
    /// most of the hall's votes), so the tallies of a few change many times a second.
    /// </summary>
    public async Task VoteAsync(TimeSpan window, int perDelegate, CancellationToken cancellationToken)
    {
        var questions = Questions.Order(StringComparer.Ordinal).ToList();
        if (questions.Count == 0) return;
        var weights = questions.Select((_, rank) => 1.0 / (rank + 1)).ToArray();
        var clock = Stopwatch.StartNew();
        VoteWindowStartAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var dropping = churn ? PhonesDropAsync(stop.Token) : Task.CompletedTask;
        await Task.WhenAll(people.Delegates.Select(async (voter, d) =>
        {
            var random = new Random(d);
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * window.TotalMilliseconds), cancellationToken);
            foreach (var question in Pick(random, questions, weights, Math.Min(perDelegate, questions.Count)))
            {
                var request = new QuestionRequest(NewId(), question);
                var result = await SendAsync(voter.Client, HubMethods.VoteQuestion, request, cancellationToken);
                Votes.Add(new SentVote(request.CommandId, question, d, result));
            }
        }));
        await stop.CancelAsync();
        await dropping;
        VoteSeconds = clock.Elapsed.TotalSeconds;
    }

    static IEnumerable<string> Pick(Random random, List<string> questions, double[] weights, int count)
    {
        var chosen = new HashSet<int>();
        var total = weights.Sum();
        while (chosen.Count < count)
        {
            var x = random.NextDouble() * total;
            var i = 0;
            while (i < weights.Length - 1 && (x -= weights[i]) > 0) i++;
            chosen.Add(i);
        }
        return chosen.Select(i => questions[i]);
    }

    /// <summary>As in forum-day: about 0.5 % of delegates a second lose their connection and come back on their own.</summary>
    async Task PhonesDropAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                for (var i = 0; i < Workload.DropsPerSecond(people.Delegates.Count); i++)
                    people.Delegates[Random.Shared.Next(people.Delegates.Count)].Network.Cut(Workload.PhoneAway);
        }
        catch (OperationCanceledException)
        {
        }
    }

    static string Text(int i, bool proposal) => proposal
        ? $"Đề xuất số {i + 1}: tổ chức diễn đàn trực tuyến hằng quý để cán bộ, công chức trẻ trao đổi kinh nghiệm thực thi công vụ trên môi trường số."
        : $"Câu hỏi số {i + 1}: Bộ Nội vụ có lộ trình nào để công chức trẻ cấp xã được bồi dưỡng kỹ năng số trong năm tới?";

    async Task<CommandResult?> SendAsync<T>(ForumClient client, string method, T request, CancellationToken cancellationToken)
        where T : ICommandRequest
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            var result = await client.SendAsync(method, request, cancellationToken);
            recorders.RecordAck(method, Stopwatch.GetElapsedTime(sent));
            if (!result.Ok)
            {
                Interlocked.Increment(ref Refused);
                RefusedByCode.AddOrUpdate(result.Error?.Code ?? "?", 1, (_, n) => n + 1);
            }
            if (result.Duplicate) Interlocked.Increment(ref Resent);
            return result;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    static string NewId() => Guid.NewGuid().ToString("N");
}
