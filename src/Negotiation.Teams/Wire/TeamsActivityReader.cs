using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Negotiation.Conversations.Commands;
using Negotiation.Conversations.Inbound;
using Negotiation.Domain.Deals;

namespace Negotiation.Teams.Wire;

/// <summary>Where an activity came from and where replies to it go (protocols.md B1, B4).</summary>
/// <param name="ConversationId">The conversation as the activity named it (a channel post's id carries <c>;messageid=</c>).</param>
/// <param name="BaseConversationId">The conversation without the thread suffix: the channel a deal belongs to.</param>
/// <param name="ThreadRootId">The channel thread's root message id, when the conversation is a channel thread.</param>
public sealed record TeamsConversationRef(
    string ServiceUrl,
    string ConversationId,
    string BaseConversationId,
    string? ThreadRootId,
    string ConversationType,
    string TenantId,
    string BotId,
    string? BotName,
    string? TeamId,
    string? ChannelId)
{
    public ChannelKey ChannelKey => new(TeamsActivityReader.Platform, TenantId, BaseConversationId);

    public bool IsChannel => ConversationType == "channel";
}

/// <summary>A Teams message normalised for the inbox, with the unique keys the inbox dedupes on.</summary>
public sealed record TeamsInbound(InboundActivity Activity, IReadOnlyList<string> Keys);

/// <summary>Reads Bot Framework activities (protocols.md B1, B5) into the neutral model.</summary>
public static partial class TeamsActivityReader
{
    public const string Platform = "msteams";

    /// <summary>Used when an activity names no tenant (the emulator, some playground activities).</summary>
    public const string DefaultTenant = "default";

    /// <summary>Longer texts are ignored, as on Slack: far past what the bot interprets, too big for the inbox.</summary>
    public const int MaxTextLength = 10_000;

    /// <summary>The <c>/deal</c> subcommands, as typed after <c>@Coach</c> (from the shared usage lines).</summary>
    public static IReadOnlyList<string> Subcommands { get; } =
        CommandUsage.All.Select(u => u.Split(' ')[1]).Distinct(StringComparer.Ordinal).ToList();

