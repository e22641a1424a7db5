using System.Collections;
using System.Diagnostics;
using System.Reflection;
using CsCheck;
using EventHub.Domain.Protocol;
using EventHub.Hubs;

namespace EventHub.Tests.Hub;

/// <summary>One generated call: who sends it, under which protocol, which method, with which arguments.</summary>
public sealed record FuzzInvocation(string Role, string Protocol, string Method, object?[] Args, string? CommandId)
{
    public override string ToString() =>
        $"{Role}/{Protocol} {Method}({string.Join(", ", Args.Select(FuzzInvocations.Show))})";
}

/// <summary>
/// Invocations of every method of the hub (found by reflection, so a new method is fuzzed without a change here),
/// valid and invalid: plausible requests, and requests with wrong types, missing or extra fields, huge, empty and odd
/// Unicode text (hidden characters, lone surrogates, NFD), out-of-range and overflowing numbers, unknown ids and
/// repeated command ids. Ids are drawn from the command ids generated before (the hub uses a creating command's id as
/// the new thing's id), so later calls reach the items, requests and questions earlier ones made. Everything depends
/// only on the <see cref="PCG"/> it is generated from, never on the hub's answers: one seed gives one sequence.
/// </summary>
public sealed class FuzzInvocations
{
    public static readonly string[] Roles = ["moderator", "reviewer", "siteHost", "delegate", "display"];
    public static readonly string[] Protocols = ["json", "messagepack"];

    /// <summary>Under 32 KB once written (JSON escapes every non-ASCII character to six bytes): huge, not oversized.</summary>
    const int HugeText = 2_500;

    static readonly string[] Names =
        ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Đặng Thu Hà", "Phạm Dũng", "Võ Lan", "Hoàng Em", "Ngô Thị Ánh Tuyết"];
    static readonly string[] Phrases =
        ["Thảo luận tổ", "Nông nghiệp", "Khi nào thủ tục được số hóa?", "Đề xuất số hóa thủ tục.", "Giáo dục", "Y tế", "Chuyển đổi số"];
    static readonly string[] Hidden =
    [
        "\u202E", "\u202A", "\u2066", "\u2069", "\u200E", "\u061C", "\u200B", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u2028",
        "\u2029", "\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u009B", "\u115F", "\u3164", "\U000E0041", "\U0001D173",
    ];
    static readonly string[] Odd =
    [
        "", " ", "\t \r\n", "😀", "𝕏𝕐", "\uD800", "\uDC00x", "e\u0301", "Nguye\u0302\u0303n", "\u0301", "<script>alert(1)</script>",
        "' OR 1=1 --", "=SUM(A1:A9)", "null", "{}", "\\", "\"", "ℌ𝔞", "١٢٣", "ﷺ", new string('a', 121), new string('ă', 301),
    ];
    static readonly string[] Makers = ["Add", "Ask", "RequestFloor", "Start", "ReAdd"];
    static readonly string[] Sites = ["HCM", "DNG", "hcm", "HPG", "HUE", "CTO"];
    static readonly string[] BadSites = ["XYZ", "", "HCMX", "ĐNG", "H\u200BCM", "hcm "];
    static readonly object?[] BoundaryInts =
        [0, -1, 1, 9, 10, 100, 101, 3600, 3601, 5000, 5001, 10_800, int.MaxValue, int.MinValue];
    static readonly object?[] NotInts = [1L << 40, long.MaxValue, long.MinValue, 1.5, -0.0, 1e30, "12", "", true, new object?[] { 1 }];
    static readonly object?[] BadCommandIds =
        ["", "short", new string('a', 65), "bad id!", "ăâđ12345", "abc\u200Bdefgh", "abcdefgh\n", null, 42, true, new object?[] { "x" }];

    readonly List<string> _ids;
    // Ids sent by the methods that make something (an item, a request, a question, a roll call): the likeliest to exist.
    readonly List<string> _made;
    readonly Gen<FuzzInvocation> _invocation;
    readonly Func<string, IReadOnlyCollection<string>> _allowed;

    /// <param name="knownIds">Ids that exist before the run (seeded agenda items, the fuzzing delegate's id).</param>
    /// <param name="allowed">The roles that may succeed with a method: most calls come from one of them.</param>
    public FuzzInvocations(IEnumerable<string> knownIds, Func<string, IReadOnlyCollection<string>> allowed)
    {
        _made = [.. knownIds];
        _ids = [.. _made, "d-000000000000", "unknown-id-1", "no-such-thing"];
        _allowed = allowed;
        var methods = HubParameters.MethodsOf(typeof(ForumHub)).OrderBy(m => m.Name, StringComparer.Ordinal).ToArray();
        _invocation = Gen.Int[0, methods.Length - 1].SelectMany(i => Invocation(methods[i]));
    }

    /// <summary>The next invocation; a command's id joins the ids later invocations draw from.</summary>
    public FuzzInvocation Next(PCG pcg)
    {
        var invocation = _invocation.Generate(pcg, null, out _);
        if (invocation.CommandId is not { Length: > 0 } id) return invocation;
        _ids.Add(id);
        if (Makers.Any(prefix => invocation.Method.StartsWith(prefix, StringComparison.Ordinal))) _made.Add(id);
        return invocation;
    }

