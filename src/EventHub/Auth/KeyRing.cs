using EventHub.Domain.Forum;

namespace EventHub.Auth;

/// <summary>
/// The forum's keys as they stand now: the credentials file as loaded, then every rotation made here or heard from
/// another node. A rotation replaces one key and moves its generation on; tokens of an older generation end.
/// </summary>
public sealed class KeyRing(Credentials loaded, string path, ITokenStore store)
{
    readonly Lock _lock = new();
    Credentials _current = loaded;
    int _version;

    public Credentials Current => Volatile.Read(ref _current);

    /// <summary>Moves on with every change (the hub's per-call check compares it instead of re-checking each session).</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>Raised after a key changed, here or on another node.</summary>
    public event Action? Changed;

    public int GenerationOf(string scope) => Current.GenerationOf(scope);

    /// <summary>
    /// A new random key for <paramref name="scope"/>, recorded in the store (and so on every node) and in this node's
    /// credentials file. Returns the key, to be handed to its holder; it is never logged.
    /// </summary>
    public async Task<(string Key, int Generation)> RotateAsync(string scope, CancellationToken cancellationToken)
    {
        if (Current.KeyOf(scope) is null) throw AuthErrors.UnknownKey(scope);
        var key = KeyScope.Parse(scope).Kind == KeyScope.JoinKind ? Credentials.NewKey(8) : Credentials.NewKey();
        var generation = await store.RotateAsync(scope, key, GenerationOf(scope), cancellationToken);
        Apply(scope, new RotatedKey(generation, key));
        lock (_lock) Current.Rewrite(path); // a restart (or a node without Redis) starts from the new key
        return (key, generation);
    }

    /// <summary>Takes a rotation in; an older or repeated one changes nothing. True when the key changed.</summary>
    public bool Apply(string scope, RotatedKey rotated)
    {
        lock (_lock)
        {
            if (rotated.Generation <= _current.GenerationOf(scope) || _current.KeyOf(scope) is null) return false;
            Volatile.Write(ref _current, _current.WithKey(scope, rotated.Key, rotated.Generation));
            Interlocked.Increment(ref _version);
        }
        Changed?.Invoke();
        return true;
    }
}
