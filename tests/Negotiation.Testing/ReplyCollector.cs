using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Negotiation.Testing;

/// <summary>
/// The platform edge for the local channel: a real HTTP server on loopback that records every reply the bot
/// POSTs to its webhook, and lets a test await a number of them.
/// </summary>
public sealed class ReplyCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _replies = new();
    private readonly ConcurrentQueue<(string EventId, long Timestamp)> _arrivals = new();
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    private ReplyCollector(WebApplication app) => _app = app;

    public Uri Webhook { get; private set; } = null!;

    /// <summary>The replies received, in arrival order.</summary>
    public IReadOnlyCollection<JsonElement> Replies => _replies;

    /// <summary>The event each reply answers.</summary>
    public IReadOnlyList<string> EventIds => _replies.Select(r => r.GetProperty("message").GetProperty("inReplyToEventId").GetString()!).ToList();

    public static async Task<ReplyCollector> StartAsync()
    {
        var app = LoopbackApp.Create();
        var collector = new ReplyCollector(app);
        app.MapPost("/replies", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            collector.Add(body.RootElement.Clone());
            return Results.Ok();
        });
        collector.Webhook = new Uri(await LoopbackApp.StartAsync(app), "/replies");
        return collector;
    }

    /// <summary>Completes when at least <paramref name="count"/> replies have arrived; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_replies.Count >= count)
            {
                return;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
        }

        try
        {
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {timeout} for {count} replies; {_replies.Count} arrived.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>When each reply arrived, as <see cref="System.Diagnostics.Stopwatch"/> timestamps on <paramref name="clock"/>'s scale.</summary>
    public IReadOnlyList<(string EventId, long Ticks)> ArrivalTicks(System.Diagnostics.Stopwatch clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var origin = System.Diagnostics.Stopwatch.GetTimestamp() - clock.ElapsedTicks;
        return _arrivals.Select(a => (a.EventId, a.Timestamp - origin)).ToList();
    }

    private void Add(JsonElement reply)
    {
        var eventId = reply.TryGetProperty("message", out var message) && message.TryGetProperty("inReplyToEventId", out var id) ? id.GetString() ?? "" : "";
        _arrivals.Enqueue((eventId, System.Diagnostics.Stopwatch.GetTimestamp()));
        lock (_gate)
        {
            _replies.Enqueue(reply);
            foreach (var waiter in _waiters.Where(w => _replies.Count >= w.Count).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
