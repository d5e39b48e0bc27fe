using System.Text.Json.Nodes;

namespace Negotiation.Slack.Api;

/// <summary>A message to post: the channel, the notification fallback text, Block Kit blocks, and the thread.</summary>
public sealed record SlackMessage(string Channel, string Text, JsonArray? Blocks = null, string? ThreadTs = null);

/// <summary>Where a posted message landed: keep <see cref="Ts"/> to update or thread on it.</summary>
public sealed record SlackPostedMessage(string Channel, string Ts);

/// <summary>What <c>auth.test</c> says about a token.</summary>
public sealed record SlackAuthTest(string TeamId, string UserId, string? BotId);

/// <summary>What <c>oauth.v2.access</c> returns for a bot install.</summary>
public sealed record SlackOAuthAccess(
    string AccessToken,
    string TeamId,
    string? TeamName,
    string BotUserId,
    string? AppId,
    string? EnterpriseId,
    string? InstallerUserId,
    string Scope);

/// <summary>The Slack Web API methods the bot uses. Every call reads <c>ok</c>/<c>error</c>: errors arrive as HTTP 200.</summary>
public interface ISlackWebApi
{
    /// <summary><c>chat.postMessage</c>.</summary>
    Task<SlackPostedMessage> PostMessageAsync(string token, SlackMessage message, CancellationToken cancellationToken = default);

    /// <summary><c>chat.postEphemeral</c>: only <paramref name="userId"/> sees it.</summary>
    Task PostEphemeralAsync(string token, string userId, SlackMessage message, CancellationToken cancellationToken = default);

    /// <summary><c>chat.update</c> of a message this token posted.</summary>
    Task UpdateMessageAsync(string token, string ts, SlackMessage message, CancellationToken cancellationToken = default);

    /// <summary><c>reactions.add</c>; "already_reacted" counts as success.</summary>
    Task AddReactionAsync(string token, string channel, string timestamp, string name, CancellationToken cancellationToken = default);

    /// <summary><c>views.open</c> with a trigger id (valid 3 s, single use); returns the view id.</summary>
    Task<string> OpenViewAsync(string token, string triggerId, JsonObject view, CancellationToken cancellationToken = default);

    /// <summary><c>views.update</c>.</summary>
    Task UpdateViewAsync(string token, string viewId, JsonObject view, CancellationToken cancellationToken = default);

    /// <summary><c>auth.test</c>.</summary>
    Task<SlackAuthTest> AuthTestAsync(string token, CancellationToken cancellationToken = default);

    /// <summary><c>oauth.v2.access</c>: exchanges an install code for a bot token.</summary>
    Task<SlackOAuthAccess> OAuthV2AccessAsync(string clientId, string clientSecret, string code, Uri? redirectUri, CancellationToken cancellationToken = default);

    /// <summary><c>apps.connections.open</c> with the app-level token: the WebSocket URL for Socket Mode.</summary>
    Task<Uri> OpenConnectionAsync(string appToken, CancellationToken cancellationToken = default);

    /// <summary>POSTs a message payload to a slash command's or action's <c>response_url</c>.</summary>
    Task PostToResponseUrlAsync(Uri responseUrl, JsonObject payload, CancellationToken cancellationToken = default);
}

/// <summary>Slack answered <c>ok:false</c>; <see cref="Error"/> is its error code (<c>channel_not_found</c> …).</summary>
public class SlackApiException(string method, string error, string? message = null, Exception? inner = null)
    : Exception(message ?? $"Slack {method} failed: {error}", inner)
{
    public string Method { get; } = method;

    public string Error { get; } = error;

    /// <summary>True when trying again later may work (rate limits, Slack-side errors, network).</summary>
    public virtual bool IsTransient => Error is "ratelimited" or "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout" or "http_error" or "timeout";
}

/// <summary>HTTP 429: wait <see cref="RetryAfter"/> before calling this method for this workspace again.</summary>
public sealed class SlackRateLimitedException(string method, TimeSpan retryAfter)
    : SlackApiException(method, "ratelimited", $"Slack {method} is rate limited for {retryAfter.TotalSeconds:0} s")
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    public override bool IsTransient => true;
}
