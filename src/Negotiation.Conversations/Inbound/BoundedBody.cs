namespace Negotiation.Conversations.Inbound;

/// <summary>
/// Reads an inbound request body up to a limit, for every adapter's endpoint: an oversized body (by its declared
/// length, or as it streams in when chunked bodies declare none) is refused without being held whole.
/// </summary>
public static class BoundedBody
{
    /// <summary>The whole body, or null when it is (or declares to be) over <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (declaredLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
