namespace Negotiation.Slack;

/// <summary>Slack settings (configuration section <c>Slack</c>; environment form <c>Slack__SigningSecret</c> …).</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Verifies every request from Slack. Without it the Slack endpoints are not mapped.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Single-workspace mode: the bot token (xoxb-…) of the one workspace.</summary>
    public string? BotToken { get; set; }

    /// <summary>OAuth v2 multi-workspace install: the app's client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth v2 multi-workspace install: the app's client secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Socket Mode: the app-level token (xapp-…, scope connections:write). Set, the bot connects out instead of waiting for HTTP.</summary>
    public string? AppToken { get; set; }

    /// <summary>Socket Mode: with no message from Slack for this long the connection is presumed dead and replaced (make before break).</summary>
    public TimeSpan SocketModeQuietPeriod { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>One Web API request gives up after this; the outbox retries the reply later.</summary>
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Web API base; tests point it at a local fake.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Where Slack sends people back after OAuth; must match the app's redirect URL.</summary>
    public Uri? OAuthRedirectUrl { get; set; }

    /// <summary>Bot scopes asked for at install.</summary>
    public string Scopes { get; set; } = "app_mentions:read,channels:history,groups:history,chat:write,commands,reactions:write,channels:read,groups:read";

    public bool IsOAuth => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public bool IsSocketMode => !string.IsNullOrWhiteSpace(AppToken);

    /// <summary>Each problem names the setting and how to fix it.</summary>
    public IEnumerable<string> Validate()
    {
        if (!string.IsNullOrWhiteSpace(BotToken) && !BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            yield return "Slack:BotToken must be a bot token (xoxb-…), from the app's OAuth & Permissions page.";
        }

        if (!string.IsNullOrWhiteSpace(AppToken) && !AppToken.StartsWith("xapp-", StringComparison.Ordinal))
        {
            yield return "Slack:AppToken must be an app-level token (xapp-…) with connections:write, from the app's Basic Information page.";
        }

        if (string.IsNullOrWhiteSpace(ClientId) != string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return "Slack:ClientId and Slack:ClientSecret go together: set both for OAuth install, or neither.";
        }

        if (IsOAuth && !string.IsNullOrWhiteSpace(BotToken))
        {
            yield return "Set either Slack:BotToken (one workspace) or Slack:ClientId/ClientSecret (OAuth install in many), not both.";
        }

        if (IsOAuth && OAuthRedirectUrl is not { IsAbsoluteUri: true })
        {
            yield return "Slack:OAuthRedirectUrl must be the absolute https URL of /slack/oauth/callback, as registered in the app.";
        }

        if (IsOAuth && string.IsNullOrWhiteSpace(SigningSecret))
        {
            yield return "OAuth install needs Slack:SigningSecret too: without it the Slack endpoints are not mapped.";
        }

        if (ApiBaseUrl is not { IsAbsoluteUri: true } || ApiBaseUrl.Scheme is not ("https" or "http"))
        {
            yield return "Slack:ApiBaseUrl must be an absolute http(s) URL (default https://slack.com/api/).";
        }

        if (ApiTimeout < TimeSpan.FromMilliseconds(100) || ApiTimeout > TimeSpan.FromMinutes(1))
        {
            yield return "Slack:ApiTimeout must be between 00:00:00.100 and 00:01:00.";
        }

        if (SocketModeQuietPeriod < TimeSpan.FromSeconds(1))
        {
            yield return "Slack:SocketModeQuietPeriod must be at least 00:00:01.";
        }
    }
}
