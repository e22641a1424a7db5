using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CsCheck;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Hubs;
using EventHub.SiteClient;
using EventHub.Storage;
using EventHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EventHub.Tests.Hub;

/// <summary>
/// The fuzzing pass: thousands of generated invocations (<see cref="FuzzInvocations"/>) of every hub method, from every
/// role under both protocols, on a real hub. After each batch: the node is up (readyz, a fresh connection), every
/// answer was a structured error with a code of <see cref="Errors"/> or a success the caller's role may have, no
/// connection was closed, and the log grew by exactly the events of the successes counted, each carrying its command.
/// </summary>
/// <remarks>
/// Deterministic by seed: the seed is printed, and <c>EVENTHUB_FUZZ_SEED=&lt;seed&gt;</c> replays the same invocations
/// in the same order (one at a time, so the hub's answers repeat too). <c>EVENTHUB_FUZZ_INVOCATIONS=50000</c> runs a
/// bigger pass than the suite's.
/// </remarks>
public sealed class HubFuzzTests(ITestOutputHelper output)
{
    const int SuiteInvocations = 2_000;
    const int Batch = 250;
    const string Site = "HCM";

    const string M = "moderator", R = "reviewer", H = "siteHost", D = "delegate", Display = "display";

    /// <summary>
    /// Who may succeed with each method: the role × method matrix of docs/protocol.md (and <see cref="Permissions"/>).
    /// Anything not named is the moderator's, as in <see cref="Permissions"/>.
    /// </summary>
    public static IReadOnlyCollection<string> AllowedRoles(string method) => method switch
    {
        HubMethods.WhoAmI or HubMethods.Resume or HubMethods.GetSnapshot or HubMethods.MyQuestions or HubMethods.Pong
            or HubMethods.RefreshToken =>
            [M, R, H, D, Display],
        HubMethods.CheckIn or HubMethods.UpdateHeadcount or HubMethods.CheckOut or HubMethods.ConfirmAwardee
            or HubMethods.RequestFloor or HubMethods.WithdrawRequest => [M, H],
        HubMethods.ConfirmRollCall => [H],
        HubMethods.AskQuestion or HubMethods.WithdrawQuestion => [D, H],
        HubMethods.EditQuestion => [D, H, R, M],
        HubMethods.VoteQuestion or HubMethods.UnvoteQuestion => [D],
        HubMethods.PublishQuestion or HubMethods.DismissQuestion or HubMethods.MergeQuestions or HubMethods.LabelQuestion
            or HubMethods.MarkAnswered => [R, M],
        _ => [M],
    };

    /// <summary>Every code <see cref="Errors"/> can make, each factory called with placeholder arguments.</summary>
    static readonly HashSet<string> KnownCodes = typeof(Errors).GetMethods()
        .Where(m => m.IsStatic && m.ReturnType == typeof(ForumRuleException))
        .Select(m => ((ForumRuleException)m.Invoke(null, m.GetParameters()
            .Select(p => p.ParameterType == typeof(string) ? "x" : Activator.CreateInstance(p.ParameterType)).ToArray())!).Error.Code)
        .ToHashSet();

    /// <summary>Codes that say the hub or its store failed, not the input: a fuzzed call must never get them here.</summary>
    static bool IsFault(string code) => code == Errors.Internal().Error.Code || code.StartsWith("store.", StringComparison.Ordinal);

