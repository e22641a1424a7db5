using System.Text.Json;
using EventHub.Domain.Protocol;
using EventHub.Presence;
using StackExchange.Redis;

namespace EventHub.Storage.Redis;

/// <summary>
/// Each node's connections as one JSON value with an expiry, plus a set naming the nodes. A node killed with
/// kill -9 stops refreshing its value; once it expires, readers drop the node (and tidy the set).
/// </summary>
public sealed class RedisPresenceStore(IConnectionMultiplexer redis, RedisKeys keys, TimeSpan timeout) : IPresenceStore
{
    IDatabase Db => redis.GetDatabase();

    public async Task ReportAsync(string node, IReadOnlyList<PresenceEntry> connections, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(connections, Json.Options);
        await Task.WhenAll(
            Db.StringSetAsync(keys.PresenceOfNode(node), json, ttl),
            Db.SetAddAsync(keys.PresenceNodes, node)).WaitAsync(timeout, cancellationToken);
    }

    public async Task<IReadOnlyList<(string Node, IReadOnlyList<PresenceEntry> Connections)>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var nodes = (await Db.SetMembersAsync(keys.PresenceNodes).WaitAsync(timeout, cancellationToken))
            .Select(n => n.ToString()).Order(StringComparer.Ordinal).ToList();
        if (nodes.Count == 0) return [];
        var reports = await Db.StringGetAsync(nodes.Select(n => keys.PresenceOfNode(n)).ToArray()).WaitAsync(timeout, cancellationToken);

        var live = new List<(string, IReadOnlyList<PresenceEntry>)>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (reports[i].IsNull)
            {
                await Db.SetRemoveAsync(keys.PresenceNodes, nodes[i]).WaitAsync(timeout, cancellationToken); // expired: the node is gone
                continue;
            }
            live.Add((nodes[i], JsonSerializer.Deserialize<List<PresenceEntry>>(reports[i].ToString(), Json.Options) ?? []));
        }
        return live;
    }
}
