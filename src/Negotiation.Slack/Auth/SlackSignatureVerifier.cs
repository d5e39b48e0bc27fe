using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Negotiation.Slack.Auth;

/// <summary>Why a request failed verification (logged; the caller only ever sees 401).</summary>
public enum SlackSignatureFailure
{
    None,
    Missing,
    BadTimestamp,
    Stale,
    BadFormat,
    Mismatch,
}

/// <summary>
/// Verifies Slack's request signature: HMAC-SHA256 over <c>v0:{timestamp}:{raw body}</c> with the signing secret,
/// compared in constant time, with timestamps more than five minutes off refused (protocols.md A1).
/// </summary>
public sealed class SlackSignatureVerifier
{
    /// <summary>How far a request's timestamp may be from now, either way.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public SlackSignatureVerifier(string signingSecret, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(signingSecret))
        {
            throw new ArgumentException("Slack:SigningSecret is empty: copy it from the app's Basic Information page.", nameof(signingSecret));
        }

        _key = Encoding.UTF8.GetBytes(signingSecret);
        _time = time;
    }

    public SlackSignatureFailure Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SlackSignatureFailure.Missing;
        }

        if (timestamp.Length > 12 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SlackSignatureFailure.BadTimestamp;
        }

        var age = _time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (Math.Abs(age) > Window.TotalSeconds)
        {
            return SlackSignatureFailure.Stale;
        }

        if (signature.Length != 67 || !signature.StartsWith("v0=", StringComparison.Ordinal))
        {
            return SlackSignatureFailure.BadFormat;
        }

        Span<byte> given = stackalloc byte[32];
        try
        {
            if (Convert.FromHexString(signature.AsSpan(3), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            {
                return SlackSignatureFailure.BadFormat;
            }
        }
        catch (FormatException)
        {
            return SlackSignatureFailure.BadFormat;
        }

        Span<byte> expected = stackalloc byte[32];
        Compute(timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SlackSignatureFailure.None : SlackSignatureFailure.Mismatch;
    }

    /// <summary>The <c>X-Slack-Signature</c> value for a body at a timestamp: what Slack sends, and what tests sign with.</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[32];
        Compute(timestamp, body, mac);
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    private void Compute(string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefix = Encoding.UTF8.GetBytes("v0:" + timestamp + ":");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }
}
