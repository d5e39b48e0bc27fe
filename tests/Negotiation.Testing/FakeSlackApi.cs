using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Negotiation.Testing;

/// <summary>
/// A local Slack Web API: a real HTTP server on loopback that answers every <c>/api/{method}</c> (and
/// <c>/hooks/{id}</c> for response_url posts) with a realistic success, records each request as it arrived, and can be
/// scripted to fail, rate-limit, error or hang the next call to a method.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    /// <summary>The method name calls to <see cref="ResponseUrl"/> are recorded (and scripted) under.</summary>
    public const string ResponseUrlMethod = "response_url";

    public const string TeamId = "T1";
    public const string BotUserId = "UBOT";
    public const string BotId = "B1";
    public const string ViewId = "V123";
    public const string InstalledBotToken = "xoxb-fake-installed-token";

    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<FakeSlackApiCall> _calls = [];
    private readonly List<(string Method, int Count, TaskCompletionSource Done)> _waiters = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _scripts = new(StringComparer.Ordinal);
    private long _ts = 99;

    private FakeSlackApi(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    /// <summary>The Web API base, e.g. <c>http://127.0.0.1:5123/api/</c>: set it as <c>SlackOptions.ApiBaseUrl</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>What <c>apps.connections.open</c> answers; defaults to <c>ws://127.0.0.1:&lt;this port&gt;/socket</c>.</summary>
    public Uri SocketUrl { get; set; } = null!;

    /// <summary>Every call so far, in arrival order.</summary>
    public IReadOnlyList<FakeSlackApiCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Starts on 127.0.0.1 and a free port. <paramref name="clock"/> stamps <see cref="FakeSlackApiCall.ReceivedAt"/>.</summary>
    public static async Task<FakeSlackApi> StartAsync(TimeProvider? clock = null)
    {
        var app = LoopbackApp.Create();
        var fake = new FakeSlackApi(app, clock ?? TimeProvider.System);
        app.Map("/api/{method}", (HttpContext context, string method) => fake.HandleAsync(context, method));
        app.Map("/hooks/{**id}", (HttpContext context) => fake.HandleAsync(context, ResponseUrlMethod));
        var address = await LoopbackApp.StartAsync(app);
        fake.BaseUrl = new Uri(address, "/api/");
        fake.SocketUrl = new Uri($"ws://127.0.0.1:{address.Port}/socket");
        return fake;
    }

    /// <summary>A response_url on this server, e.g. <c>http://127.0.0.1:5123/hooks/abc</c>.</summary>
    public Uri ResponseUrl(string id) => new(BaseUrl, "/hooks/" + Uri.EscapeDataString(id));

    /// <summary>The calls to one method, in arrival order.</summary>
    public IReadOnlyList<FakeSlackApiCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToList();

    /// <summary>Completes when at least <paramref name="count"/> calls to <paramref name="method"/> have arrived; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForCallsAsync(string method, int count, TimeSpan timeout)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_calls.Count(c => c.Method == method) >= count)
            {
                return;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((method, count, done));
        }

        try
        {
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {timeout} for {count} calls to {method}; {CallsTo(method).Count} arrived.");
        }
    }

    /// <summary>The next call to <paramref name="method"/> is answered by <paramref name="respond"/> instead of the default.</summary>
    public void Enqueue(string method, Func<HttpContext, Task> respond) =>
        _scripts.GetOrAdd(method, _ => new ConcurrentQueue<Func<HttpContext, Task>>()).Enqueue(respond);

    /// <summary>The next call answers HTTP 200 <c>{"ok":false,"error":…}</c>, as Slack does for logical failures.</summary>
    public void FailNext(string method, string error) =>
        Enqueue(method, context => WriteJsonAsync(context, new JsonObject { ["ok"] = false, ["error"] = error }));

    /// <summary>The next call answers HTTP 429 with <c>Retry-After: seconds</c>.</summary>
    public void RateLimitNext(string method, int seconds) => Enqueue(method, context =>
    {
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return WriteJsonAsync(context, new JsonObject { ["ok"] = false, ["error"] = "ratelimited" }, StatusCodes.Status429TooManyRequests);
    });

    /// <summary>The next call answers HTTP 500.</summary>
    public void ServerErrorNext(string method) => RespondNext(method, StatusCodes.Status500InternalServerError, "<html>Internal Server Error</html>", "text/html");

    /// <summary>The next call is answered with exactly this status, body and content type.</summary>
    public void RespondNext(string method, int statusCode, string body, string contentType = "application/json; charset=utf-8") => Enqueue(method, async context =>
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    });

    /// <summary>The next call is recorded and then never answered, until the client gives up or the fake stops.</summary>
    public void HangNext(string method) => Enqueue(method, async context =>
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, either.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    });

    /// <summary>Writes a JSON answer, for <see cref="Enqueue"/> scripts.</summary>
    public static async Task WriteJsonAsync(HttpContext context, JsonNode body, int statusCode = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context, string method)
    {
        var call = await RecordAsync(context, method);
        if (_scripts.TryGetValue(method, out var queue) && queue.TryDequeue(out var respond))
        {
            await respond(context);
            return;
        }

        await WriteJsonAsync(context, DefaultAnswer(call));
    }

    private JsonObject DefaultAnswer(FakeSlackApiCall call)
    {
        if (call.Method == ResponseUrlMethod)
        {
            return new JsonObject { ["ok"] = true };
        }

        if (call.Method != "oauth.v2.access" && call.Authorization?.StartsWith("Bearer ", StringComparison.Ordinal) != true)
        {
            return new JsonObject { ["ok"] = false, ["error"] = "not_authed" };
        }

        return call.Method switch
        {
            "chat.postMessage" => new JsonObject
            {
                ["ok"] = true,
                ["channel"] = call.JsonString("channel"),
                ["ts"] = NextTs(),
                ["message"] = new JsonObject { ["type"] = "message", ["text"] = call.JsonString("text"), ["user"] = BotUserId, ["bot_id"] = BotId },
            },
            "chat.postEphemeral" => new JsonObject { ["ok"] = true, ["message_ts"] = NextTs() },
            "chat.update" => new JsonObject { ["ok"] = true, ["channel"] = call.JsonString("channel"), ["ts"] = call.JsonString("ts"), ["text"] = call.JsonString("text") },
            "reactions.add" => new JsonObject { ["ok"] = true },
            "views.open" => new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = ViewId, ["type"] = "modal" } },
            "views.update" => new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = call.JsonString("view_id") ?? ViewId, ["type"] = "modal" } },
            "auth.test" => new JsonObject
            {
                ["ok"] = true,
                ["url"] = "https://team-one.slack.com/",
                ["team"] = "Team One",
                ["user"] = "negotiation-coach",
                ["team_id"] = TeamId,
                ["user_id"] = BotUserId,
                ["bot_id"] = BotId,
                ["is_enterprise_install"] = false,
            },
            "oauth.v2.access" => new JsonObject
            {
                ["ok"] = true,
                ["access_token"] = InstalledBotToken,
                ["token_type"] = "bot",
                ["scope"] = "app_mentions:read,channels:history,chat:write,commands",
                ["bot_user_id"] = BotUserId,
                ["app_id"] = "A1",
                ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "Team One" },
                ["enterprise"] = null,
                ["authed_user"] = new JsonObject { ["id"] = "UINSTALLER", ["scope"] = "", ["token_type"] = "user" },
                ["is_enterprise_install"] = false,
            },
            "apps.connections.open" => new JsonObject { ["ok"] = true, ["url"] = SocketUrl.AbsoluteUri },
            _ => new JsonObject { ["ok"] = false, ["error"] = "unknown_method" },
        };
    }

    private string NextTs() => "1700000000." + Interlocked.Increment(ref _ts).ToString("D6", CultureInfo.InvariantCulture);

    private async Task<FakeSlackApiCall> RecordAsync(HttpContext context, string method)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync(context.RequestAborted);
        var contentType = request.ContentType;
        JsonElement? json = null;
        IReadOnlyDictionary<string, string>? form = null;
        if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true && raw.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(raw);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Recorded raw: a test asserting the body will see it is not JSON.
            }
        }
        else if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            form = QueryHelpers.ParseQuery(raw).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var call = new FakeSlackApiCall(method, request.Path, request.QueryString.Value ?? "", headers, contentType, raw, json, form, _clock.GetUtcNow());
        lock (_gate)
        {
            _calls.Add(call);
            var count = _calls.Count(c => c.Method == method);
            foreach (var waiter in _waiters.Where(w => w.Method == method && count >= w.Count).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return call;
    }
}