    [Fact]
    public async Task GeneratedInvocations_OfEveryMethod_FromEveryRole_GetStructuredAnswers_AndOnlyAllowedSuccessesWrite()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("EVENTHUB_FUZZ_INVOCATIONS"), out var n) ? n : SuiteInvocations;
        var seed = Environment.GetEnvironmentVariable("EVENTHUB_FUZZ_SEED") is { Length: > 0 } given
            ? given
            : new PCG((uint)Random.Shared.Next(), (ulong)Random.Shared.NextInt64()).ToString();
        output.WriteLine($"Fuzzing {total} invocations with seed {seed} (replay: EVENTHUB_FUZZ_SEED={seed})");

        await using var app = new HubApp(EveryMethodPlan.HubSettings(new()
        {
            ["EventHub:RateLimits:ConnectionPerSecond"] = "1000000",
            ["EventHub:RateLimits:CallerPerSecond"] = "1000000",
            ["EventHub:RateLimits:ConnectionBurst"] = "1000000",
            ["EventHub:RateLimits:CallerBurst"] = "1000000",
            // The watchdog's own events (host alerts, roll calls closed at their deadline) and its closing of a removed
            // delegate's connection would make the log and the connections depend on timing, not on the seed.
            ["EventHub:Presence:WatchInterval"] = "01:00:00",
        }));
        await using var fuzz = await Fuzzer.StartAsync(app);
        var invocations = new FuzzInvocations(
            [.. app.Engine.View.State.SpeakerQueue.Agenda.Select(i => i.Id), fuzz.IdOf(D)], AllowedRoles);
        var pcg = PCG.Parse(seed);
        var tally = new Tally();
        var clock = Stopwatch.StartNew();

        for (var done = 0; done < total; done += Batch)
        {
            var headBefore = app.Engine.View.Head;
            var successes = new List<Success>();
            var failures = new List<string>();
            for (var i = done; i < Math.Min(total, done + Batch); i++)
            {
                var invocation = invocations.Next(pcg);
                var failure = await fuzz.SendAsync(invocation, successes, tally);
                if (failure is not null) failures.Add($"#{i} {invocation}: {failure}");
            }
            failures.AddRange(fuzz.Closed());
            failures.AddRange(await CheckTheLogAsync(app, headBefore, successes));
            failures.AddRange(await CheckTheNodeIsUpAsync(app, fuzz));
            Assert.True(failures.Count == 0,
                $"Seed {seed}, batch from #{done}: {failures.Count} failure(s):\n{string.Join("\n", failures.Take(20))}");
        }

        output.WriteLine($"{total} invocations in {clock.Elapsed.TotalSeconds:0.0} s: {tally}");
        output.WriteLine($"log head {app.Engine.View.Head}");
    }

    /// <summary>The events appended since <paramref name="headBefore"/> are exactly those of the successes.</summary>
    static async Task<IEnumerable<string>> CheckTheLogAsync(HubApp app, long headBefore, List<Success> successes)
    {
        var log = app.Services.GetRequiredService<IEventLog>();
        var written = successes.Where(s => s.LastSeq > 0).ToList();
        var events = new List<StoredEvent>();
        for (var after = headBefore; ;)
        {
            var page = await log.ReadAsync(app.Engine.ForumId, after, 1_000, CancellationToken.None).WaitAsync(Timeouts.Call);
            if (page.Count == 0) break;
            events.AddRange(page);
            after = page[^1].Seq;
        }
        var failures = new List<string>();
        var expected = written.Sum(s => s.LastSeq - s.FirstSeq + 1);
        if (events.Count != expected)
            failures.Add($"the log grew by {events.Count} events, the successes counted {expected}");
        foreach (var e in events)
            if (!written.Any(s => s.ActorId == e.Actor.Id && s.CommandId == e.CommandId && s.FirstSeq <= e.Seq && e.Seq <= s.LastSeq))
                failures.Add($"event {e.Seq} ({e.Type}, {e.Actor.Id}, command {e.CommandId}) is no success that was answered");
        return failures;
    }

    static async Task<IEnumerable<string>> CheckTheNodeIsUpAsync(HubApp app, Fuzzer fuzz)
    {
        var failures = new List<string>();
        using var http = app.Http();
        var ready = await http.GetAsync("/readyz").WaitAsync(Timeouts.Call);
        if (ready.StatusCode != HttpStatusCode.OK) failures.Add($"/readyz answered {(int)ready.StatusCode}");
        foreach (var protocol in FuzzInvocations.Protocols)
        {
            await using var fresh = await EveryMethodTests.ConnectAsync(app, fuzz.TokenOf(M), protocol);
            var me = await fresh.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(Timeouts.Call);
            if (me.Role != M) failures.Add($"a fresh {protocol} connection is {me.Role}");
        }
        return failures;
    }

    sealed record Success(string ActorId, string CommandId, long FirstSeq, long LastSeq);

    /// <summary>How the pass went: answers by method and outcome, for the test's output.</summary>
    sealed class Tally
    {
        readonly Dictionary<string, int> _codes = [];
        public int Invocations, Successes, Refusals, Events;

        public void Refused(string code)
        {
            Refusals++;
            _codes[code] = _codes.GetValueOrDefault(code) + 1;
        }

        public override string ToString() =>
            $"{Successes} successes ({Events} events written), {Refusals} structured refusals: " +
            string.Join(", ", _codes.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"));
    }

    /// <summary>A connection for each role under each protocol, and the checks of each answer.</summary>
    sealed class Fuzzer : IAsyncDisposable
    {
        readonly Dictionary<(string Role, string Protocol), HubConnection> _connections = [];
        readonly Dictionary<string, (string Token, string Id)> _callers = [];
        readonly List<string> _closed = [];
        // Every success by caller and command id: a resend must get the same one back.
        readonly Dictionary<(string ActorId, string CommandId), (long First, long Last)> _answered = [];

        public static async Task<Fuzzer> StartAsync(HubApp app)
        {
            var fuzzer = new Fuzzer();
            var logins = new Dictionary<string, Task<LoginResult>>
            {
                [M] = app.LoginModeratorAsync(), [R] = app.LoginReviewerAsync(), [H] = app.LoginHostAsync(Site),
                [D] = app.LoginDelegateAsync(Site, "Đặng Thu Hà", awardee: true), [Display] = app.LoginDisplayAsync(),
            };
            foreach (var (role, login) in logins)
            {
                var result = await login;
                fuzzer._callers[role] = (result.Token, result.Identity.Id);
                foreach (var protocol in FuzzInvocations.Protocols)
                {
                    var connection = await EveryMethodTests.ConnectAsync(app, result.Token, protocol);
                    connection.Closed += error =>
                    {
                        lock (fuzzer._closed) fuzzer._closed.Add($"the hub closed the {role}/{protocol} connection: {error?.Message}");
                        return Task.CompletedTask;
                    };
                    fuzzer._connections[(role, protocol)] = connection;
                }
            }
            return fuzzer;
        }

        public string TokenOf(string role) => _callers[role].Token;
        public string IdOf(string role) => _callers[role].Id;

        public IEnumerable<string> Closed()
        {
            lock (_closed) return [.. _closed];
        }

        /// <summary>Sends one invocation and checks its answer; returns what was wrong with it, or null.</summary>
        public async Task<string?> SendAsync(FuzzInvocation invocation, List<Success> successes, Tally tally)
        {
            tally.Invocations++;
            var method = typeof(ForumHub).GetMethod(invocation.Method)!;
            var returns = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : typeof(object);
            var allowed = AllowedRoles(invocation.Method).Contains(invocation.Role);
            object? answer;
            try
            {
                answer = await _connections[(invocation.Role, invocation.Protocol)]
                    .InvokeCoreAsync(invocation.Method, returns, invocation.Args).WaitAsync(Timeouts.Call);
            }
            catch (HubException ex)
            {
                return CheckError(ErrorOf(ex.Message), tally) ?? (returns == typeof(CommandResult) ? "a command answered a hub error" : null);
            }
            catch (Exception ex)
            {
                return $"no structured answer: {ex.GetType().Name}: {ex.Message}";
            }

            if (answer is CommandResult { Ok: false } refused)
                return refused.Error is null ? "ok: false without an error" : CheckError(refused.Error, tally);
            if (answer is CommandResult command)
            {
                var key = (_callers[invocation.Role].Id, command.CommandId);
                if (command.Duplicate)
                {
                    // A command id this caller used before gets that first answer, whatever the method or payload now
                    // (docs/protocol.md, Idempotency): no new event, so it needs no permission of its own.
                    tally.Successes++;
                    return _answered.TryGetValue(key, out var first) && first == (command.FirstSeq, command.LastSeq)
                        ? null
                        : $"a duplicate of no success this caller had: {Show(answer)}";
                }
                if (!_answered.TryAdd(key, (command.FirstSeq, command.LastSeq))) return $"a second success for one command id: {Show(answer)}";
            }
            if (!allowed) return $"succeeded for a {invocation.Role}, whose role may not call it: {Show(answer)}";
            tally.Successes++;
            if (answer is CommandResult result)
            {
                if (result.Error is not null) return $"ok: true with an error {result.Error}";
                if (result.LastSeq < result.FirstSeq) return $"a success at {result.FirstSeq}..{result.LastSeq}";
                if (result.LastSeq > 0) tally.Events += (int)(result.LastSeq - result.FirstSeq + 1);
                successes.Add(new Success(_callers[invocation.Role].Id, result.CommandId, result.FirstSeq, result.LastSeq));
            }
            else if (returns != typeof(object) && answer is null) return "a query answered nothing";
            return null;
        }

        static string? CheckError(ErrorInfo? error, Tally tally)
        {
            if (error is null) return "a hub error that is not the structured error JSON";
            if (!KnownCodes.Contains(error.Code)) return $"an error code Errors does not make: {error}";
            if (IsFault(error.Code)) return $"a fault, not a refusal: {error}";
            if (string.IsNullOrWhiteSpace(error.Message) || string.IsNullOrWhiteSpace(error.MessageEn)) return $"an error without its texts: {error}";
            tally.Refused(error.Code);
            return null;
        }

        /// <summary>The client prefixes the hub's message with its own "An unexpected error occurred invoking …".</summary>
        static ErrorInfo? ErrorOf(string message)
        {
            var start = message.IndexOf('{');
            if (start < 0) return null;
            try
            {
                return JsonSerializer.Deserialize<ErrorInfo>(message[start..], Json.Options);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        static string Show(object? answer) => answer is null ? "null" : JsonSerializer.Serialize(answer, Json.Options);

        public async ValueTask DisposeAsync()
        {
            foreach (var connection in _connections.Values) await connection.DisposeAsync();
        }
    }
}
