using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

using Negotiation.Slack.Api;
using Negotiation.Slack.SocketMode;

using Negotiation.Testing;

namespace Negotiation.Slack.Tests.SocketMode;

/// <summary>apps.connections.open only: answers with scripted outcomes first, then the fake server's URL.</summary>
internal sealed class TestSlackWebApi(Uri url) : ISlackWebApi
{
    private readonly ConcurrentQueue<Func<Uri>> _script = new();
    private readonly ConcurrentQueue<string> _appTokens = new();

    public IReadOnlyCollection<string> AppTokens => _appTokens;

    public int OpenConnectionCalls => _appTokens.Count;

    /// <summary>The next call throws <paramref name="exception"/>.</summary>
    public void FailNext(Exception exception) => _script.Enqueue(() => throw exception);

    /// <summary>The next call answers <paramref name="next"/> instead of the server's URL.</summary>
    public void AnswerNext(Uri next) => _script.Enqueue(() => next);

    public Task<Uri> OpenConnectionAsync(string appToken, CancellationToken cancellationToken = default)
    {
        _appTokens.Enqueue(appToken);
        return Task.FromResult(_script.TryDequeue(out var step) ? step() : url);
    }

    public Task<SlackPostedMessage> PostMessageAsync(string token, SlackMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task PostEphemeralAsync(string token, string userId, SlackMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task UpdateMessageAsync(string token, string ts, SlackMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task AddReactionAsync(string token, string channel, string timestamp, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<string> OpenViewAsync(string token, string triggerId, JsonObject view, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task UpdateViewAsync(string token, string viewId, JsonObject view, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<SlackAuthTest> AuthTestAsync(string token, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<SlackOAuthAccess> OAuthV2AccessAsync(string clientId, string clientSecret, string code, Uri? redirectUri, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task PostToResponseUrlAsync(Uri responseUrl, JsonObject payload, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

/// <summary>Records every envelope handed to the dispatch; answers with <see cref="Respond"/>.</summary>
internal sealed class RecordingEnvelopeHandler : ISlackEnvelopeHandler
{
    private readonly Channel<(string Type, JsonElement Payload)> _calls = Channel.CreateUnbounded<(string, JsonElement)>();
    private int _count;

    public Func<string, JsonElement, JsonNode?> Respond { get; set; } = (_, _) => null;

    public int Count => Volatile.Read(ref _count);

    public Task<JsonNode?> HandleAsync(string envelopeType, JsonElement payload, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        _calls.Writer.TryWrite((envelopeType, payload.Clone()));
        return Task.FromResult(Respond(envelopeType, payload));
    }

    public async Task<(string Type, JsonElement Payload)> NextCallAsync() =>
        await _calls.Reader.ReadAsync().AsTask().WaitAsync(FakeSlackSocketServer.Patience);
}

/// <summary>A <see cref="FakeTimeProvider"/> that lets a test await the creation of a timer, so it advances time only once someone waits on it.</summary>
internal sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _created = [];
    private readonly Dictionary<TimeSpan, int> _claimed = [];
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Created)> _waiters = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _created.Add(dueTime);
            foreach (var waiter in _waiters.Where(w => TryClaim(w.DueTime)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Created.TrySetResult();
            }
        }

        return timer;
    }

    /// <summary>Completes when a timer due after <paramref name="dueTime"/> has been created that no earlier call claimed.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        TaskCompletionSource created;
        lock (_gate)
        {
            if (TryClaim(dueTime))
            {
                return;
            }

            created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, created));
        }

        try
        {
            await created.Task.WaitAsync(FakeSlackSocketServer.Patience);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                throw new TimeoutException($"No timer due after {dueTime} was created; timers: {string.Join(", ", _created)}.");
            }
        }
    }

    private bool TryClaim(TimeSpan dueTime)
    {
        var claimed = _claimed.GetValueOrDefault(dueTime);
        if (_created.Count(d => d == dueTime) <= claimed)
        {
            return false;
        }

        _claimed[dueTime] = claimed + 1;
        return true;
    }
}

/// <summary>Keeps every log entry, at every level, formatted with its exception.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(EventId Id, LogLevel Level, string Text)> _entries = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _logged = new();

    public IReadOnlyCollection<(EventId Id, LogLevel Level, string Text)> Entries => _entries;

    public bool Has(int eventId) => _entries.Any(e => e.Id.Id == eventId);

    /// <summary>Completes once an entry with <paramref name="eventId"/> has been logged.</summary>
    public Task WaitForAsync(int eventId) =>
        Signal(eventId).Task.WaitAsync(FakeSlackSocketServer.Patience);

    public string AllText => string.Join("\n", _entries.Select(e => e.Text));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _entries.Enqueue((eventId, logLevel, formatter(state, exception) + (exception is null ? "" : "\n" + exception)));
        Signal(eventId.Id).TrySetResult();
    }

    private TaskCompletionSource Signal(int eventId) =>
        _logged.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
