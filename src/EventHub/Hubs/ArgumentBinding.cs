using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using EventHub.Domain.Forum;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace EventHub.Hubs;

/// <summary>
/// Arguments SignalR could not bind (wrong type, too many or too few, a number too large for its field) would
/// otherwise be answered with the framework's bare "Failed to invoke 'X' due to an error on the server". They
/// fail inside the hub protocol, before any hub filter runs, so this wrapper of each protocol turns the failure
/// into an ordinary invocation whose only argument is an <see cref="InvalidArguments"/>; the
/// <see cref="ArgumentBindingFilter"/> refuses it with <c>input.invalid</c>, structured like every other refusal.
/// </summary>
public sealed class ArgumentBindingProtocol(IHubProtocol inner, HubParameters parameters) : IHubProtocol
{
    public string Name => inner.Name;
    public int Version => inner.Version;
    public TransferFormat TransferFormat => inner.TransferFormat;
    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);
    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder,
        [NotNullWhen(true)] out HubMessage? message)
    {
        if (!inner.TryParseMessage(ref input, binder, out message)) return false;
        // An unknown method also fails to bind; the dispatcher's own "Unknown hub method" answer is the right one.
        if (message is InvocationBindingFailureMessage failure && parameters.Of(failure.Target) is { } names)
            message = new InvocationMessage(failure.InvocationId, failure.Target,
                [InvalidArguments.From(failure.Target, names, failure.BindingFailure.SourceException)]);
        return true;
    }
}

/// <summary>Hands out the registered protocols, each wrapped in an <see cref="ArgumentBindingProtocol"/>.</summary>
public sealed class ArgumentBindingProtocolResolver : IHubProtocolResolver
{
    readonly Dictionary<string, IHubProtocol> _byName = new(StringComparer.OrdinalIgnoreCase);

    public ArgumentBindingProtocolResolver(IEnumerable<IHubProtocol> protocols, HubParameters parameters)
    {
        foreach (var protocol in protocols) _byName[protocol.Name] = new ArgumentBindingProtocol(protocol, parameters);
        AllProtocols = [.. _byName.Values];
    }

    public IReadOnlyList<IHubProtocol> AllProtocols { get; }

    public IHubProtocol? GetProtocol(string protocolName, IReadOnlyList<string>? supportedProtocols) =>
        _byName.TryGetValue(protocolName, out var protocol) &&
        (supportedProtocols is null || supportedProtocols.Contains(protocolName, StringComparer.OrdinalIgnoreCase))
            ? protocol
            : null;
}

/// <summary>What could not be bound: the refusal the caller gets instead of the method's answer.</summary>
public sealed partial record InvalidArguments(ForumRuleException Refusal)
{
    public static InvalidArguments From(string method, IReadOnlyList<string> names, Exception failure)
    {
        if (CountMismatch().Match(failure.Message) is { Success: true } count)
            return new(Errors.ArgumentCount(method, names.Count, int.Parse(count.Groups[1].Value)));
        // Every hub method takes at most one argument, so the failed one is the first; a request's field is named
        // by the JSON reader's path or by the MessagePack request formatter.
        var argument = names.Count > 0 ? names[0] : "arguments";
        var field = FieldOf(failure);
        return new(Errors.InvalidArgument(method, field is null ? argument : $"{argument}.{field}"));
    }

    static string? FieldOf(Exception? failure)
    {
        for (; failure is not null; failure = failure.InnerException)
            switch (failure)
            {
                case RequestFieldException e:
                    return e.Field;
                case JsonException { Path: { Length: > 2 } path } when path.StartsWith("$.", StringComparison.Ordinal):
                    return path[2..];
            }
        return null;
    }

    [GeneratedRegex(@"provides (\d+) argument\(s\) but target expects \d+")]
    private static partial Regex CountMismatch();
}

/// <summary>Refuses an invocation whose arguments did not bind (see <see cref="ArgumentBindingProtocol"/>).</summary>
public sealed class ArgumentBindingFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context,
        Func<HubInvocationContext, ValueTask<object?>> next) =>
        context.HubMethodArguments is [InvalidArguments invalid] ? throw invalid.Refusal : next(context);
}

/// <summary>The parameter names of the hub's methods, by method name (SignalR matches names ignoring case).</summary>
public sealed class HubParameters(Type hub)
{
    readonly Dictionary<string, string[]> _byMethod = MethodsOf(hub)
        .ToDictionary(m => m.Name, m => m.GetParameters().Select(p => p.Name!).ToArray(), StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string>? Of(string method) => _byMethod.GetValueOrDefault(method);

    /// <summary>The methods a client can call: public, declared on the hub itself, not Hub's own overrides.</summary>
    public static IEnumerable<MethodInfo> MethodsOf(Type hub) => hub
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == hub);
}
