using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Negotiation.Conversations.Ports;
using Negotiation.Domain.Deals;

namespace Negotiation.Bot.DealRoom;

/// <summary>Why a deal link was refused, or that it was good.</summary>
public enum DealLinkStatus
{
    Valid,
    Missing,
    Invalid,
    Expired,
}

/// <summary>What a deal link's token says once checked: the deal's platform workspace when it is valid.</summary>
public sealed record DealLinkCheck(DealLinkStatus Status, string Platform = "", string Workspace = "");

/// <summary>
/// Signed, expiring links to a deal's read-only view. The token is the deal id, its platform workspace and an expiry,
/// encrypted and authenticated with the host's Data Protection keys: it can't be guessed, altered, or moved to another
/// deal, and the expiry is checked against the host's clock.
/// </summary>
public sealed class DealLinks(IDataProtectionProvider protection, DealRoomOptions options, TimeProvider time) : IDealLinks
{
    private const string Version = "deal-link.v1";
    private readonly IDataProtector _protector = protection.CreateProtector("Negotiation.DealRoom.DealLink");

    public Uri? ReadOnlyLink(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return options.PublicBaseUrl is { } baseUrl ? Link(baseUrl, deal.Id, Token(deal.Channel, deal.Id, time.GetUtcNow() + options.LinkLifetime)) : null;
    }

    /// <summary>The path and query of a deal's read-only view.</summary>
    public static string PathFor(Guid id, string token) => $"/deals/{id:N}?t={Uri.EscapeDataString(token)}";

    public static Uri Link(Uri baseUrl, Guid id, string token)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + PathFor(id, token));
    }

    /// <summary>A token for one deal, valid until <paramref name="expires"/>.</summary>
    public string Token(ChannelKey channel, Guid id, DateTimeOffset expires)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var payload = string.Join('\n', Version, id.ToString("N"), channel.Platform, channel.Workspace, expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        return _protector.Protect(payload);
    }

    /// <summary>Checks that <paramref name="token"/> was issued by this host for deal <paramref name="id"/> and has not expired.</summary>
    public DealLinkCheck Check(Guid id, string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return new DealLinkCheck(DealLinkStatus.Missing);
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return new DealLinkCheck(DealLinkStatus.Invalid);
        }

        var fields = payload.Split('\n');
        if (fields.Length != 5 || fields[0] != Version || fields[1] != id.ToString("N")
            || !long.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresMs))
        {
            return new DealLinkCheck(DealLinkStatus.Invalid);
        }

        return time.GetUtcNow().ToUnixTimeMilliseconds() >= expiresMs
            ? new DealLinkCheck(DealLinkStatus.Expired)
            : new DealLinkCheck(DealLinkStatus.Valid, fields[2], fields[3]);
    }
}
