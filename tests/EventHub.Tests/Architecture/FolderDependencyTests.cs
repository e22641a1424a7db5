using System.Reflection;
using System.Reflection.Emit;
using EventHub.Forum;

namespace EventHub.Tests.Architecture;

/// <summary>
/// The hub's folders depend on each other only as docs/design.md ("The parts") allows: a part uses the parts below
/// it, never one above. Read from the compiled types: their signatures and the members their code calls, so a
/// dependency through a method body (a call, a <c>new</c>) counts as much as one through a constructor.
/// </summary>
public sealed class FolderDependencyTests
{
    static readonly Assembly Hub = typeof(ForumEngine).Assembly;

    /// <summary>What each part may use besides the domain; docs/design.md draws the same table.</summary>
    static readonly Dictionary<string, string[]> MayUse = new()
    {
        ["Storage"] = [],
        ["Operations"] = ["Storage"],
        ["Forum"] = ["Storage", "Operations"],
        // The token endpoint is guarded by Security's login limits and writes to its audit log.
        ["Auth"] = ["Security", "Forum", "Storage", "Operations"],
        ["Security"] = ["Forum", "Storage", "Operations"],
        ["Fanout"] = ["Auth", "Forum", "Storage", "Operations"],
        ["Presence"] = ["Fanout", "Auth", "Forum", "Storage", "Operations"],
        ["Attendance"] = ["Presence", "Fanout", "Auth", "Forum", "Storage", "Operations"],
        ["SpeakerQueue"] = ["Fanout", "Auth", "Forum", "Storage", "Operations"],
        ["QandA"] = ["Fanout", "Auth", "Forum", "Storage", "Operations"],
        ["Hubs"] = ["Attendance", "SpeakerQueue", "Presence", "QandA", "Fanout", "Security", "Auth", "Forum", "Storage", "Operations"],
        ["ForumReport"] = ["Attendance", "SpeakerQueue", "QandA", "Auth", "Forum", "Storage", "Operations"],
        ["Web"] = ["Auth", "Forum", "Storage", "Operations"],
        ["JoinSheet"] = ["Auth", "Forum", "Storage", "Operations"],
    };

    [Fact]
    public void EveryFolder_UsesOnlyTheFoldersTheDesignPageAllows()
    {
        var edges = Dependencies();
        // The reading sees real code: the engine writes to the store, and the hub's wiring calls the fan-out's from a
        // method body only.
        Assert.Contains(("Forum", "Storage"), edges);
        Assert.Contains(("Hubs", "Fanout"), edges);

        var unknown = edges.Select(e => e.From).Where(part => !MayUse.ContainsKey(part)).Distinct().ToList();
        Assert.True(unknown.Count == 0, $"Folders missing from the design page's table: {string.Join(", ", unknown)}");
        var broken = edges.Where(e => !MayUse[e.From].Contains(e.To)).Select(e => $"{e.From} -> {e.To}").Order().ToList();
        Assert.True(broken.Count == 0, $"Dependencies the design page does not allow: {string.Join("; ", broken)}");
    }

    [Fact]
    public void TheAllowedDependencies_HaveNoCycle()
    {
        foreach (var (part, _) in MayUse)
        {
            var reached = new HashSet<string>();
            var next = new Stack<string>(MayUse[part]);
            while (next.TryPop(out var used))
                if (reached.Add(used) && used != part)
                    foreach (var further in MayUse[used]) next.Push(further);
            Assert.False(reached.Contains(part), $"{part} can reach itself through the allowed dependencies");
        }
    }

    /// <summary>(from, to) for every use of one part's type by another part's type.</summary>
    static HashSet<(string From, string To)> Dependencies()
    {
        var edges = new HashSet<(string, string)>();
        foreach (var type in Hub.GetTypes())
        {
            if (PartOf(type) is not { } from) continue;
            foreach (var used in Used(type))
                if (PartOf(used) is { } to && to != from)
                    edges.Add((from, to));
        }
        return edges;
    }

    /// <summary>EventHub.X.… → X; the domain, Program and generated code belong to no part.</summary>
    static string? PartOf(Type type)
    {
        while (type.IsNested) type = type.DeclaringType!;
        if (type.Assembly != Hub || type.Namespace is not { } ns || !ns.StartsWith("EventHub.", StringComparison.Ordinal)) return null;
        var part = ns.Split('.')[1];
        return part == "Domain" ? null : part;
    }

    const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static |
                                  BindingFlags.DeclaredOnly;

    static IEnumerable<Type> Used(Type type)
    {
        var found = new List<Type>();
        if (type.BaseType is { } baseType) found.Add(baseType);
        found.AddRange(type.GetInterfaces());
        foreach (var field in type.GetFields(Declared)) found.Add(field.FieldType);
        foreach (var property in type.GetProperties(Declared)) found.Add(property.PropertyType);
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info) found.Add(info.ReturnType);
            found.AddRange(method.GetParameters().Select(p => p.ParameterType));
            found.AddRange(CalledFrom(method));
        }
        return found.SelectMany(Expand);
    }

    /// <summary>A type with its generic arguments, element type and so on, each as a plain type.</summary>
    static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType) return Expand(type.GetElementType()!);
        if (type.IsGenericParameter) return [];
        return type.IsGenericType
            ? type.GetGenericArguments().SelectMany(Expand).Prepend(type.GetGenericTypeDefinition())
            : [type];
    }

    static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The types whose members (or which themselves) a method's IL names: calls, news, fields, casts.</summary>
    static IEnumerable<Type> CalledFrom(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (Exception)
        {
            il = null;
        }
        if (il is null) yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            if (!OpCodesByValue.TryGetValue(value, out var op)) yield break; // not IL we can read: stop, don't guess
            switch (op.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var member = Resolve(method.Module, BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                    if (member is Type used) yield return used;
                    else if (member is not null)
                    {
                        if (member.DeclaringType is { } declaring) yield return declaring;
                        if (member is MethodInfo { IsGenericMethod: true } generic)
                            foreach (var argument in generic.GetGenericArguments()) yield return argument;
                        if (member is FieldInfo field) yield return field.FieldType;
                    }
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                default:
                    at += op.OperandType switch
                    {
                        OperandType.InlineNone => 0,
                        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                        OperandType.InlineVar => 2,
                        OperandType.InlineI8 or OperandType.InlineR => 8,
                        _ => 4,
                    };
                    break;
            }
        }
    }

    static MemberInfo? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (Exception)
        {
            return null; // a member of an assembly not loaded here: not one of the hub's parts
        }
    }
}
