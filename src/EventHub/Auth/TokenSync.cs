using EventHub.Operations;
using EventHub.Storage.Redis;
using StackExchange.Redis;

namespace EventHub.Auth;

/// <summary>
/// Keeps this node's logouts and keys in step with the store: read before the node serves (so a restart still
/// refuses what was logged out), then, with Redis, every message on the token channel as it comes, a full read
/// after Redis comes back, and one every <see cref="AuthSettings.SyncInterval"/> for a message the channel lost.
/// What is taken in raises the key ring's or the revocations' Changed (the fan-out closes what it ends).
/// </summary>
public sealed partial class TokenSync(ITokenStore store, KeyRing keys, SessionRevocations revocations,
    EventHubOptions options, TimeProvider time, ILogger<TokenSync> logger, IServiceProvider services) : BackgroundService
{
    IConnectionMultiplexer? _redis;
    ChannelMessageQueue? _queue;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _redis = services.GetService<IConnectionMultiplexer>();
        if (_redis is not null)
            _redis.ConnectionRestored += (_, _) => _ = Task.Run(async () =>
            {
                try
                {
                    await PassAsync(CancellationToken.None);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    NotRead(logger, ex.GetType().Name); // the loop tries again
                }
            });
        try
        {
            await PassAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The node still starts (a Redis outage must not keep the hall out); the loop reads again soon.
            NotRead(logger, ex.GetType().Name);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _redis is null ? Task.CompletedTask
            : ResilientLoop.RunAsync("Token sync", options.Auth.SyncInterval, PassAsync, time, logger, stoppingToken);

    /// <summary>Listens on the channel (again, if Redis was away when the node started), then reads everything.</summary>
    async Task PassAsync(CancellationToken cancellationToken)
    {
        if (_redis is not null && _queue is null)
        {
            var channelKeys = services.GetRequiredService<RedisKeys>();
            var queue = await _redis.GetSubscriber().SubscribeAsync(channelKeys.TokenChanges).WaitAsync(cancellationToken);
            if (Interlocked.CompareExchange(ref _queue, queue, null) is null)
                queue.OnMessage(message => TakeAsync(message.Message.ToString(), channelKeys));
        }
        await ReadAsync(cancellationToken);
    }

    async Task ReadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(cancellationToken);
        foreach (var (session, expiresAt) in snapshot.Revoked) revocations.Add(session, expiresAt);
        foreach (var (scope, rotated) in snapshot.Keys) keys.Apply(scope, rotated);
        revocations.Prune();
    }

    async Task TakeAsync(string message, RedisKeys channelKeys)
    {
        try
        {
            var parts = message.Split('|');
            if (parts is ["r", var session, var until] && long.TryParse(until, out var expiresAt))
                revocations.Add(session, expiresAt);
            else if (parts is ["k", var scope] &&
                     RedisTokenStore.ParseKey(await _redis!.GetDatabase().HashGetAsync(channelKeys.RotatedKeys, scope)) is { } rotated)
                keys.Apply(scope, rotated);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            NotRead(logger, ex.GetType().Name); // the next full read brings it
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning,
        Message = "Logouts and rotated keys could not be read from Redis ({Error}); this node reads them again shortly")]
    static partial void NotRead(ILogger logger, string error);
}
