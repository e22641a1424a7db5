using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EventHub.Tests.Infrastructure;

/// <summary>A logger provider that keeps every entry the app writes (after the app's level filters), for tests to read.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception,
        IReadOnlyDictionary<string, object?> Fields);

    public IReadOnlyList<Entry> Entries => _entries.ToArray();

    public IEnumerable<Entry> WithId(int eventId) => Entries.Where(e => e.EventId == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value)
                : new Dictionary<string, object?>();
            owner._entries.Enqueue(new Entry(category, logLevel, eventId.Id, formatter(state, exception), exception, fields));
        }
    }
}
