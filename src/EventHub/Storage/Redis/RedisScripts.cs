namespace EventHub.Storage.Redis;

/// <summary>
/// The Lua scripts: each runs atomically on the server, so checks and writes cannot interleave with
/// another node's. Plain lists and hashes only (no Streams), so Garnet runs them too.
/// </summary>
static class RedisScripts
{
    /// <summary>
    /// KEYS: epoch, events, outcomes. ARGV: expected head, the command's outcome field, the feed's channel, then the
    /// event records (their sequence numbers computed by the caller from the expected head, which this script checks).
    /// Returns {"dup", earlier outcome} | {"conflict", head} | {"ok", first, last}.
    /// Each appended record is also published on the feed's channel, inside the script: every node hears the
    /// events in exactly the log's order, whichever node appended them.
    /// A missing epoch (the data was lost under us) is a conflict: the caller re-reads the head, which
    /// gives the log a new epoch, and decides again on what is really there.
    /// </summary>
    public const string Append = """
        local done = redis.call('HGET', KEYS[3], ARGV[2])
        if done then return {'dup', done} end
        local head = redis.call('LLEN', KEYS[2])
        if redis.call('EXISTS', KEYS[1]) == 0 or head ~= tonumber(ARGV[1]) then return {'conflict', head} end
        redis.call('RPUSH', KEYS[2], unpack(ARGV, 4))
        local last = head + #ARGV - 3
        redis.call('HSET', KEYS[3], ARGV[2], (head + 1) .. ',' .. last)
        for i = 4, #ARGV do redis.call('PUBLISH', ARGV[3], ARGV[i]) end
        return {'ok', head + 1, last}
        """;

    /// <summary>
    /// KEYS: epoch, events, outcomes. ARGV: expected head, the command's outcome field, its outcome (a refusal or a
    /// no-op). The same checks as <see cref="Append"/>, in the same order, so one command id sent to two nodes at
    /// once gets one answer: whichever script runs first decides it. Returns {"dup", earlier outcome} |
    /// {"conflict", head} | {"ok"}.
    /// </summary>
    public const string RecordOutcome = """
        local done = redis.call('HGET', KEYS[3], ARGV[2])
        if done then return {'dup', done} end
        local head = redis.call('LLEN', KEYS[2])
        if redis.call('EXISTS', KEYS[1]) == 0 or head ~= tonumber(ARGV[1]) then return {'conflict', head} end
        redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
        return {'ok'}
        """;

    /// <summary>
    /// KEYS: epoch, events. ARGV: a fresh epoch, used only when the log has none (new, or lost).
    /// Returns {epoch, head, created (0|1)}.
    /// </summary>
    public const string Head = """
        local epoch = redis.call('GET', KEYS[1])
        local created = 0
        if not epoch then
          redis.call('SET', KEYS[1], ARGV[1])
          epoch = ARGV[1]
          created = 1
        end
        return {epoch, redis.call('LLEN', KEYS[2]), created}
        """;

    /// <summary>
    /// KEYS: rotated keys (hash). ARGV: scope, the new key, the generation the caller knows, the token channel, the
    /// message to publish. The new generation is one past the higher of the stored one and the caller's, written and
    /// announced in one step, so two rotations at once get two generations and every node hears the last.
    /// </summary>
    public const string RotateKey = """
        local stored = redis.call('HGET', KEYS[1], ARGV[1])
        local generation = tonumber(ARGV[3])
        if stored then
          local known = tonumber(string.match(stored, '^(%d+)|'))
          if known and known > generation then generation = known end
        end
        generation = generation + 1
        redis.call('HSET', KEYS[1], ARGV[1], generation .. '|' .. ARGV[2])
        redis.call('PUBLISH', ARGV[4], ARGV[5])
        return generation
        """;
}