    Gen<FuzzInvocation> Invocation(MethodInfo method)
    {
        var allowed = _allowed(method.Name).ToArray();
        var role = allowed.Length == 0
            ? Constant(Roles)
            : Weighted((3, Constant(allowed)), (2, Constant(Roles)));
        return Gen.Select(role, Constant(Protocols), Arguments(method),
            (r, p, args) => new FuzzInvocation(r, p, method.Name, args.Values, args.CommandId));
    }

    sealed record Args(object?[] Values, string? CommandId);

    Gen<Args> Arguments(MethodInfo method)
    {
        var parameters = method.GetParameters();
        Gen<Args> proper = parameters.Length switch
        {
            0 => Gen.Const(new Args([], null)),
            1 when IsRequest(parameters[0].ParameterType) => Request(parameters[0].ParameterType)
                .Select(r => new Args([r.Fields], r.CommandId)),
            _ => All(parameters.Select(p => Value(p.Name!, p.ParameterType)).ToArray())
                .Select(values => new Args(values, null)),
        };
        var wrongShape = Either<object?[]>(
            Gen.Const(Array.Empty<object?>()),
            Gen.Const(new object?[] { null }),
            Gen.Const(new object?[] { "not a request" }),
            Gen.Const(new object?[] { 12345 }),
            Gen.Const(new object?[] { new object?[] { "a", 1 } }),
            Gen.Const(new object?[] { new Dictionary<string, object?>() }),
            proper.Select(a => (object?[])[.. a.Values, "surplus"])
        ).Select(values => new Args(values, null));
        return Weighted((9, proper), (1, wrongShape));
    }

    sealed record RequestFields(Dictionary<string, object?> Fields, string? CommandId);

    /// <summary>
    /// A request object: half of them clean (every field plausible, so that calls get past the input checks and reach
    /// the forum's rules), the others with fields odd, of the wrong type or left out, and sometimes one it does not know.
    /// </summary>
    Gen<RequestFields> Request(Type type) => Gen.Bool.SelectMany(clean => Request(type, clean));

    Gen<RequestFields> Request(Type type, bool clean)
    {
        var fields = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters();
        var values = fields.Select(f => clean
                ? Value(f.Name!, f.ParameterType, clean).Select(v => (Present: true, Value: v))
                : Weighted(
                    (10, Value(f.Name!, f.ParameterType, clean).Select(v => (Present: true, Value: v))),
                    (1, Gen.Const((Present: false, Value: (object?)null)))))
            .ToArray();
        var pascal = Gen.Int[0, 19].Select(i => i == 0);
        var extra = clean ? Constant<object?>(Absent.Instance) : Weighted((9, Constant<object?>(Absent.Instance)), (1, AnyValue));
        return Gen.Select(All(values), pascal, extra, (picked, upper, more) =>
        {
            var request = new Dictionary<string, object?>();
            string? commandId = null;
            for (var i = 0; i < fields.Length; i++)
            {
                if (!picked[i].Present) continue;
                var name = upper ? fields[i].Name! : char.ToLowerInvariant(fields[i].Name![0]) + fields[i].Name![1..];
                request[name] = picked[i].Value;
                if (fields[i].Name == nameof(ICommandRequest.CommandId) && picked[i].Value is string id) commandId = id;
            }
            if (more is not Absent) request["unexpected"] = more;
            return new RequestFields(request, commandId);
        });
    }

    sealed class Absent
    {
        public static readonly Absent Instance = new();
    }

    /// <summary>A value for a field or an argument, by its name and type: mostly plausible, sometimes not.</summary>
    Gen<object?> Value(string name, Type type, bool clean = false)
    {
        var nullable = Nullable.GetUnderlyingType(type) is not null || !type.IsValueType;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        Gen<object?> plausible;
        if (name == nameof(ICommandRequest.CommandId)) return clean ? FreshCommandId : CommandId;
        if (underlying == typeof(string)) plausible = Text(name, clean);
        else if (underlying == typeof(int))
            plausible = Weighted((6, Gen.Int[1, clean ? 60 : 200].Select(i => (object?)i)), (clean ? 1 : 3, Constant(BoundaryInts)));
        else if (underlying == typeof(long))
            plausible = Weighted((6, Gen.Long[0, 500].Select(l => (object?)l)),
                (1, Constant<object?>(-1L, long.MaxValue, long.MinValue, 1L << 40)));
        else if (underlying == typeof(bool)) plausible = Gen.Bool.Select(b => (object?)b);
        else if (typeof(IEnumerable).IsAssignableFrom(underlying))
            plausible = Weighted((6, Id.Array[0, 5].Select(ids => (object?)ids.Cast<object?>().ToArray())),
                (1, Text("topic", clean).Array[0, 60].Select(texts => (object?)texts)));
        else plausible = Constant<object?>([null]);

        if (clean) return nullable ? Weighted((6, plausible), (1, Constant<object?>([null]))) : plausible;
        var wrong = Either(AnyValue, Constant(NotInts));
        return nullable
            ? Weighted((8, plausible), (1, Constant<object?>([null])), (1, wrong))
            : Weighted((9, plausible), (1, wrong));
    }

