using Negotiation.Domain.Deals;

namespace Negotiation.Conversations.Inbound;

/// <summary>Who sent something, as the platform named them.</summary>
public sealed record UserRef(string Id, string Name, bool IsBot = false);

/// <summary>
/// Something a person did in a channel, normalised by an adapter: the platform's event id (for dedupe),
/// where it happened, the message and its thread, and flags the middleware acts on.
/// </summary>
public abstract record InboundActivity(string EventId, ChannelKey Channel, string MessageId, string? ThreadId, UserRef User, DateTimeOffset At)
{
    /// <summary>Sent by this bot itself.</summary>
    public bool IsFromSelf { get; init; }

    /// <summary>An edit or delete of an earlier message rather than a new one.</summary>
    public bool IsEdit { get; init; }

    /// <summary>Where the platform takes replies to this activity directly (Slack's <c>response_url</c>), when it offers one.</summary>
    public string? ResponseUrl { get; init; }

    /// <summary>The thread a reply belongs in: the message's thread, or the message itself when it is top-level.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ReplyThreadId => ThreadId ?? MessageId;
}

/// <summary>A chat message in a deal channel, the bot's mention already stripped.</summary>
public sealed record InboundMessage(string EventId, ChannelKey Channel, string MessageId, string? ThreadId, UserRef User, DateTimeOffset At, string Text)
    : InboundActivity(EventId, Channel, MessageId, ThreadId, User, At);

/// <summary>A <c>/deal …</c> command (Slack slash command, or Teams @mention): <see cref="Text"/> is what follows <c>/deal</c>.</summary>
public sealed record InboundCommand(string EventId, ChannelKey Channel, string MessageId, string? ThreadId, UserRef User, DateTimeOffset At, string Text)
    : InboundActivity(EventId, Channel, MessageId, ThreadId, User, At);
