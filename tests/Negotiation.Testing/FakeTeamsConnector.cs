using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Negotiation.Testing;

/// <summary>One request the fake connector (or its token endpoint) received; <see cref="Path"/> as sent (still URL-encoded).</summary>
public sealed record FakeTeamsCall(string Method, string Path, string? ConversationId, string? ActivityId, string? Authorization, JsonNode? Body, string RawBody, int Status)
{
    /// <summary>The Adaptive Cards the activity carried.</summary>
    public IReadOnlyList<JsonObject> Cards =>
        Body?["attachments"] is JsonArray attachments
            ? attachments.Select(a => a?["content"]).OfType<JsonObject>().ToList()
            : [];

    /// <summary>Every TextRun and TextBlock text in the activity's cards, in order.</summary>
    public string CardText => string.Join("\n", Cards.SelectMany(Texts));

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] is "TextRun" or "TextBlock" => [(string?)o["text"] ?? ""],
        JsonObject o when (string?)o["type"] == "FactSet" => o["facts"]!.AsArray().Select(f => $"{(string?)f!["title"]}: {(string?)f["value"]}"),
        JsonObject o => o.Select(p => p.Value).SelectMany(Texts),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };
}

/// <summary>
/// A local Bot Connector and Entra token endpoint on loopback: records every call (decoded conversation and activity
/// ids), answers sends with <c>201 {"id"}</c>, and can be scripted to answer the next calls with an error status
/// (and Retry-After). Use <see cref="ServiceUrl"/> as the activities' <c>serviceUrl</c>.
/// </summary>
public sealed class FakeTeamsConnector : IAsyncDisposable
{
    public const string IssuedToken = "fake-bot-framework-token";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<FakeTeamsCall> _calls = [];
    private readonly List<(Func<IReadOnlyList<FakeTeamsCall>, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _failures = new();
    private long _ids = 1_700_000_000_000;

    private FakeTeamsConnector(WebApplication app) => _app = app;

    /// <summary>e.g. <c>http://127.0.0.1:5123/amer/</c>.</summary>
    public string ServiceUrl { get; private set; } = null!;

    /// <summary>The client-credentials token endpoint: set it as <c>Teams:TokenEndpoint</c>.</summary>
    public Uri TokenEndpoint { get; private set; } = null!;

    public IReadOnlyList<FakeTeamsCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Activities the connector accepted (sends and updates that answered 2xx), not token requests.</summary>
    public IReadOnlyList<FakeTeamsCall> Delivered => Calls.Where(c => c.Path.Contains("/v3/", StringComparison.Ordinal) && c.Status < 300).ToList();

    public static async Task<FakeTeamsConnector> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeTeamsConnector(app);
        app.MapPost("/amer/v3/conversations/{conversationId}/activities", (HttpContext c, string conversationId) => fake.HandleAsync(c, conversationId, null));
        app.MapPost("/amer/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext c, string conversationId, string activityId) => fake.HandleAsync(c, conversationId, activityId));
        app.MapPut("/amer/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext c, string conversationId, string activityId) => fake.HandleAsync(c, conversationId, activityId));
        app.MapPost("/tenant/oauth2/v2.0/token", fake.TokenAsync);
        var address = await LoopbackApp.StartAsync(app);
        fake.ServiceUrl = new Uri(address, "/amer/").AbsoluteUri;
        fake.TokenEndpoint = new Uri(address, "/tenant/oauth2/v2.0/token");
        return fake;
    }

    /// <summary>The next connector call answers <paramref name="status"/> (with Retry-After seconds when given), then normal service resumes.</summary>
    public void FailNext(int status, string? retryAfter = null) => _failures.Enqueue((status, retryAfter));

    /// <summary>Completes when the recorded calls satisfy <paramref name="condition"/>; fails after 30 s.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<FakeTeamsCall>, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_calls))
            {
                return;
            }

            _waiters.Add((condition, done));
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task HandleAsync(HttpContext context, string conversationId, string? activityId)
    {
        var raw = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        JsonNode? body = null;
        try
        {
            body = JsonNode.Parse(raw);
        }
        catch (System.Text.Json.JsonException)
        {
        }

        var status = StatusCodes.Status201Created;
        string? retryAfter = null;
        if (_failures.TryDequeue(out var failure))
        {
            (status, retryAfter) = failure;
        }

        // Route values arrive decoded: the ids exactly as the bot meant them.
        // The raw request target, as the bot encoded it (Request.Path is already decoded).
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        Record(new FakeTeamsCall(context.Request.Method, target, conversationId, activityId, context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, body, raw, status));
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        if (status < 300)
        {
            await context.Response.WriteAsJsonAsync(new { id = Interlocked.Increment(ref _ids).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        else
        {
            await context.Response.WriteAsJsonAsync(new { error = new { code = status == 403 ? "BotNotInConversationRoster" : "Failure", message = "scripted" } });
        }
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var raw = string.Join("&", form.Select(f => $"{f.Key}={f.Value}"));
        Record(new FakeTeamsCall("POST", context.Request.Path.Value ?? "", null, null, null, null, raw, 200));
        await context.Response.WriteAsJsonAsync(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = IssuedToken });
    }

    private void Record(FakeTeamsCall call)
    {
        List<TaskCompletionSource> ready = [];
        lock (_gate)
        {
            _calls.Add(call);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(_calls))
                {
                    ready.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        ready.ForEach(r => r.TrySetResult());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
