using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Negotiation.Teams.Api;

/// <summary>A connector call that failed: the status, whether trying later may work, and how long Teams asked us to wait.</summary>
public sealed class TeamsConnectorException(string message, HttpStatusCode? status, bool transient, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;

    public bool Transient { get; } = transient;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>403: the bot is no longer in the conversation (removed, or the team deleted).</summary>
    public bool BotNotInConversation => Status == HttpStatusCode.Forbidden;
}

/// <summary>
/// The Bot Connector REST calls we make (protocols.md B4): send to a conversation and update an activity, ids
/// URL-encoded, a bearer token only to trusted service hosts, 429/412/5xx retried a bounded number of times with
/// backoff that honours <c>Retry-After</c> (a long wait is handed back to the outbox instead).
/// </summary>
public sealed partial class TeamsConnectorClient(HttpClient http, ITeamsTokenProvider tokens, TeamsOptions options, TimeProvider time, ILogger<TeamsConnectorClient> logger)
{
    /// <summary>Hosts a bot token may be sent to (Agents SDK <c>OutboundHostValidator</c>), besides loopback.</summary>
    private static readonly string[] TrustedHostSuffixes =
        ["botframework.com", "trafficmanager.net", "teams.microsoft.com", "botframework.azure.us", "teams.microsoft.us", "botframework.us"];

    /// <summary>Posts an activity to a conversation (for a channel, a <c>;messageid=</c> id posts into that thread); the new activity id when Teams says.</summary>
    public Task<string?> SendAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity, cancellationToken);

    /// <summary>Replaces an activity the bot posted (a card updated in place).</summary>
    public Task<string?> UpdateAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, cancellationToken);

    private async Task<string?> CallAsync(HttpMethod method, string serviceUrl, string path, JsonObject activity, CancellationToken cancellationToken)
    {
        var url = Resolve(serviceUrl, path);
        var token = await TokenAsync(url, cancellationToken).ConfigureAwait(false);
        var body = activity.ToJsonString();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Bearer(token);
            HttpResponseMessage response;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.ApiTimeout);
                response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new TeamsConnectorException($"{method} {url.GetLeftPart(UriPartial.Path)} failed: {e.Message}", null, transient: true, inner: e);
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return await ReadIdAsync(response, cancellationToken).ConfigureAwait(false);
                }

                var status = response.StatusCode;
                var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var message = $"{method} {url.GetLeftPart(UriPartial.Path)} answered {(int)status}: {Shorten(detail)}";
                if (!IsRetryable(status))
                {
                    throw new TeamsConnectorException(message, status, transient: false);
                }

                var retryAfter = RetryAfter(response);
                var wait = retryAfter ?? Backoff(attempt);
                if (attempt >= options.MaxAttempts || wait > options.MaxInlineRetryAfter)
                {
                    throw new TeamsConnectorException(message, status, transient: true, retryAfter);
                }

                Log.Retrying(logger, (int)status, attempt, wait);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<string?> TokenAsync(Uri url, CancellationToken cancellationToken)
    {
        string? token;
        try
        {
            token = await tokens.TokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TeamsTokenException e)
        {
            throw new TeamsConnectorException(e.Message, null, transient: true, inner: e);
        }

        if (token is not null && !url.IsLoopback && !TrustedHostSuffixes.Any(s => url.Host == s || url.Host.EndsWith("." + s, StringComparison.OrdinalIgnoreCase)))
        {
            throw new TeamsConnectorException($"Refusing to send the bot's token to untrusted service host {url.Host}.", null, transient: false);
        }

        return token;
    }

    private static Uri Resolve(string serviceUrl, string path)
    {
        var trimmed = serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/";
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var baseUrl) || !TeamsOptions.IsSafeUrl(baseUrl))
        {
            throw new TeamsConnectorException($"The conversation's service URL \"{Shorten(serviceUrl)}\" is not https (or http on loopback).", null, transient: false);
        }

        return new Uri(baseUrl, path);
    }

    /// <summary>The new activity's id; Teams may answer 202 with no body (bot-docs#2263).</summary>
    private static async Task<string?> ReadIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Exponential from 250 ms with jitter (protocols.md B5 rate limits).</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds((250 * Math.Pow(2, attempt - 1)) + Random.Shared.Next(0, 100));

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static partial class Log
    {
        [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Teams connector answered {Status}; attempt {Attempt} retried after {Wait}")]
        public static partial void Retrying(ILogger logger, int status, int attempt, TimeSpan wait);
    }
}
