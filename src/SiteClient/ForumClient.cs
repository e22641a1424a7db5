using System.Threading.Channels;
using MessagePack;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EventHub.SiteClient;

public sealed class ForumClientOptions
{
    /// <summary>The hub endpoint, e.g. http://localhost:5080/hubs/forum.</summary>
    public required Uri HubUrl { get; init; }

    /// <summary>Other nodes of the same cluster, tried in turn when the current one stops answering.</summary>
    public IReadOnlyList<Uri> OtherHubUrls { get; init; } = [];

    /// <summary>Returns a valid bearer token; called on every (re)connect, so it may refresh.</summary>
    public required Func<Task<string?>> AccessToken { get; init; }

    /// <summary>
    /// False for a client that only follows the log (a monitor, a load generator): events still arrive once, in
    /// order, gaps healed, but <see cref="ForumClient.Forum"/> keeps no state.
    /// </summary>
    public bool KeepState { get; init; } = true;

    /// <summary>MessagePack by default; JSON when true.</summary>
    public bool UseJson { get; init; }

    /// <summary>Adjusts the MessagePack serializer options (a process holding thousands of clients may add its own formatters).</summary>
    public Func<MessagePackSerializerOptions, MessagePackSerializerOptions>? ConfigureMessagePack { get; init; }

    /// <summary>Adjusts the transport (SignalR's own options): e.g. a load runner that opens the WebSockets itself to cut them.</summary>
    public Action<HttpConnectionOptions>? ConfigureHttp { get; init; }

    /// <summary>
    /// The reconnect backoff's step (see <see cref="ReconnectBackoff"/>): the first retry comes within half of it,
    /// later ones within a ceiling that doubles up to <see cref="MaxReconnectDelay"/>. Also the pause before
    /// reconnecting a connection that was closed, and (a quarter of it) between resends of a command.
    /// </summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The reconnect backoff's cap; null: five times <see cref="ReconnectDelay"/>.</summary>
    public TimeSpan? MaxReconnectDelay { get; init; }

