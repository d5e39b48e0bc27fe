using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Negotiation.Slack.Api;

/// <summary>
/// The Slack Web API over a typed <see cref="HttpClient"/> (base address = <see cref="SlackOptions.ApiBaseUrl"/>):
/// bearer tokens in the header, JSON bodies, <c>ok</c>/<c>error</c> read on every answer, 429s remembered per
/// (method, workspace), and <c>chat.postMessage</c> paced to one message per second per channel.
/// </summary>
public sealed partial class SlackWebApiClient : ISlackWebApi
{
    public const string ResponseUrlMethod = "response_url";

    private const string SlackHooksHost = "hooks.slack.com";

    // Slack always sends Retry-After with a 429; if a proxy strips it, a minute is the cautious guess.
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly SlackApiThrottle _throttle;
    private readonly ILogger<SlackWebApiClient> _logger;
    private readonly Uri _apiBase;

    public SlackWebApiClient(HttpClient http, SlackApiThrottle throttle, ILogger<SlackWebApiClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _throttle = throttle;
        _logger = logger;
        _apiBase = http.BaseAddress ?? throw new ArgumentException("The Slack HttpClient needs a BaseAddress (SlackOptions.ApiBaseUrl).", nameof(http));
    }

    public async Task<SlackPostedMessage> PostMessageAsync(string token, SlackMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        const string method = "chat.postMessage";
        var workspace = Workspace(token);
        ThrowIfBlocked(method, workspace);

        // No await before the delay is scheduled: a caller sees the wait begin as soon as the call returns.
        var wait = _throttle.ReserveChannelSlot(workspace, message.Channel);
        if (wait > TimeSpan.Zero)
        {
            Log.Paced(_logger, message.Channel, wait.TotalMilliseconds);
            await Task.Delay(wait, _throttle.Time, cancellationToken).ConfigureAwait(false);
        }

        var body = MessageBody(message);
        using var answer = await CallAsync(method, token, workspace, Json(body), cancellationToken).ConfigureAwait(false);
        var root = answer.RootElement;
        var channel = StringOf(root, "channel") ?? message.Channel;
        var ts = StringOf(root, "ts") ?? throw Invalid(method);
        return new SlackPostedMessage(channel, ts);
    }