    Gen<object?> Text(string field, bool clean) => field.ToLowerInvariant() switch
    {
        "site" => (clean ? Constant(Sites) : Weighted((8, Constant(Sites)), (2, Constant(BadSites)))).Select(s => (object?)s),
        "kind" => clean ? Constant<object?>("question", "proposal") : Constant<object?>("question", "proposal", "Proposal", "comment", ""),
        "topic" => Weighted((4, Constant<object?>("Y tế", "Chuyển đổi số", "y te", "CHUYỂN ĐỔI SỐ")), (1, clean ? CleanText : FreeText)),
        "epoch" => Constant<object?>(null, "bogus-epoch", ""),
        var f when f.EndsWith("id", StringComparison.Ordinal) || f == "expectedcurrent" => Id.Select(s => (object?)s),
        _ => clean ? CleanText : FreeText,
    };

    /// <summary>An id that exists (most often one made recently), or one that does not.</summary>
    Gen<string> Id => Weighted(
        (6, Gen.Int[1, 12].Select(back => _made[Math.Max(0, _made.Count - back)])),
        (3, Gen.Int[1, 40].Select(back => _ids[Math.Max(0, _ids.Count - back)])),
        (3, Gen.Int[0, int.MaxValue].Select(i => _ids[i % _ids.Count])),
        (1, Either(Constant(Odd), Gen.Long[0, long.MaxValue].Select(l => $"ghost-{l:x}"))));

    /// <summary>Mostly a fresh valid id; sometimes one sent before (by anyone), sometimes not an id at all.</summary>
    Gen<object?> CommandId => Weighted(
        (16, FreshCommandId),
        (2, Gen.Int[1, 50].Select(back => (object?)_ids[Math.Max(0, _ids.Count - back)])),
        (2, Constant(BadCommandIds)));

    static readonly Gen<object?> FreshCommandId = Gen.Long[0, long.MaxValue].Select(l => (object?)$"fz-{l:x16}");

    static readonly Gen<object?> CleanText = Constant(Names.Concat(Phrases).ToArray()).Select(s => (object?)s);

    static readonly Gen<object?> FreeText = Weighted(
        (8, Constant(Names.Concat(Phrases).ToArray())),
        (3, Gen.Select(Constant(Names), Constant(Hidden), Gen.Int[0, 100], (text, hidden, at) =>
        {
            var cut = at % (text.Length + 1);
            return text[..cut] + hidden + text[cut..];
        })),
        (2, Constant(Odd)),
        (1, Gen.Select(Constant("a", "ă", "ệ", "😀", "e\u0301", " "), Gen.Int[100, HugeText],
            (piece, length) => string.Concat(Enumerable.Repeat(piece, length / piece.Length)))),
        (1, Gen.Char['\0', '\uFFFF'].Array[0, 40].Select(chars => new string(chars)))
    ).Select(s => (object?)s);

    static readonly Gen<object?> AnyValue = Either(
        FreeText,
        Gen.Int.Select(i => (object?)i),
        Gen.Long.Select(l => (object?)l),
        Gen.Double.Select(d => (object?)(double.IsFinite(d) ? d : 0.5)),
        Gen.Bool.Select(b => (object?)b),
        Constant<object?>([null]),
        Constant<object?>([new object?[] { "x", 2, null }]),
        Constant<object?>([new Dictionary<string, object?> { ["nested"] = "object" }]));

    // CsCheck's OneOf and Frequency take both values and generators: over object values the overloads are ambiguous.
    static Gen<T> Constant<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    static Gen<T> Either<T>(params Gen<T>[] gens) => Gen.Int[0, gens.Length - 1].SelectMany(i => gens[i]);

    static Gen<T> Weighted<T>(params (int Weight, Gen<T> Gen)[] choices)
    {
        var total = choices.Sum(c => c.Weight);
        return Gen.Int[0, total - 1].SelectMany(pick =>
        {
            foreach (var (weight, gen) in choices)
                if ((pick -= weight) < 0) return gen;
            throw new UnreachableException();
        });
    }

    /// <summary>One value from each generator, in order.</summary>
    static Gen<T[]> All<T>(IReadOnlyList<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (all, gen) => Gen.Select(all, gen, (values, value) => (T[])[.. values, value]));

    static bool IsRequest(Type type) => type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);

    /// <summary>An argument as a log line shows it, huge text cut short.</summary>
    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => s.Length > 60 ? $"\"{Escape(s[..40])}…\" ({s.Length} chars)" : $"\"{Escape(s)}\"",
        Dictionary<string, object?> d => "{" + string.Join(", ", d.Select(p => $"{p.Key}: {Show(p.Value)}")) + "}",
        object?[] a => "[" + string.Join(", ", a.Take(8).Select(Show)) + (a.Length > 8 ? $", … ({a.Length})" : "") + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    static string Escape(string s) => string.Concat(s.Select(c => c < ' ' || c > '~' && !char.IsLetter(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
