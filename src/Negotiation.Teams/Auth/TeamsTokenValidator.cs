using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace Negotiation.Teams.Auth;

/// <summary>Why a request was refused; the status the endpoint answers with.</summary>
public sealed record TeamsAuthResult(int Status, string Reason)
{
    public static readonly TeamsAuthResult Ok = new(StatusCodes.Status200OK, "ok");

    public bool Succeeded => Status == StatusCodes.Status200OK;

    public static TeamsAuthResult Unauthorized(string reason) => new(StatusCodes.Status401Unauthorized, reason);
}

/// <summary>
/// Validates the Bot Framework's bearer token on every activity (protocols.md B2): signature with a published key
/// (RS256/384/512 only), issuer, audience, lifetime with 5 minutes' skew, the key's endorsement of the channel, and
/// the <c>serviceurl</c> claim against the activity. Keys are cached by a ConfigurationManager (refreshed daily)
/// and fetched again when a token names a key not in the cache.
/// </summary>
public sealed class TeamsTokenValidator
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly TeamsOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ConcurrentDictionary<string, ConfigurationManager<SigningKeys>> _managers = new(StringComparer.Ordinal);

    public TeamsTokenValidator(TeamsOptions options, TimeProvider time, HttpClient http)
    {
        _options = options;
        _time = time;
        _http = http;
    }

    public async Task<TeamsAuthResult> ValidateAsync(string? authorization, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        const string Bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) || authorization.Length <= Bearer.Length)
        {
            return TeamsAuthResult.Unauthorized("no bearer token");
        }

        var token = authorization[Bearer.Length..].Trim();
        if (!_handler.CanReadToken(token))
        {
            return TeamsAuthResult.Unauthorized("not a JWT");
        }

        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return TeamsAuthResult.Unauthorized("not a JWT");
        }

        // Choose the key source by the (still unverified) issuer; the validation below pins that same issuer.
        var issuer = unverified.Issuer;
        var botFramework = issuer == BotFrameworkIssuer;
        string metadata;
        if (botFramework)
        {
            metadata = _options.OpenIdMetadataUrl.AbsoluteUri;
        }
        else if (EntraTenant(issuer, unverified) is { } tenant)
        {
            metadata = _options.EntraMetadataUrlTemplate.Replace("{tenant}", Uri.EscapeDataString(tenant), StringComparison.Ordinal);
        }
        else
        {
            return TeamsAuthResult.Unauthorized("untrusted issuer");
        }

        var kid = unverified.Kid;
        if (await FindKeyAsync(metadata, kid, cancellationToken).ConfigureAwait(false) is not { } key)
        {
            return TeamsAuthResult.Unauthorized("unknown signing key");
        }

        var appId = _options.AppId!;
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudiences = [appId, "api://" + appId, "api://botid-" + appId],
            IssuerSigningKey = key.Key,
            ValidAlgorithms = Algorithms,
            ClockSkew = ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            LifetimeValidator = Lifetime,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return TeamsAuthResult.Unauthorized(result.Exception?.GetType().Name ?? "invalid token");
        }

        if (botFramework && (channelId is null || !key.Keys.IsEndorsed(kid!, channelId)))
        {
            return new TeamsAuthResult(StatusCodes.Status403Forbidden, "signing key not endorsed for the channel");
        }

        var claimedServiceUrl = result.Claims.TryGetValue("serviceurl", out var claimed) ? claimed as string : null;
        if (botFramework || claimedServiceUrl is not null)
        {
            if (claimedServiceUrl is null || serviceUrl is null || !string.Equals(claimedServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase))
            {
                return TeamsAuthResult.Unauthorized("serviceurl claim does not match the activity");
            }
        }

        return TeamsAuthResult.Ok;
    }

    /// <summary>The tenant of an Entra v1/v2 issuer, when it is the configured single tenant and matches the token's <c>tid</c>.</summary>
    private string? EntraTenant(string issuer, JsonWebToken token)
    {
        var tenant = _options.TenantId;
        if (string.IsNullOrWhiteSpace(tenant) || !token.TryGetPayloadValue<string>("tid", out var tid) || !string.Equals(tid, tenant, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return issuer == $"https://sts.windows.net/{tid}/" || issuer == $"https://login.microsoftonline.com/{tid}/v2.0" ? tid : null;
    }

    private async Task<(JsonWebKey Key, SigningKeys Keys)?> FindKeyAsync(string metadata, string? kid, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(kid))
        {
            return null;
        }

        var manager = _managers.GetOrAdd(metadata, Create);
        try
        {
            var keys = await manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            if (keys.Find(kid) is { } cached)
            {
                return (cached, keys);
            }

            // A key we have not seen: the publisher may have rotated. Fetch now, and let the cache catch up.
            manager.RequestRefresh();
            var fresh = await new SigningKeysRetriever().GetConfigurationAsync(metadata, Retriever(metadata), cancellationToken).ConfigureAwait(false);
            return fresh.Find(kid) is { } found ? (found, fresh) : null;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or System.Text.Json.JsonException or ArgumentException)
        {
            return null;
        }
    }

    private ConfigurationManager<SigningKeys> Create(string metadata) =>
        new(metadata, new SigningKeysRetriever(), Retriever(metadata))
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(24),
            RefreshInterval = TimeSpan.FromMinutes(1),
        };

    private HttpDocumentRetriever Retriever(string metadata) =>
        new(_http) { RequireHttps = !(Uri.TryCreate(metadata, UriKind.Absolute, out var uri) && uri.IsLoopback) };

    private bool Lifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp.ToUniversalTime() + ClockSkew && (notBefore is not { } nbf || now >= nbf.ToUniversalTime() - ClockSkew);
    }
}