    public async Task PostEphemeralAsync(string token, string userId, SlackMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        const string method = "chat.postEphemeral";
        var body = MessageBody(message);
        body["user"] = userId;
        using var answer = await CallAsync(method, token, Workspace(token), Json(body), cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateMessageAsync(string token, string ts, SlackMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        const string method = "chat.update";
        var body = new JsonObject { ["channel"] = message.Channel, ["ts"] = ts, ["text"] = message.Text };
        if (message.Blocks is not null)
        {
            body["blocks"] = message.Blocks.DeepClone();
        }

        using var answer = await CallAsync(method, token, Workspace(token), Json(body), cancellationToken).ConfigureAwait(false);
    }

    public async Task AddReactionAsync(string token, string channel, string timestamp, string name, CancellationToken cancellationToken = default)
    {
        const string method = "reactions.add";
        var body = new JsonObject { ["channel"] = channel, ["timestamp"] = timestamp, ["name"] = name };
        try
        {
            using var answer = await CallAsync(method, token, Workspace(token), Json(body), cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException e) when (e.Error == "already_reacted")
        {
            // The reaction is there: that is what the caller wanted (a retried outbox item lands here).
        }
    }

    public async Task<string> OpenViewAsync(string token, string triggerId, JsonObject view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        const string method = "views.open";
        var body = new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() };
        using var answer = await CallAsync(method, token, Workspace(token), Json(body), cancellationToken).ConfigureAwait(false);
        return answer.RootElement.TryGetProperty("view", out var opened) && opened.ValueKind == JsonValueKind.Object
            ? StringOf(opened, "id") ?? throw Invalid(method)
            : throw Invalid(method);
    }

    public async Task UpdateViewAsync(string token, string viewId, JsonObject view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        const string method = "views.update";
        var body = new JsonObject { ["view_id"] = viewId, ["view"] = view.DeepClone() };
        using var answer = await CallAsync(method, token, Workspace(token), Json(body), cancellationToken).ConfigureAwait(false);
    }

    public async Task<SlackAuthTest> AuthTestAsync(string token, CancellationToken cancellationToken = default)
    {
        const string method = "auth.test";
        using var answer = await CallAsync(method, token, Workspace(token), content: null, cancellationToken).ConfigureAwait(false);
        var root = answer.RootElement;
        return new SlackAuthTest(
            StringOf(root, "team_id") ?? throw Invalid(method),
            StringOf(root, "user_id") ?? throw Invalid(method),
            StringOf(root, "bot_id"));
    }

    public async Task<SlackOAuthAccess> OAuthV2AccessAsync(string clientId, string clientSecret, string code, Uri? redirectUri, CancellationToken cancellationToken = default)
    {
        const string method = "oauth.v2.access";
        var form = new List<KeyValuePair<string, string>>
        {
            new("client_id", clientId),
            new("client_secret", clientSecret),
            new("code", code),
        };
        if (redirectUri is not null)
        {
            form.Add(new("redirect_uri", redirectUri.AbsoluteUri));
        }

        // The app's credentials go in the form body, so there is no bearer token; the rate limit is per app.
        using var answer = await CallAsync(method, token: null, Workspace(clientId), new FormUrlEncodedContent(form), cancellationToken).ConfigureAwait(false);
        var root = answer.RootElement;
        var team = Object(root, "team");
        var enterprise = Object(root, "enterprise");
        var installer = Object(root, "authed_user");
        return new SlackOAuthAccess(
            StringOf(root, "access_token") ?? throw Invalid(method),
            (team is { } t ? StringOf(t, "id") : null) ?? throw Invalid(method),
            team is { } tn ? StringOf(tn, "name") : null,
            StringOf(root, "bot_user_id") ?? throw Invalid(method),
            StringOf(root, "app_id"),
            enterprise is { } e ? StringOf(e, "id") : null,
            installer is { } u ? StringOf(u, "id") : null,
            StringOf(root, "scope") ?? "");
    }

    public async Task<Uri> OpenConnectionAsync(string appToken, CancellationToken cancellationToken = default)
    {
        const string method = "apps.connections.open";
        using var answer = await CallAsync(method, appToken, Workspace(appToken), content: null, cancellationToken).ConfigureAwait(false);
        return Uri.TryCreate(StringOf(answer.RootElement, "url"), UriKind.Absolute, out var url) && (url.Scheme == "wss" || url.Scheme == "ws")
            ? url
            : throw Invalid(method);
    }

    public async Task PostToResponseUrlAsync(Uri responseUrl, JsonObject payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(payload);
        if (!IsAllowedResponseUrl(responseUrl, _apiBase))
        {
            // Never log the URL itself: a response_url is a bearer capability for five posts.
            Log.ResponseUrlRejected(_logger, responseUrl.IsAbsoluteUri ? responseUrl.Host : "(relative)");
            throw new ArgumentException("A response_url must point at hooks.slack.com (or the configured Slack API host).", nameof(responseUrl));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Json(payload.DeepClone()) };
        using var response = await SendAsync(ResponseUrlMethod, request, cancellationToken).ConfigureAwait(false);
        var text = await ReadAsync(ResponseUrlMethod, response, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw RateLimited(ResponseUrlMethod, workspace: null, response);
        }

        if ((int)response.StatusCode >= 500)
        {
            throw HttpError(ResponseUrlMethod, response.StatusCode);
        }

        // response_url answers either JSON {"ok":…} or plain text ("ok", "expired_url", "used_url" …).
        var error = TryParse(text) is { } json
            ? (json.RootElement.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True ? null : ErrorOf(json.RootElement) ?? "invalid_response")
            : response.IsSuccessStatusCode ? null : (string.IsNullOrWhiteSpace(text) || text.Length > 64 ? $"http_{(int)response.StatusCode}" : text.Trim());
        if (error is not null)
        {
            Log.CallFailed(_logger, ResponseUrlMethod, "-", error);
            throw new SlackApiException(ResponseUrlMethod, error);
        }
    }

    /// <summary>The SSRF guard: https to hooks.slack.com, or the exact scheme, host and port of the API base (a local fake in tests).</summary>
    internal static bool IsAllowedResponseUrl(Uri url, Uri apiBase)
    {
        if (!url.IsAbsoluteUri || !string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }

        if (url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort && string.Equals(url.Host, SlackHooksHost, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return url.Scheme == apiBase.Scheme
            && url.Port == apiBase.Port
            && string.Equals(url.Host, apiBase.Host, StringComparison.OrdinalIgnoreCase);
    }

    private static JsonObject MessageBody(SlackMessage message)
    {
        // text stays even with blocks: it is the notification and screen-reader fallback.
        var body = new JsonObject { ["channel"] = message.Channel, ["text"] = message.Text };
        if (message.Blocks is not null)
        {
            body["blocks"] = message.Blocks.DeepClone();
        }

        if (message.ThreadTs is not null)
        {
            body["thread_ts"] = message.ThreadTs;
        }

        return body;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static string Workspace(string credential)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(credential);
        return SlackApiThrottle.Workspace(credential);
    }

    private void ThrowIfBlocked(string method, string workspace)
    {
        var remaining = _throttle.RemainingBlock(method, workspace);
        if (remaining > TimeSpan.Zero)
        {
            Log.StillRateLimited(_logger, method, workspace, remaining.TotalSeconds);
            throw new SlackRateLimitedException(method, remaining);
        }
    }

    private async Task<JsonDocument> CallAsync(string method, string? token, string workspace, HttpContent? content, CancellationToken cancellationToken)
    {
        using var ownedContent = content;
        ThrowIfBlocked(method, workspace);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(method, UriKind.Relative)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await SendAsync(method, request, cancellationToken).ConfigureAwait(false);
        var text = await ReadAsync(method, response, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw RateLimited(method, workspace, response);
        }

        if ((int)response.StatusCode >= 500)
        {
            throw HttpError(method, response.StatusCode);
        }

        var json = TryParse(text);
        if (json is null || !json.RootElement.TryGetProperty("ok", out var ok) || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            json?.Dispose();
            if (!response.IsSuccessStatusCode)
            {
                throw HttpError(method, response.StatusCode);
            }

            Log.CallFailed(_logger, method, workspace, "invalid_response");
            throw Invalid(method);
        }

        if (ok.ValueKind == JsonValueKind.False)
        {
            var error = ErrorOf(json.RootElement) ?? "unknown_error";
            json.Dispose();
            Log.CallFailed(_logger, method, workspace, error);
            throw new SlackApiException(method, error);
        }

        return json;
    }

    private async Task<HttpResponseMessage> SendAsync(string method, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException e)
        {
            Log.CallFailed(_logger, method, "-", "timeout");
            throw new SlackApiException(method, "timeout", $"Slack {method} timed out", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout, when a host configures one instead of the pipeline's timeouts.
            Log.CallFailed(_logger, method, "-", "timeout");
            throw new SlackApiException(method, "timeout", $"Slack {method} timed out", e);
        }
        catch (HttpRequestException e)
        {
            Log.CallFailed(_logger, method, "-", "http_error");
            throw new SlackApiException(method, "http_error", $"Slack {method} failed: {e.HttpRequestError}", e);
        }
    }

    private async Task<string> ReadAsync(string method, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            Log.CallFailed(_logger, method, "-", "http_error");
            throw new SlackApiException(method, "http_error", $"Slack {method} failed while reading the answer", e);
        }
    }

    private SlackRateLimitedException RateLimited(string method, string? workspace, HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _throttle.Time.GetUtcNow(),
            _ => DefaultRetryAfter,
        };
        if (retryAfter < TimeSpan.Zero)
        {
            retryAfter = TimeSpan.Zero;
        }

        if (workspace is not null)
        {
            _throttle.Block(method, workspace, retryAfter);
        }

        Log.RateLimited(_logger, method, workspace ?? "-", retryAfter.TotalSeconds);
        return new SlackRateLimitedException(method, retryAfter);
    }

    private SlackApiException HttpError(string method, HttpStatusCode status)
    {
        Log.CallFailed(_logger, method, "-", $"http_{(int)status}");
        return new SlackApiException(method, "http_error", $"Slack {method} answered HTTP {(int)status}");
    }

    private static SlackApiException Invalid(string method) =>
        new(method, "invalid_response", $"Slack {method} answered something that is not a valid Web API response");

    private static JsonDocument? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                return json;
            }

            json.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ErrorOf(JsonElement root) => StringOf(root, "error");

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Slack {Method} for {Workspace} failed: {Error}")]
        public static partial void CallFailed(ILogger logger, string method, string workspace, string error);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Slack {Method} for {Workspace} is rate limited; retry after {RetryAfterSeconds} s")]
        public static partial void RateLimited(ILogger logger, string method, string workspace, double retryAfterSeconds);

        [LoggerMessage(EventId = 5103, Level = LogLevel.Debug, Message = "Slack {Method} for {Workspace} not sent: still rate limited for {RemainingSeconds} s")]
        public static partial void StillRateLimited(ILogger logger, string method, string workspace, double remainingSeconds);

        [LoggerMessage(EventId = 5104, Level = LogLevel.Debug, Message = "chat.postMessage to {Channel} waits {WaitMs} ms for the channel's pace")]
        public static partial void Paced(ILogger logger, string channel, double waitMs);

        [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "Refused to POST to a response_url on host {Host}: only hooks.slack.com is allowed")]
        public static partial void ResponseUrlRejected(ILogger logger, string host);
    }
}
