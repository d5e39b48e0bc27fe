namespace Negotiation.Bot.DealRoom;

/// <summary>
/// The deal room (configuration section <c>DealRoom</c>): the page at <c>/</c> that simulates a deal channel through the
/// real pipeline, and the signed read-only deal view at <c>/deals/{id}</c> that Slack and Teams messages link to.
/// </summary>
public sealed class DealRoomOptions
{
    public const string Section = "DealRoom";

    /// <summary>
    /// Serves the deal room at <c>/</c> to loopback callers. Off unless set: the shipped <c>appsettings.json</c> turns it
    /// on for trying the bot locally; production sets <c>DealRoom__Enabled=false</c>.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The host's public address (e.g. <c>https://bot.example.com</c>). When set, ledger and Align replies carry an
    /// "Open ledger" button with a signed, expiring link to <c>/deals/{id}</c>; when empty, no links are issued.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How long a deal link stays valid after the bot issued it.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<string> Validate()
    {
        if (PublicBaseUrl is not null && (!PublicBaseUrl.IsAbsoluteUri || PublicBaseUrl.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(PublicBaseUrl.Query)))
        {
            yield return $"PublicBaseUrl \"{PublicBaseUrl}\" must be an absolute http(s) address without a query, e.g. https://bot.example.com.";
        }

        if (LinkLifetime < TimeSpan.FromMinutes(1) || LinkLifetime > TimeSpan.FromDays(90))
        {
            yield return $"LinkLifetime {LinkLifetime} must be between 00:01:00 and 90.00:00:00 (e.g. 7.00:00:00 for a week).";
        }
    }
}
