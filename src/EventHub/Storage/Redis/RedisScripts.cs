namespace EventHub.Storage.Redis;

/// <summary>
/// The Lua scripts: each runs atomically on the server, so checks and writes cannot interleave with
/// another node's. Plain lists and hashes only (no Streams), so Garnet runs them too.
/// </summary>
static class RedisScripts
{
    /// <summary>
    /// Group commit of several commands' answers. KEYS: epoch, events, outcomes. ARGV: expected head, the feed's channel,
    /// then for each command: its outcome field, its number of events n, then its n event records (their sequence
    /// numbers computed by the caller from the expected head, which this script checks) or, when n is 0, its outcome
    /// record (a refusal or a no-op).
    /// Returns {"dup", index, earlier outcome, index, earlier outcome, ...} (indexes from 0) | {"conflict", head} |
    /// {"ok", last}. Nothing is written unless every command is new and the head is as expected: the checks come first,
    /// in the same order for every caller (outcome, then head), so one command id sent to two nodes at once gets one
    /// answer, whichever script runs first. Each appended record is also published on the feed's channel, inside the
    /// script: every node hears the events in exactly the log's order, whichever node appended them.
    /// A missing epoch (the data was lost under us) is a conflict: the caller re-reads the head, which gives the log
    /// a new epoch, and decides again on what is really there.
    /// </summary>
    public const string WriteBatch = """
        local dups = {}
        local w = 0
        local i = 3
        while i <= #ARGV do
          local done = redis.call('HGET', KEYS[3], ARGV[i])
          if done then
            dups[#dups + 1] = w
            dups[#dups + 1] = done
          end
          w = w + 1
          i = i + 2 + math.max(tonumber(ARGV[i + 1]), 1)
        end
        if #dups > 0 then
          table.insert(dups, 1, 'dup')
          return dups
        end
        local head = redis.call('LLEN', KEYS[2])
        if redis.call('EXISTS', KEYS[1]) == 0 or head ~= tonumber(ARGV[1]) then return {'conflict', head} end
        local last = head
        i = 3
        while i <= #ARGV do
          local n = tonumber(ARGV[i + 1])
          if n > 0 then
            redis.call('RPUSH', KEYS[2], unpack(ARGV, i + 2, i + 1 + n))
            redis.call('HSET', KEYS[3], ARGV[i], (last + 1) .. ',' .. (last + n))
            for j = i + 2, i + 1 + n do redis.call('PUBLISH', ARGV[2], ARGV[j]) end
            last = last + n
            i = i + 2 + n
          else
            redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 2])
            i = i + 3
          end
        end
        return {'ok', last}
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
