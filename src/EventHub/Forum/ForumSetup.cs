using EventHub.Domain.Forum;
using EventHub.Domain.Seeds;
using EventHub.Operations;
using EventHub.Storage;
using EventHub.Storage.Redis;
using Microsoft.Extensions.Options;

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
        services.AddHostedService<ForumStartup>();
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
/// store has other writers), opens the forum on a brand-new log, then runs the features' startup steps.
/// </summary>
sealed class ForumStartup(ForumEngine engine, SeedData seeds, IEnumerable<IEventFeed> feeds, IHostApplicationLifetime lifetime,
    IEnumerable<IForumStartupStep> steps) : IHostedService
{
    IAsyncDisposable? _following;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await engine.StartAsync(cancellationToken);
        if (feeds.LastOrDefault() is { } feed) // the last registered, as the container would resolve it
            _following = await engine.FollowAsync(feed, lifetime.ApplicationStopping, cancellationToken);
        if (!engine.View.State.IsOpen)
            await engine.ExecuteAsync(Actor.System, $"open-{seeds.Forum.Id}",
                new OpenForum(seeds.Forum.Id, seeds.Forum.Title, seeds.Sites.Select(s => s.Code).ToList()), cancellationToken);
        foreach (var step in steps) await step.RunAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _following, null) is { } following) await following.DisposeAsync();
    }
}
