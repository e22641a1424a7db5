namespace EventHub.Presence;

/// <summary>Where nodes report their connections and read everyone's. Reports expire: a silent node drops out.</summary>
public interface IPresenceStore
{
    /// <summary>Replaces this node's report; it lives for <paramref name="ttl"/> unless reported again.</summary>
    Task ReportAsync(string node, IReadOnlyList<PresenceEntry> connections, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Every live node's report, nodes in name order.</summary>
    Task<IReadOnlyList<(string Node, IReadOnlyList<PresenceEntry> Connections)>> ReadAllAsync(CancellationToken cancellationToken);
}

/// <summary>One node alone (the embedded default): its own report is everyone's.</summary>
public sealed class SingleNodePresenceStore : IPresenceStore
{
    (string Node, IReadOnlyList<PresenceEntry> Connections)? _report;

    public Task ReportAsync(string node, IReadOnlyList<PresenceEntry> connections, TimeSpan ttl, CancellationToken cancellationToken)
    {
        _report = (node, connections);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string Node, IReadOnlyList<PresenceEntry> Connections)>> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(string, IReadOnlyList<PresenceEntry>)>>(_report is { } r ? [r] : []);
}
