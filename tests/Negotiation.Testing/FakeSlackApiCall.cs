using System.Text.Json;

namespace Negotiation.Testing;

/// <summary>One request the fake Slack API received, as it arrived on the wire.</summary>
public sealed record FakeSlackApiCall(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    string RawBody,
    JsonElement? Json,
    IReadOnlyDictionary<string, string>? Form,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The Authorization header, or null.</summary>
    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;

    /// <summary>A string field of the JSON body, or null.</summary>
    public string? JsonString(string name) =>
        Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
