using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Negotiation.Testing;

/// <summary>Signs requests the way Slack does (v0 HMAC-SHA256 over "v0:{ts}:{body}"), independently of the product's verifier.</summary>
public sealed class SlackRequestSigner(string signingSecret)
{
    public HttpRequestMessage Json(string path, string body, DateTimeOffset? at = null, string? retryNum = null) =>
        Request(path, body, "application/json", at, retryNum);

    public HttpRequestMessage Form(string path, IEnumerable<KeyValuePair<string, string>> fields, DateTimeOffset? at = null) =>
        Request(path, string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))), "application/x-www-form-urlencoded", at, null);

    public HttpRequestMessage Request(string path, string body, string contentType, DateTimeOffset? at, string? retryNum)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Signature(timestamp, body));
        if (retryNum is not null)
        {
            request.Headers.Add("X-Slack-Retry-Num", retryNum);
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return request;
    }

    public string Signature(string timestamp, string body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(signingSecret));
        return "v0=" + Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
    }
}