    private static readonly HashSet<string> CommandWords = new([.. Subcommands, "not-a-give", "?"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The conversation reference of any activity that names one; null when a required field is missing.</summary>
    public static TeamsConversationRef? Conversation(JsonElement activity)
    {
        var serviceUrl = String(activity, "serviceUrl");
        if (!activity.TryGetProperty("conversation", out var conversation) || conversation.ValueKind != JsonValueKind.Object
            || !activity.TryGetProperty("recipient", out var recipient) || recipient.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var id = String(conversation, "id");
        var botId = String(recipient, "id");
        if (string.IsNullOrEmpty(serviceUrl) || string.IsNullOrEmpty(id) || string.IsNullOrEmpty(botId))
        {
            return null;
        }

        var (baseId, root) = SplitThread(id);
        var channelData = activity.TryGetProperty("channelData", out var cd) && cd.ValueKind == JsonValueKind.Object ? cd : default;
        var tenant = String(conversation, "tenantId") ?? Nested(channelData, "tenant", "id") ?? DefaultTenant;
        var type = String(conversation, "conversationType") ?? (root is not null ? "channel" : "personal");
        return new TeamsConversationRef(
            serviceUrl, id, baseId, root, type, tenant, botId, String(recipient, "name"),
            Nested(channelData, "team", "id"), Nested(channelData, "channel", "id"));
    }

    /// <summary>
    /// The activity for a <c>message</c> a person wrote: an <see cref="InboundCommand"/> when it is <c>@Coach
    /// &lt;subcommand&gt;</c> (or a subcommand typed in a personal chat), else an <see cref="InboundMessage"/>. Null for
    /// anything without text, id or conversation, or with text over <see cref="MaxTextLength"/>.
    /// </summary>
    public static TeamsInbound? ReadMessage(JsonElement activity)
    {
        if (String(activity, "type") != "message" || Conversation(activity) is not { } conversation)
        {
            return null;
        }

        var id = String(activity, "id");
        var text = String(activity, "text");
        if (string.IsNullOrEmpty(id) || text is null || text.Length > MaxTextLength
            || !activity.TryGetProperty("from", out var from) || String(from, "id") is not { Length: > 0 } userId)
        {
            return null;
        }

        var mentioned = MentionsOf(activity, conversation.BotId).ToList();
        var plain = Clean(StripMentions(text, mentioned, String(activity.GetProperty("recipient"), "name")));
        var user = new UserRef(userId, String(from, "name") ?? userId, IsBot: userId.StartsWith("28:", StringComparison.Ordinal) || String(from, "role") == "bot");
        var at = DateTimeOffset.TryParse(String(activity, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.UnixEpoch;

        // A channel post's own id is the thread root; a reply in the thread carries the root in the conversation id.
        var thread = conversation.ThreadRootId;
        var key = conversation.ChannelKey;
        InboundActivity normalised = (mentioned.Count > 0 || conversation.ConversationType == "personal") && AsCommand(plain) is { } command
            ? new InboundCommand(id, key, id, thread, user, at, command)
            : new InboundMessage(id, key, id, thread, user, at, plain);
        normalised = normalised with
        {
            IsFromSelf = userId == conversation.BotId,
            IsEdit = Nested(activity.TryGetProperty("channelData", out var cd) ? cd : default, "eventType", null) is "editMessage" or "softDeleteMessage" or "undeleteMessage",
        };
        return new TeamsInbound(normalised, [$"{Platform}:{conversation.BaseConversationId}:{id}"]);
    }

    /// <summary>Splits <c>19:x@thread.tacv2;messageid=123</c> into the channel and the thread root.</summary>
    public static (string BaseId, string? RootId) SplitThread(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var semicolon = conversationId.IndexOf(';', StringComparison.Ordinal);
        if (semicolon < 0)
        {
            return (conversationId, null);
        }

        const string Marker = "messageid=";
        var suffix = conversationId[(semicolon + 1)..];
        var root = suffix.StartsWith(Marker, StringComparison.OrdinalIgnoreCase) ? suffix[Marker.Length..] : null;
        return (conversationId[..semicolon], string.IsNullOrEmpty(root) ? null : root);
    }

    /// <summary>The conversation id that posts into a channel thread (teams.net <c>ToThreadedConversationId</c>).</summary>
    public static string Threaded(string conversationId, string? rootId) =>
        rootId is { Length: > 0 } && rootId.All(char.IsAsciiDigit) && rootId.TrimStart('0').Length > 0
            ? SplitThread(conversationId).BaseId + ";messageid=" + rootId
            : SplitThread(conversationId).BaseId;

    /// <summary>"start Acme", "/deal start Acme" or "deal start Acme" → "start Acme" when the first word is a subcommand.</summary>
    public static string? AsCommand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        foreach (var prefix in (string[])["/deal", "deal"])
        {
            if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (t.Length == prefix.Length || char.IsWhiteSpace(t[prefix.Length])))
            {
                return t[prefix.Length..].Trim();
            }
        }

        var space = t.IndexOfAny([' ', '\n', '\t']);
        var verb = space < 0 ? t : t[..space];
        return CommandWords.Contains(verb) ? t : null;
    }

    /// <summary>Removes the bot's mentions by their entity text (botbuilder <c>RemoveMentionText</c>), falling back to <c>&lt;at&gt;name&lt;/at&gt;</c>.</summary>
    public static string StripMentions(string text, IReadOnlyList<string> mentionTexts, string? botName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(mentionTexts);
        foreach (var mention in mentionTexts)
        {
            text = Regex.Replace(text, Regex.Escape(mention), "", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        if (mentionTexts.Count > 0 && botName is { Length: > 0 })
        {
            text = Regex.Replace(text, Regex.Escape($"<at>{botName}</at>"), "", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        return text.Trim();
    }

    /// <summary>The entity text of each mention of the bot (its id equal to the recipient's).</summary>
    private static IEnumerable<string> MentionsOf(JsonElement activity, string botId)
    {
        if (!activity.TryGetProperty("entities", out var entities) || entities.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var entity in entities.EnumerateArray())
        {
            if (String(entity, "type") == "mention" && Nested(entity, "mentioned", "id") == botId)
            {
                yield return String(entity, "text") ?? "";
            }
        }
    }

    /// <summary>Plain text from Teams' light markup: tags dropped, entities decoded, spaces collapsed at the ends.</summary>
    private static string Clean(string text) => WebUtility.HtmlDecode(Tags().Replace(text, " ")).Replace('\u00A0', ' ').Trim();

    internal static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary><c>element.outer.inner</c> as a string, or <c>element.outer</c> when <paramref name="inner"/> is null.</summary>
    public static string? Nested(JsonElement element, string outer, string? inner)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(outer, out var o))
        {
            return null;
        }

        return inner is null ? (o.ValueKind == JsonValueKind.String ? o.GetString() : null) : String(o, inner);
    }

    [GeneratedRegex("<[^>]{0,200}>")]
    private static partial Regex Tags();
}
