namespace Negotiation.Teams;

/// <summary>Microsoft Teams settings (configuration section <c>Teams</c>; environment form <c>Teams__AppId</c> …).</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    public const string BotFrameworkMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The bot's Microsoft App ID (Entra app registration). Without it (and without development mode) Teams is off.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret, for outbound tokens.</summary>
    public string? AppPassword { get; set; }

    /// <summary>Instead of a secret: a PKCS#12 (.pfx) certificate file registered on the app.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Single-tenant bots: the Entra tenant id. Empty means multi-tenant (tokens from botframework.com).</summary>
    public string? TenantId { get; set; }

    /// <summary>Where the Bot Framework's signing keys are published; tests point it at a local server.</summary>
    public Uri OpenIdMetadataUrl { get; set; } = new(BotFrameworkMetadataUrl);

    /// <summary>
    /// Entra metadata for single-tenant tokens, <c>{tenant}</c> replaced by the token's tenant. Tests point it at a
    /// local server.
    /// </summary>
    public string EntraMetadataUrlTemplate { get; set; } = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";

    /// <summary>
    /// Overrides where outbound tokens come from (a plain OAuth 2.0 client-credentials POST); empty means Microsoft's
    /// authority through MSAL.
    /// </summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>
    /// Development only: maps <c>/api/messages</c> without authentication and replies without a token (Microsoft's
    /// Agents Playground works this way). Only valid with no app id.
    /// </summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary>The endpoint's route.</summary>
    public string Route { get; set; } = "/api/messages";

    /// <summary>One connector call gives up after this; the outbox retries the reply later.</summary>
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Connector attempts per reply for 429/412/5xx before the outbox takes over.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>A Retry-After longer than this is handed to the outbox instead of waited for in line.</summary>
    public TimeSpan MaxInlineRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(AppId) || AllowUnauthenticated;

    public bool IsDevelopmentMode => AllowUnauthenticated && string.IsNullOrWhiteSpace(AppId);

    public string TokenAuthority => $"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId)}";

    /// <summary>Each problem names the setting and how to fix it.</summary>
    public IEnumerable<string> Validate()
    {
        if (AllowUnauthenticated && !string.IsNullOrWhiteSpace(AppId))
        {
            yield return "Teams:AllowUnauthenticated is for local development with no app: remove Teams:AppId, or turn AllowUnauthenticated off.";
        }

        if (!string.IsNullOrWhiteSpace(AppId))
        {
            if (string.IsNullOrWhiteSpace(AppPassword) && string.IsNullOrWhiteSpace(CertificatePath))
            {
                yield return "Teams:AppId needs Teams:AppPassword (the client secret) or Teams:CertificatePath to send replies.";
            }

            if (!string.IsNullOrWhiteSpace(AppPassword) && !string.IsNullOrWhiteSpace(CertificatePath))
            {
                yield return "Set either Teams:AppPassword or Teams:CertificatePath, not both.";
            }
        }

        if (!string.IsNullOrWhiteSpace(TenantId) && !Guid.TryParse(TenantId, out _))
        {
            yield return "Teams:TenantId must be the Entra tenant GUID (empty for a multi-tenant bot).";
        }

        if (!IsSafeUrl(OpenIdMetadataUrl))
        {
            yield return "Teams:OpenIdMetadataUrl must be an absolute https URL (http only on a loopback address).";
        }

        if (!IsSafeUrl(TokenEndpoint, optional: true))
        {
            yield return "Teams:TokenEndpoint must be an absolute https URL (http only on a loopback address), or empty.";
        }

        if (!EntraMetadataUrlTemplate.Contains("{tenant}", StringComparison.Ordinal) || !IsSafeUrl(Uri.TryCreate(EntraMetadataUrlTemplate.Replace("{tenant}", "t", StringComparison.Ordinal), UriKind.Absolute, out var entra) ? entra : null))
        {
            yield return "Teams:EntraMetadataUrlTemplate must be an absolute https URL containing {tenant}.";
        }

        if (string.IsNullOrWhiteSpace(Route) || !Route.StartsWith('/'))
        {
            yield return "Teams:Route must start with / (default /api/messages).";
        }

        if (ApiTimeout < TimeSpan.FromMilliseconds(100) || ApiTimeout > TimeSpan.FromMinutes(1))
        {
            yield return "Teams:ApiTimeout must be between 00:00:00.100 and 00:01:00.";
        }

        if (MaxAttempts is < 1 or > 10)
        {
            yield return "Teams:MaxAttempts must be between 1 and 10.";
        }
    }

    /// <summary>https anywhere; plain http only to a loopback address (tests, the playground).</summary>
    public static bool IsSafeUrl(Uri? url, bool optional = false) =>
        url is null ? optional : url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
}
