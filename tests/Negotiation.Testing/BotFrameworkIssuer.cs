using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Negotiation.Testing;

/// <summary>
/// Plays the Bot Framework's token service on loopback: locally generated RSA keys published as an OpenID metadata
/// document and a JWKS with <c>endorsements</c> (protocols.md B2), and tokens minted with them the way the channel
/// signs its calls to a bot. Keys can be added later (a rotation) and each test picks claims to break.
/// </summary>
public sealed class BotFrameworkIssuer : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<(RsaSecurityKey Key, string[] Endorsements)> _published = [];
    private int _metadataRequests;

    private BotFrameworkIssuer(WebApplication app) => _app = app;

    /// <summary>Set as <c>Teams:OpenIdMetadataUrl</c>.</summary>
    public Uri MetadataUrl { get; private set; } = null!;

    /// <summary>Set as <c>Teams:EntraMetadataUrlTemplate</c>.</summary>
    public string EntraMetadataUrlTemplate => new Uri(MetadataUrl, "/").AbsoluteUri + "{tenant}/v2.0/.well-known/openid-configuration";

    /// <summary>How many times the metadata document was fetched.</summary>
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public static async Task<BotFrameworkIssuer> StartAsync()
    {
        var app = LoopbackApp.Create();
        var issuer = new BotFrameworkIssuer(app);
        app.MapGet("/v1/.well-known/openidconfiguration", (HttpContext c) =>
        {
            Interlocked.Increment(ref issuer._metadataRequests);
            var jwks = new Uri(issuer.MetadataUrl, "/v1/.well-known/keys").AbsoluteUri;
            return Results.Json(new { issuer = Issuer, jwks_uri = jwks, id_token_signing_alg_values_supported = new[] { "RS256" } });
        });
        app.MapGet("/v1/.well-known/keys", () => Results.Content(issuer.Jwks(), "application/json"));

        // Entra's per-tenant metadata (single-tenant bots), same keys.
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) =>
            Results.Json(new { issuer = $"https://login.microsoftonline.com/{tenant}/v2.0", jwks_uri = new Uri(issuer.MetadataUrl, "/v1/.well-known/keys").AbsoluteUri }));
        var address = await LoopbackApp.StartAsync(app);
        issuer.MetadataUrl = new Uri(address, "/v1/.well-known/openidconfiguration");
        return issuer;
    }

    /// <summary>A new RSA key, published with the given endorsements (default <c>msteams</c>).</summary>
    public RsaSecurityKey AddKey(params string[] endorsements)
    {
        var key = NewKey();
        lock (_gate)
        {
            _published.Add((key, endorsements.Length > 0 ? endorsements : ["msteams"]));
        }

        return key;
    }

    /// <summary>A key that is never published.</summary>
    public static RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };

    /// <summary>A signed token as the channel sends it; every claim can be overridden, or removed with null.</summary>
    public static string Mint(RsaSecurityKey key, string audience, string serviceUrl, DateTimeOffset? now = null, string issuer = Issuer,
        TimeSpan? lifetime = null, DateTimeOffset? notBefore = null, string algorithm = SecurityAlgorithms.RsaSha256, IDictionary<string, object>? extra = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl };
        foreach (var (name, value) in extra ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = at.UtcDateTime.AddMinutes(-1),
            NotBefore = (notBefore ?? at.AddMinutes(-1)).UtcDateTime,
            Expires = at.Add(lifetime ?? TimeSpan.FromHours(1)).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with valid claims otherwise.</summary>
    public static string WithoutSignature(string audience, string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64Url(new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = audience,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        }.ToJsonString());
        return $"{header}.{payload}.";
    }

    /// <summary>The same token with its payload changed after signing (the audience swapped).</summary>
    public static string Tampered(string token, string newAudience)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["aud"] = newAudience;
        return $"{parts[0]}.{Base64Url(payload.ToJsonString())}.{parts[2]}";
    }

    private string Jwks()
    {
        lock (_gate)
        {
            var keys = new JsonArray();
            foreach (var (key, endorsements) in _published)
            {
                var parameters = key.Rsa.ExportParameters(false);
                keys.Add(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    ["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode?)e).ToArray()),
                });
            }

            return new JsonObject { ["keys"] = keys }.ToJsonString();
        }
    }

    private static string Base64Url(string text) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(text));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