    /// <summary>How long an event that arrived ahead of a missing one waits for it before the client resumes.</summary>
    public TimeSpan GapPatience { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a <c>Position</c> beacon that shows a newer head waits for the live events to arrive before the
    /// client resumes: under load an event can be a second on its way, and resuming for it fetches it twice.
    /// </summary>
    public TimeSpan PositionPatience { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Asks the hub for a fresh token when three quarters of the current one's life has passed, and reconnects with it
    /// when the old one ends (the hub closes a connection at its token's expiry); see <see cref="ForumClient.RefreshTokenAsync"/>.
    /// </summary>
    public bool RefreshTokens { get; init; } = true;
}

/// <summary><c>Refused</c>: the hub closed the connection for good (e.g. a removed delegate); see <see cref="ForumClient.Refusal"/>.</summary>
public enum LinkState { Connecting, Connected, Reconnecting, Resumed, Refused }

/// <summary>
/// The site's connection to the hub: keeps a <see cref="LocalForum"/> current from live events, heals any gap
/// or restart by resuming from its last sequence number, and retries commands with the same id until the hub
/// answers. Events are handled one at a time on one loop, in order.
/// </summary>
public sealed class ForumClient : IAsyncDisposable
{
    static readonly string[] RetryableCodes = ["store.unavailable", "store.busy", "store.outcome_unknown"];

    readonly ForumClientOptions _options;
    readonly ReconnectBackoff _backoff;
    readonly HubConnection _connection;
    // Synchronous continuations: a live event is applied on the connection's own receive path, as it arrives,
    // instead of being handed to a thread-pool thread first (the loop then waits for the next one). Every writer
    // only queues and returns; the loop never blocks, so running it on the writer's thread holds nothing up.
    readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    readonly CancellationTokenSource _stopping = new();
    // Released each time the connection closes: the keeper waits on it instead of polling the state every second.
    readonly SemaphoreSlim _closed = new(0);
    readonly LocalForum _forum;
    bool _gapWatch;
    bool _positionWatch;
    readonly Lock _waitersLock = new();
    readonly List<(long Seq, TaskCompletionSource Done)> _waiters = [];
    readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    Task? _loop;
    Task? _keepConnected;
    Task? _keepFresh;
    // The latest token the hub gave this client (a refresh); null: the options' provider's.
    volatile string? _refreshed;
    int _state = (int)LinkState.Connecting;

    public ForumClient(ForumClientOptions options)
    {
        _options = options;
        _forum = new LocalForum(options.KeepState);
        _backoff = new ReconnectBackoff(options.ReconnectDelay, options.MaxReconnectDelay ?? options.ReconnectDelay * 5);
        var builder = new HubConnectionBuilder()
            .WithUrl(options.HubUrl, http =>
            {
                http.AccessTokenProvider = CurrentTokenAsync;
                options.ConfigureHttp?.Invoke(http);
            })
            .WithAutomaticReconnect(_backoff);
        if (!options.UseJson)
            builder.AddMessagePackProtocol(o => o.SerializerOptions = options.ConfigureMessagePack?.Invoke(o.SerializerOptions) ?? o.SerializerOptions);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IConnectionFactory>(sp =>
        {
            var http = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<HttpConnectionOptions>>().Value;
            var direct = new WebSocketFirst(ActivatorUtilities.CreateInstance<HttpConnectionFactory>(sp), http);
            return options.OtherHubUrls.Count > 0 ? new HubUrlRotation(direct, http, [options.HubUrl, .. options.OtherHubUrls]) : direct;
        });
        _connection = builder.Build();

        _connection.On<EventEnvelope>(ClientMethods.Event, Arrived);
        _connection.On<EventEnvelope[]>(ClientMethods.Events, batch =>
        {
            foreach (var e in batch) Arrived(e);
        });
        _connection.On<LogPosition>(ClientMethods.Position, p => _inbox.Writer.TryWrite(p));
        // The hub measures a host's round trip by the time its ping takes to come back: answer at once, off the loop.
        _connection.On<long>(PresenceMessages.Ping, sent => _connection.SendAsync(HubMethods.Pong, sent)
            .ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted)); // a lost pong is just a missed sample
        _connection.Reconnecting += _ => { State = LinkState.Reconnecting; return Task.CompletedTask; };
        _connection.Reconnected += _ => { _inbox.Writer.TryWrite(Resync.Instance); return Task.CompletedTask; };
        _connection.Closed += ex =>
        {
            Refusal ??= ErrorIn(ex);
            State = Refusal is null ? LinkState.Reconnecting : LinkState.Refused;
            _closed.Release();
            return Task.CompletedTask;
        };
    }

    void Arrived(EventEnvelope e)
    {
        try
        {
            EnvelopeArrived?.Invoke(e);
        }
        finally
        {
            _inbox.Writer.TryWrite(e); // a handler that throws must not cost the event
        }
    }

    /// <summary>The local copy. Read it from <see cref="EventApplied"/> handlers or after awaiting a sequence.</summary>
    public LocalForum Forum => _forum;
    public LinkState State
    {
        get => Refusal is null ? (LinkState)Volatile.Read(ref _state) : LinkState.Refused;
        private set
        {
            if ((LinkState)Interlocked.Exchange(ref _state, (int)value) != value) StateChanged?.Invoke(State);
        }
    }

    /// <summary>Raised when <see cref="State"/> changes (from the connection's callbacks or the loop).</summary>
    public event Action<LinkState>? StateChanged;

    /// <summary>Why the hub closed the connection for good (it said so in the close frame); the client stops reconnecting.</summary>
    public ErrorInfo? Refusal { get; private set; }

    /// <summary>Resume answers taken in (each one is applied to <see cref="Forum"/> before it is counted).</summary>
    public int Resumes { get; private set; }

    /// <summary>
    /// Completes once the local copy has taken in the hub's first resume answer: from then on it holds at least
    /// what the hub had when this client connected, so a command may be built from it.
    /// </summary>
    public Task Synced => _synced.Task;

    public int Snapshots { get; private set; }

    /// <summary>Live events that arrived ahead of a missing number (held until it came).</summary>
    public int GapsSeen { get; private set; }

    /// <summary>Gaps the missing event did not fill in time: each was healed by a resume.</summary>
    public int GapsHealed { get; private set; }

    /// <summary>Live events that arrived again after a resume had already brought them (ignored).</summary>
    public int RepeatsIgnored { get; private set; }

    /// <summary>Raised on the client's loop for every event taken in, live or from a resume, in order.</summary>
    public event Action<AppliedEvent>? EventApplied;

    /// <summary>Raised on the receive path the moment a live event arrives, before it is queued and applied.</summary>
    public event Action<EventEnvelope>? EnvelopeArrived;

    /// <summary>Raised on the client's loop after every completed resume (reconnect, gap, stale position).</summary>
    public event Action<ResumeResult>? ResumeCompleted;

    /// <summary>Raised when a resume replaced the local copy with a snapshot.</summary>
    public event Action<ResumeResult>? SnapshotTaken;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await ConnectWithRetryAsync(cancellationToken);
        _loop = Task.Run(() => RunLoopAsync(_stopping.Token));
        _keepConnected = Task.Run(() => KeepConnectedAsync(_stopping.Token));
        if (_options.RefreshTokens) _keepFresh = Task.Run(() => KeepTokenFreshAsync(_stopping.Token));
        _inbox.Writer.TryWrite(Resync.Instance);
    }

