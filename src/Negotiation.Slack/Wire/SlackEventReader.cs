using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Negotiation.Conversations.Inbound;
using Negotiation.Domain.Deals;

namespace Negotiation.Slack.Wire;

/// <summary>A Slack event turned into the neutral model, with the unique keys the inbox dedupes on.</summary>
public sealed record SlackInbound(InboundActivity Activity, IReadOnlyList<string> Keys);

/// <summary>Reads <c>event_callback</c> bodies (protocols.md A2): which events become messages, and which are ignored.</summary>
public static partial class SlackEventReader
{
    public const string Platform = "slack";

    /// <summary>
    /// Longer texts are ignored: far past what the bot interprets (Conversations:MaxMessageLength), and too big to
    /// record in the inbox. Slack's own messages stop at 40,000 characters, so only a forged-size body gets here.
    /// </summary>
    public const int MaxTextLength = 10_000;

    // protocols.md A2: subtypes that are not a person saying something new. thread_broadcast is a real reply.
    private static readonly HashSet<string> IgnoredSubtypes = new(StringComparer.Ordinal)
    {
        "bot_message", "message_changed", "message_deleted", "message_replied", "channel_join", "channel_leave",
        "channel_topic", "channel_purpose", "channel_name", "channel_archive", "channel_unarchive",
        "channel_posting_permissions", "ekm_access_denied", "group_join", "group_leave", "group_topic", "group_purpose",
        "group_name", "group_archive", "group_unarchive", "pinned_item", "unpinned_item", "channel_convert_to_private",
        "channel_convert_to_public", "assistant_app_thread", "huddle_thread", "tombstone",
    };

    /// <summary>
    /// The activity for a <c>message</c> or <c>app_mention</c> event a person wrote; null for everything to ignore
    /// (other event types, ignored subtypes, bots, the bot itself, edits and deletes, events without text).
    /// </summary>
    public static SlackInbound? Read(JsonElement body)
    {
        if (!body.TryGetProperty("event", out var e) || e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var type = String(e, "type");
        if (type is not ("message" or "app_mention"))
        {
            return null;
        }

        var subtype = String(e, "subtype");
        if (subtype is not null && IgnoredSubtypes.Contains(subtype))
        {
            return null;
        }

        var team = String(body, "team_id") ?? String(e, "team");
        var channel = String(e, "channel");
        var user = String(e, "user");
        var ts = String(e, "ts");
        var eventId = String(body, "event_id");
        var text = String(e, "text");
        if (team is null || channel is null || user is null || ts is null || eventId is null || text is null || text.Length > MaxTextLength)
        {
            return null;
        }

        var botUserId = BotUserId(body);
        var activityText = StripMention(text, botUserId);
        var key = new ChannelKey(Platform, team, channel);
        var from = new UserRef(user, user, IsBot: e.TryGetProperty("bot_id", out _));
        var at = Timestamp(ts);
        var threadTs = String(e, "thread_ts");
        InboundActivity activity = AsCommand(activityText) is { } command
            ? new InboundCommand(eventId, key, ts, threadTs, from, at, command)
            : new InboundMessage(eventId, key, ts, threadTs, from, at, activityText);
        activity = activity with { IsFromSelf = botUserId is not null && user == botUserId };

        // An app_mention and the message.channels event for one post have different event ids: (channel, ts) catches both.
        return new SlackInbound(activity, [$"{Platform}:{eventId}", $"{Platform}:{team}:{channel}:{ts}"]);
    }

    /// <summary>The bot's own user id in this workspace, from the event's authorizations (protocols.md A2).</summary>
    public static string? BotUserId(JsonElement body) =>
        body.TryGetProperty("authorizations", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
            ? String(list[0], "user_id")
            : null;

    /// <summary>"&lt;@UBOT&gt; deal give 5%" or "@coach /deal give 5%" after the mention is a command.</summary>
    private static string? AsCommand(string text)
    {
        var t = text.TrimStart();
        foreach (var prefix in (string[])["/deal", "deal"])
        {
            if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (t.Length == prefix.Length || char.IsWhiteSpace(t[prefix.Length])))
            {
                return t[prefix.Length..].Trim();
            }
        }

        return null;
    }

    /// <summary>Removes the leading mention of the bot, and any other mention of it, keeping the rest as typed.</summary>
    public static string StripMention(string text, string? botUserId)
    {
        if (botUserId is null)
        {
            return LeadingMention().Replace(text, "", 1).Trim();
        }

        return text.Replace($"<@{botUserId}>", "", StringComparison.Ordinal).Trim();
    }

    private static DateTimeOffset Timestamp(string ts) =>
        double.TryParse(ts, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 1e11
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : DateTimeOffset.UnixEpoch;

    internal static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"^\s*<@[A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex LeadingMention();
}
