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

    /// <summary>The Web API base; tests point it at a local fake.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Where Slack sends people back after OAuth; must match the app's redirect URL.</summary>
    public Uri? OAuthRedirectUrl { get; set; }

    /// <summary>Bot scopes asked for at install.</summary>
    public string Scopes { get; set; } = "app_mentions:read,channels:history,groups:history,chat:write,commands,reactions:write,channels:read,groups:read";

    public bool IsOAuth => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public bool IsSocketMode => !string.IsNullOrWhiteSpace(AppToken);
}
