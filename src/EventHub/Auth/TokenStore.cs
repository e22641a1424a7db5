using System.Text.Json;
using EventHub.Storage.Redis;
using StackExchange.Redis;

namespace EventHub.Auth;

/// <summary>What every node must agree on about tokens: the sessions logged out (until they would have expired) and the rotated keys.</summary>
public sealed record TokenStateSnapshot(IReadOnlyDictionary<string, long> Revoked, IReadOnlyDictionary<string, RotatedKey> Keys);

/// <summary>A key that was rotated: its generation (1 after the first rotation) and the key itself.</summary>
public sealed record RotatedKey(int Generation, string Key);

/// <summary>
/// Where logouts and rotations are kept and shared. With Redis every node reads and hears them there; the embedded
/// default keeps them in its data folder, so they hold after a restart either way.
/// </summary>
public interface ITokenStore
{
    Task<TokenStateSnapshot> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Records a logout until <paramref name="expiresAt"/> (Unix ms) and tells the other nodes.</summary>
    Task RevokeAsync(string session, long expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a key and tells the other nodes; returns its new generation, one past the highest known (here or in
    /// the store), so two rotations at once on two nodes still give two generations.
    /// </summary>
    Task<int> RotateAsync(string scope, string key, int knownGeneration, CancellationToken cancellationToken);
}

/// <summary>The embedded default: logouts in revoked-sessions.json (the credentials file itself holds the rotated keys).</summary>
public sealed class FileTokenStore(string path, TimeProvider time) : ITokenStore
{
    readonly Lock _lock = new();

    public Task<TokenStateSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(new TokenStateSnapshot(Read(), new Dictionary<string, RotatedKey>()));
    }

    public Task RevokeAsync(string session, long expiresAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var revoked = Read().Where(r => r.Value > now).ToDictionary();
            revoked[session] = expiresAt;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temp = $"{path}.{Environment.ProcessId}.tmp";
            using (var stream = File.Create(temp))
            {
                JsonSerializer.Serialize(stream, revoked);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        return Task.CompletedTask;
    }

    public Task<int> RotateAsync(string scope, string key, int knownGeneration, CancellationToken cancellationToken) =>
        Task.FromResult(knownGeneration + 1);

    Dictionary<string, long> Read()
    {
        if (!File.Exists(path)) return [];
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, long>>(File.ReadAllText(path)) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: không đọc được danh sách phiên đã đăng xuất / cannot read the logged-out sessions ({ex.Message}).");
        }
    }
}

/// <summary>
/// Logouts in a sorted set (session → expiry, pruned as they pass), rotated keys in a hash (scope → "generation|key"),
/// and a channel every node listens on (<see cref="TokenSync"/>). Keys live here as they do in credentials.json:
/// Redis must be as private as that file.
/// </summary>
public sealed class RedisTokenStore(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time) : ITokenStore
{
    public async Task<TokenStateSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SortedSetRemoveRangeByScoreAsync(keys.RevokedSessions, double.NegativeInfinity, now);
        var revoked = await db.SortedSetRangeByScoreWithScoresAsync(keys.RevokedSessions, now, double.PositiveInfinity);
        var rotated = await db.HashGetAllAsync(keys.RotatedKeys);
        return new TokenStateSnapshot(
            revoked.ToDictionary(e => (string)e.Element!, e => (long)e.Score),
            rotated.Select(e => (Scope: (string)e.Name!, Key: ParseKey(e.Value)))
                .Where(e => e.Key is not null).ToDictionary(e => e.Scope, e => e.Key!));
    }

    public async Task RevokeAsync(string session, long expiresAt, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        await db.SortedSetAddAsync(keys.RevokedSessions, session, expiresAt);
        await db.PublishAsync(keys.TokenChanges, TokenChange.Revoked(session, expiresAt));
    }

    public async Task<int> RotateAsync(string scope, string key, int knownGeneration, CancellationToken cancellationToken)
    {
        var generation = (int)await redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.RotateKey, [keys.RotatedKeys],
            [scope, key, knownGeneration, keys.TokenChanges.ToString(), TokenChange.Rotated(scope)]);
        return generation;
    }

    /// <summary>Reads one hash value, "generation|key"; null when it is not one.</summary>
    public static RotatedKey? ParseKey(RedisValue value) =>
        value.ToString() is var text && text.IndexOf('|') is var bar and > 0 &&
        int.TryParse(text.AsSpan(0, bar), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var generation)
            ? new RotatedKey(generation, text[(bar + 1)..])
            : null;
}

/// <summary>The messages on the token channel: "r|session|expiresAt" (a logout) or "k|scope" (a rotated key, read from the hash).</summary>
public static class TokenChange
{
    public static string Revoked(string session, long expiresAt) => $"r|{session}|{expiresAt}";
    public static string Rotated(string scope) => $"k|{scope}";
}
