using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Identity.Client;

namespace Negotiation.Teams.Api;

/// <summary>Bearer tokens for connector calls; null when replies go without one (development mode).</summary>
public interface ITeamsTokenProvider
{
    Task<string?> TokenAsync(CancellationToken cancellationToken = default);
}

/// <summary>The outbound token could not be had: transient for the outbox (the identity service may be down).</summary>
public sealed class TeamsTokenException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Client-credentials tokens for the Bot Framework (protocols.md B3): MSAL against Microsoft's authority (the tenant's
/// for a single-tenant bot, botframework.com otherwise), cached by MSAL until shortly before expiry. With
/// <c>Teams:TokenEndpoint</c> set, a plain OAuth 2.0 client-credentials POST to it instead (MSAL refuses non-https
/// authorities, and tests run a local token server), cached here the same way.
/// </summary>
public sealed class TeamsTokenProvider : ITeamsTokenProvider, IDisposable
{
    public const string Scope = "https://api.botframework.com/.default";
    private static readonly TimeSpan EarlyRefresh = TimeSpan.FromMinutes(5);

    private readonly TeamsOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lazy<IConfidentialClientApplication>? _msal;
    private (string Token, DateTimeOffset RefreshAt)? _cached;

    public TeamsTokenProvider(TeamsOptions options, HttpClient http, TimeProvider time)
    {
        _options = options;
        _http = http;
        _time = time;
        if (!options.IsDevelopmentMode && options.TokenEndpoint is null)
        {
            _msal = new Lazy<IConfidentialClientApplication>(BuildMsal);
        }
    }

    public async Task<string?> TokenAsync(CancellationToken cancellationToken = default)
    {
        if (_options.IsDevelopmentMode)
        {
            return null;
        }

        if (_msal is not null)
        {
            try
            {
                var result = await _msal.Value.AcquireTokenForClient([Scope]).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                return result.AccessToken;
            }
            catch (MsalException e)
            {
                throw new TeamsTokenException($"Could not get a Bot Framework token from {_options.TokenAuthority}: {e.ErrorCode}", e);
            }
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } cached && _time.GetUtcNow() < cached.RefreshAt)
            {
                return cached.Token;
            }

            var (token, lifetime) = await RequestAsync(cancellationToken).ConfigureAwait(false);
            var refresh = lifetime > EarlyRefresh * 2 ? lifetime - EarlyRefresh : lifetime / 2;
            _cached = (token, _time.GetUtcNow() + refresh);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Token, TimeSpan Lifetime)> RequestAsync(CancellationToken cancellationToken)
    {
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _options.AppId!,
            ["client_secret"] = _options.AppPassword ?? "",
            ["scope"] = Scope,
        });
        try
        {
            using var response = await _http.PostAsync(_options.TokenEndpoint, body, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new TeamsTokenException($"The token endpoint answered {(int)response.StatusCode}.");
            }

            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var token = root.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var seconds = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? s : 3600;
            return string.IsNullOrEmpty(token)
                ? throw new TeamsTokenException("The token endpoint answered without an access_token.")
                : (token, TimeSpan.FromSeconds(Math.Clamp(seconds, 60, 24 * 3600)));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new TeamsTokenException($"Could not get a token from {_options.TokenEndpoint}: {e.Message}", e);
        }
    }

    private IConfidentialClientApplication BuildMsal()
    {
        var builder = ConfidentialClientApplicationBuilder.Create(_options.AppId).WithAuthority(_options.TokenAuthority);
        builder = string.IsNullOrWhiteSpace(_options.CertificatePath)
            ? builder.WithClientSecret(_options.AppPassword)
            : builder.WithCertificate(X509CertificateLoader.LoadPkcs12FromFile(_options.CertificatePath, _options.CertificatePassword));
        return builder.Build();
    }

    public void Dispose() => _gate.Dispose();
}

internal static class BearerExtensions
{
    public static void Bearer(this HttpRequestMessage request, string? token)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }
}
