using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace Negotiation.Teams.Auth;

/// <summary>One issuer's signing keys, with each key's endorsements (the channels it may sign for, protocols.md B2.7).</summary>
public sealed class SigningKeys(IReadOnlyList<JsonWebKey> keys, IReadOnlyDictionary<string, IReadOnlyList<string>> endorsements)
{
    public IReadOnlyList<JsonWebKey> Keys { get; } = keys;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Endorsements { get; } = endorsements;

    public JsonWebKey? Find(string? kid) => kid is null ? null : Keys.FirstOrDefault(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal));

    public bool IsEndorsed(string kid, string channelId) =>
        Endorsements.TryGetValue(kid, out var channels) && channels.Contains(channelId, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Reads an OpenID metadata document, then its <c>jwks_uri</c>: keys through Microsoft.IdentityModel, endorsements
/// from the raw JSON (JsonWebKey does not keep them typed). Used by a <see cref="ConfigurationManager{T}"/>.
/// </summary>
internal sealed class SigningKeysRetriever : IConfigurationRetriever<SigningKeys>
{
    public async Task<SigningKeys> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        var metadata = await retriever.GetDocumentAsync(address, cancel).ConfigureAwait(false);
        string? jwksUri;
        using (var json = JsonDocument.Parse(metadata))
        {
            jwksUri = json.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String ? uri.GetString() : null;
        }

        if (!Uri.TryCreate(jwksUri, UriKind.Absolute, out var jwks) || !TeamsOptions.IsSafeUrl(jwks))
        {
            throw new InvalidOperationException($"The OpenID metadata at {address} has no usable jwks_uri (https, or http on loopback).");
        }

        var document = await retriever.GetDocumentAsync(jwks.AbsoluteUri, cancel).ConfigureAwait(false);
        var set = new JsonWebKeySet(document);
        var endorsements = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        using (var json = JsonDocument.Parse(document))
        {
            if (json.RootElement.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
            {
                foreach (var key in keys.EnumerateArray())
                {
                    if (key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                        && key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
                    {
                        endorsements[kid.GetString()!] = list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();
                    }
                }
            }
        }

        return new SigningKeys(set.Keys.ToList(), endorsements);
    }
}
