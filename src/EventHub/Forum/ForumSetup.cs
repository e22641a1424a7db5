using EventHub.Domain.Forum;
using EventHub.Domain.Seeds;
using EventHub.Operations;
using EventHub.Storage;
using EventHub.Storage.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EventHub.Forum;

public static class ForumSetup
{
    /// <summary>Seeds, the event log (the embedded file log, or Redis when configured) and the forum's engine.</summary>
    public static WebApplicationBuilder AddForum(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<EventHubOptions>(builder.Configuration.GetSection(EventHubOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EventHubOptions>>().Value);
        services.AddSingleton(TimeProvider.System);
        // Bad seeds stop the start-up here, with the file and line, rather than at the first request.
        services.AddSingleton(sp => SeedLoader.Load(sp.GetRequiredService<EventHubOptions>().SeedsPath));
        services.AddSingleton<IReadOnlyList<string>>(sp => sp.GetRequiredService<SeedData>().Sites.Select(s => s.Code).ToList());

        if (!builder.AddRedisStorage())
            services.AddSingleton<IEventLog>(sp => new FileEventLog(
                sp.GetRequiredService<EventHubOptions>().DataDirectory, sp.GetRequiredService<ILogger<FileEventLog>>()));

        services.AddSingleton(sp => new ForumEngine(
            sp.GetRequiredService<SeedData>().Forum.Id,
            sp.GetRequiredService<IEventLog>(),
            sp.GetRequiredService<IEventPublisher>(),
            sp.GetRequiredService<TimeProvider>(),
            new EngineOptions
            {
                ResumeWindow = sp.GetRequiredService<EventHubOptions>().ResumeWindow,
                CommandTimeout = sp.GetService<RedisSettings>()?.CommandTimeout,
            },
            sp.GetRequiredService<ILogger<ForumEngine>>()));
        services.AddSingleton<ForumStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<ForumStartup>());
        services.AddSingleton<IStartupOutcome>(sp => sp.GetRequiredService<ForumStartup>());
        // Not ready (/readyz 503) until the forum's log is loaded: a node waiting for its store takes no clients.
        services.AddHealthChecks().AddCheck<ForumLoadedCheck>("forum", tags: ["ready"]);
        return builder;
    }
}

/// <summary>
/// A feature's work once the forum is open and before the hub takes connections (the speaker queue puts the seeded
/// programme on the agenda). Idempotent: every node runs it at every start.
/// </summary>
public interface IForumStartupStep
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Loads the forum's log before the hub takes connections, follows the store's feed of appended events (when the
/// store has other writers), opens the forum on a brand-new log, then runs the features' startup steps. A store that
/// does not answer yet (Redis down, or still loading its append-only file) does not stop the node: it starts without
/// the forum, not ready (/readyz 503, callers get store.unavailable), and keeps trying with a growing pause until the
/// store answers.
/// </summary>
sealed partial class ForumStartup(ForumEngine engine, SeedData seeds, IEnumerable<IEventFeed> feeds,
    IHostApplicationLifetime lifetime, TimeProvider time, ILogger<ForumStartup> logger, IEnumerable<IForumStartupStep> steps)
    : IHostedService, IStartupOutcome
{
    static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);

    IAsyncDisposable? _following;
    Task? _waiting;

    /// <summary>What stopped a start-up that waited for the store (anything but the store being away), for the exit.</summary>
    public Exception? Failure { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var began = time.GetTimestamp();
        try
        {
            await OpenAsync(cancellationToken);
            return;
        }
        catch (Exception ex) when (IsStoreAway(ex) && !cancellationToken.IsCancellationRequested)
        {
            WaitingForStore(logger, ex.Message);
        }
        _waiting = Task.Run(() => KeepTryingAsync(began, lifetime.ApplicationStopping), CancellationToken.None);
    }

    async Task OpenAsync(CancellationToken cancellationToken)
    {
        await engine.StartAsync(cancellationToken);
        if (_following is null && feeds.LastOrDefault() is { } feed) // the last registered, as the container would resolve it
            _following = await engine.FollowAsync(feed, lifetime.ApplicationStopping, cancellationToken);
        if (!engine.View.State.IsOpen)
            await engine.ExecuteAsync(Actor.System, $"open-{seeds.Forum.Id}",
                new OpenForum(seeds.Forum.Id, seeds.Forum.Title, seeds.Sites.Select(s => s.Code).ToList()), cancellationToken);
        foreach (var step in steps) await step.RunAsync(cancellationToken);
        engine.StartServing();
    }

    async Task KeepTryingAsync(long began, CancellationToken stopping)
    {
        for (var failures = 1; !stopping.IsCancellationRequested; failures++)
        {
            try
            {
                await Task.Delay(FirstPause + ResilientLoop.Backoff(FirstPause, failures), time, stopping);
                await OpenAsync(stopping);
                StoreAnswered(logger, time.GetElapsedTime(began).TotalSeconds, failures);
                return;
            }
            catch (Exception ex) when (IsStoreAway(ex) && !stopping.IsCancellationRequested)
            {
                StillWaiting(logger, ex.GetType().Name, ex.Message);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // What would have stopped a start-up that found the store at once (a log it cannot trust) stops this one.
                Failure = ex;
                CannotStart(logger, ex.Message);
                lifetime.StopApplication();
                return;
            }
        }
    }

    /// <summary>The store did not answer, or answered that it cannot serve yet: worth another try.</summary>
    static bool IsStoreAway(Exception ex) => ex switch
    {
        StoreUnavailableException or RedisException or TimeoutException => true,
        ForumRuleException rule => rule.Error.Code.StartsWith("store.", StringComparison.Ordinal),
        AggregateException { InnerExceptions.Count: 1 } one => IsStoreAway(one.InnerExceptions[0]),
        _ => false,
    };

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_waiting is { } waiting) await waiting.WaitAsync(cancellationToken);
        if (Interlocked.Exchange(ref _following, null) is { } following) await following.DisposeAsync();
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "The store does not answer ({Reason}); this node waits for it and is not ready (/readyz 503) until it does")]
    static partial void WaitingForStore(ILogger logger, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Still waiting for the store: {Kind}: {Reason}")]
    static partial void StillWaiting(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information,
        Message = "The store answers after {Seconds:0.0} s and {Tries} tries; the forum is loaded and this node is ready")]
    static partial void StoreAnswered(ILogger logger, double seconds, int tries);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Critical, Message = "The forum cannot start: {Reason}")]
    static partial void CannotStart(ILogger logger, string reason);
}

/// <summary>Ready once the forum's log is loaded and the engine serves.</summary>
sealed class ForumLoadedCheck(ForumEngine engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(engine.IsServing
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("waiting for the store to load the forum"));
}
