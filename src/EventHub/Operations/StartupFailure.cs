using EventHub.Domain.Seeds;
using EventHub.Storage;

namespace EventHub.Operations;

/// <summary>A start-up that runs on after the host started (waiting for its store) and may fail there.</summary>
public interface IStartupOutcome
{
    /// <summary>What stopped it, for the exit; null while it runs or once it succeeded.</summary>
    Exception? Failure { get; }
}

public static class StartupFailure
{
    /// <summary>Runs the hub; when the data or seeds cannot be trusted, says what is wrong (no stack trace) and exits 2.</summary>
    public static async Task<int> RunOrExplainAsync(this WebApplication app)
    {
        try
        {
            var outcomes = app.Services.GetServices<IStartupOutcome>().ToList();
            await app.RunAsync();
            // A start-up that waited for the store and then met a log it cannot trust stopped the node by itself.
            if (outcomes.Select(o => o.Failure).FirstOrDefault(f => f is not null) is { } failure) throw failure;
            return 0;
        }
        catch (Exception ex) when (Explain(ex) is { } message)
        {
            await Console.Error.WriteLineAsync($"EventHub không khởi động được / cannot start: {message}");
            return 2;
        }
    }

    static string? Explain(Exception ex) => ex switch
    {
        CorruptLogException or SeedDataException or InvalidDataException => ex.Message,
        InvalidOperationException when ex.Message.StartsWith("EventHub:", StringComparison.Ordinal) => ex.Message,
        AggregateException { InnerExceptions.Count: 1 } agg => Explain(agg.InnerExceptions[0]),
        _ when ex.InnerException is not null => Explain(ex.InnerException),
        _ => null,
    };
}
