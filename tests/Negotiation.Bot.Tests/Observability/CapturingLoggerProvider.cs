using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Negotiation.Bot.Tests.Observability;

/// <summary>One log entry as written: level, category, event id, the formatted message and every structured value.</summary>
internal sealed record CapturedLog(LogLevel Level, string Category, EventId EventId, string Message, IReadOnlyList<string> Values, string? Exception);

/// <summary>A logger provider that keeps every entry, for asserting on what the host logs.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyCollection<CapturedLog> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.Select(p => $"{p.Key}={p.Value}").ToList() : [];
            entries.Enqueue(new CapturedLog(logLevel, category, eventId, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
