using System.Collections.Concurrent;

namespace EventHub.Auth;

/// <summary>
/// The sessions logged out, each kept until the last token it could hold has expired. This node's copy is a
/// dictionary read by every check; the store keeps it across restarts and, with Redis, shares it between nodes.
/// </summary>
public sealed class SessionRevocations(ITokenStore store, TimeProvider time)
{
    readonly ConcurrentDictionary<string, long> _revoked = new(StringComparer.Ordinal);
    int _version;

    /// <summary>Moves on with every logout taken in (see <see cref="KeyRing.Version"/>).</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>Raised after a session was logged out, here or on another node.</summary>
    public event Action? Changed;

    public int Count => _revoked.Count;

    public bool IsRevoked(string session) => !_revoked.IsEmpty && _revoked.ContainsKey(session);

    /// <summary>
    /// Ends <paramref name="session"/> here at once, then in the store: if the store does not answer the caller
    /// hears so and may retry, and this node refuses the session meanwhile.
    /// </summary>
    public async Task RevokeAsync(string session, long expiresAt, CancellationToken cancellationToken)
    {
        Add(session, expiresAt);
        await store.RevokeAsync(session, expiresAt, cancellationToken);
    }

    /// <summary>Takes a logout in; true when it is new here.</summary>
    public bool Add(string session, long expiresAt)
    {
        if (expiresAt <= time.GetUtcNow().ToUnixTimeMilliseconds() || !_revoked.TryAdd(session, expiresAt)) return false;
        Interlocked.Increment(ref _version);
        Changed?.Invoke();
        return true;
    }

    /// <summary>Forgets logouts whose tokens have all expired (the token's own expiry refuses them from then on).</summary>
    public void Prune()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (session, until) in _revoked)
            if (until <= now) _revoked.TryRemove(KeyValuePair.Create(session, until));
    }
}