    /// <summary>
    /// Sends a command and waits for the hub's answer, resending with the same id across disconnects and
    /// retryable refusals: the hub applies a command id once, so a resend is never a second event.
    /// </summary>
    public async Task<CommandResult> SendAsync<T>(string method, T request, CancellationToken cancellationToken = default)
        where T : ICommandRequest
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_connection.State != HubConnectionState.Connected)
            {
                await Task.Delay(100, cancellationToken);
                continue;
            }
            try
            {
                var result = await _connection.InvokeAsync<CommandResult>(method, request, cancellationToken);
                if (result.Ok || !RetryableCodes.Contains(result.Error?.Code)) return result;
            }
            catch (Exception ex) when (ex is not HubException &&
                                       (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                // (SignalR fails a call in flight with TaskCanceledException when its connection closes.)
                // The connection dropped mid-call: the outcome is unknown, so resend the same id
                // (unless the caller gave up meanwhile: then say so, whatever the transport threw).
                cancellationToken.ThrowIfCancellationRequested();
                if (_stopping.IsCancellationRequested) throw;
            }
            Interlocked.Increment(ref _resends);
            await Task.Delay(_options.ReconnectDelay / 4, cancellationToken);
        }
    }

    int _resends;

    /// <summary>Commands sent again with the same id after a failure the hub called retryable, or a dropped call.</summary>
    public int Resends => Volatile.Read(ref _resends);

    /// <summary>Calls a query method (WhoAmI, Resume …) once; no resend.</summary>
    public Task<TResult> InvokeAsync<TResult>(string method, params object?[] args) =>
        _connection.InvokeCoreAsync<TResult>(method, args);

    /// <summary>Handles a live message that is not a log event (e.g. the moderator's <c>Board</c>).</summary>
    public IDisposable On<T>(string method, Action<T> handler) => _connection.On(method, handler);

    /// <summary>Completes once the local copy has taken in event <paramref name="seq"/>.</summary>
    public Task WaitForSeqAsync(long seq, CancellationToken cancellationToken = default)
    {
        lock (_waitersLock)
        {
            if (_forum.LastSeq >= seq) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((seq, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    public string? ConnectionId => _connection.ConnectionId;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _inbox.Writer.TryComplete();
        try
        {
            if (_loop is not null) await _loop;
            if (_keepConnected is not null) await _keepConnected;
            if (_keepFresh is not null) await _keepFresh;
        }
        catch (OperationCanceledException)
        {
        }
        await _connection.DisposeAsync();
        _stopping.Dispose();
        _closed.Dispose();
    }

    /// <summary>Tokens the hub renewed for this client (<see cref="RefreshTokenAsync"/>).</summary>
    public int TokenRefreshes { get; private set; }

    /// <summary>Raised with each renewed token (a CLI saves it, so its next run logs in with it).</summary>
    public event Action<LoginResult>? TokenRefreshed;

    Task<string?> CurrentTokenAsync() => _refreshed is { } token ? Task.FromResult<string?>(token) : _options.AccessToken();

    /// <summary>
    /// A new token for this client's session, from the hub it is connected to; the next (re)connect uses it. The old
    /// connection stays until its token ends, then the client reconnects and resumes from its last event, so nothing
    /// is missed or taken twice. A logged-out session or a rotated key gets the hub's refusal (a HubException).
    /// </summary>
    public async Task<LoginResult> RefreshTokenAsync(CancellationToken cancellationToken = default)
    {
        var fresh = await _connection.InvokeAsync<LoginResult>(HubMethods.RefreshToken, cancellationToken);
        _refreshed = fresh.Token;
        TokenRefreshes++;
        TokenRefreshed?.Invoke(fresh);
        return fresh;
    }

    /// <summary>Renews the token at three quarters of its life, for as long as the client runs and the hub agrees.</summary>
    async Task KeepTokenFreshAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && Refusal is null)
        {
            if (TokenTimes(await CurrentTokenAsync()) is not { } times) return; // not a token this client can read: leave it
            var due = times.IssuedAt + (times.ExpiresAt - times.IssuedAt) * 3 / 4;
            var wait = due - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            try
            {
                if (_connection.State == HubConnectionState.Connected)
                {
                    await RefreshTokenAsync(cancellationToken);
                    continue;
                }
            }
            catch (HubException)
            {
                return; // the hub refused (logged out, key rotated): the connection is being closed with the reason
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // the connection dropped mid-call: try again once it is back
            }
            if (DateTimeOffset.UtcNow >= times.ExpiresAt) return; // too late: the application must log in again
            await Task.Delay(_options.ReconnectDelay, cancellationToken);
        }
    }

    /// <summary>A JWT's "iat" and "exp" (the payload is plain base64url JSON; the hub checks the signature, not us).</summary>
    static (DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)? TokenTimes(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 }) return null;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            using var json = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(payload));
            return json.RootElement.TryGetProperty("iat", out var iat) && json.RootElement.TryGetProperty("exp", out var exp)
                ? (DateTimeOffset.FromUnixTimeSeconds(iat.GetInt64()), DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()))
                : null;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    async Task ConnectWithRetryAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0L; ; attempt++)
        {
            try
            {
                State = LinkState.Connecting;
                await _connection.StartAsync(cancellationToken);
                State = LinkState.Connected;
                return;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                if (Refusal is not null) return; // refused for good: knocking again changes nothing
                await Task.Delay(_backoff.NextDelay(attempt), cancellationToken);
            }
        }
    }

    /// <summary>Automatic reconnect covers a blip; this covers a hub that was down longer, or a closed connection.</summary>
    async Task KeepConnectedAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && Refusal is null)
        {
            await _closed.WaitAsync(cancellationToken);
            await Task.Delay(_options.ReconnectDelay, cancellationToken);
            if (_connection.State != HubConnectionState.Disconnected || Refusal is not null) continue;
            await ConnectWithRetryAsync(cancellationToken);
            _inbox.Writer.TryWrite(Resync.Instance);
        }
    }

    async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        // Ends when DisposeAsync completes the inbox. Read without the token: a cancellable wait is a new waiter
        // object at every event, for each client (the generator's 3,165 clients made 1.7 MB/s of them).
        await foreach (var item in _inbox.Reader.ReadAllAsync())
        {
            try
            {
                switch (item)
                {
                    case EventEnvelope envelope:
                        var taken = _forum.Receive(envelope, out var repeat);
                        for (var i = 0; i < taken.Count; i++) Raise(taken[i]);
                        if (repeat) RepeatsIgnored++;
                        else if (_forum.HasGap && !_gapWatch)
                        {
                            // Messages from different nodes may cross: give the missing one a moment before resuming.
                            GapsSeen++;
                            _gapWatch = true;
                            LookAgainLater(_options.GapPatience, GapCheck.Instance, cancellationToken);
                        }
                        break;
                    case GapCheck:
                        _gapWatch = false;
                        if (_forum.HasGap)
                        {
                            GapsHealed++;
                            await ResumeAsync(cancellationToken);
                        }
                        break;
                    case LogPosition position when position.Epoch == _forum.Epoch && _forum.IsBehind(position):
                        // Probably still on its way: look again after a while, and resume only if it never came.
                        if (_positionWatch) break;
                        _positionWatch = true;
                        LookAgainLater(_options.PositionPatience, new PositionCheck(position), cancellationToken);
                        break;
                    case PositionCheck check:
                        _positionWatch = false;
                        if (_forum.IsBehind(check.Position)) await ResumeAsync(cancellationToken);
                        break;
                    case LogPosition position when _forum.IsBehind(position):
                    case Resync:
                        await ResumeAsync(cancellationToken);
                        break;
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The connection went away mid-resume; the reconnect will queue another resync.
            }
        }
    }

    /// <summary>Queues <paramref name="check"/> on the loop after <paramref name="patience"/>.</summary>
    void LookAgainLater(TimeSpan patience, object check, CancellationToken cancellationToken) =>
        _ = Task.Delay(patience, cancellationToken).ContinueWith(_ => _inbox.Writer.TryWrite(check), TaskScheduler.Default);

    async Task ResumeAsync(CancellationToken cancellationToken)
    {
        if (_connection.State != HubConnectionState.Connected) return;
        var result = await _connection.InvokeAsync<ResumeResult>(HubMethods.Resume, _forum.ResumeRequest(), cancellationToken);
        var applied = _forum.Apply(result);
        Resumes++;
        if (result.Snapshot is not null)
        {
            Snapshots++;
            SnapshotTaken?.Invoke(result);
        }
        foreach (var e in applied) Raise(e);
        State = Resumes == 1 ? LinkState.Connected : LinkState.Resumed;
        ReleaseWaiters();
        _synced.TrySetResult();
        ResumeCompleted?.Invoke(result);
    }

    void Raise(AppliedEvent applied)
    {
        EventApplied?.Invoke(applied);
        ReleaseWaiters();
    }

    void ReleaseWaiters()
    {
        lock (_waitersLock)
        {
            if (_waiters.Count == 0) return; // nearly always: no new predicate for every event
            _waiters.RemoveAll(w =>
            {
                if (w.Seq > _forum.LastSeq) return false;
                w.Done.TrySetResult();
                return true;
            });
        }
    }

    /// <summary>
    /// The hub's structured error in a close frame or a refused query ("… HubException: {code, message, messageEn}"),
    /// if any.
    /// </summary>
    public static ErrorInfo? ErrorIn(Exception? refused)
    {
        var message = (refused as HubException)?.Message;
        var start = message?.IndexOf('{') ?? -1;
        if (start < 0) return null;
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<ErrorInfo>(message![start..], Json.Options) is { Code.Length: > 0 } error
                ? error
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    sealed class Resync
    {
        public static readonly Resync Instance = new();
    }

    sealed record PositionCheck(LogPosition Position);

    sealed class GapCheck
    {
        public static readonly GapCheck Instance = new();
    }
}
