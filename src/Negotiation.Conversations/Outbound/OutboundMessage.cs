using Negotiation.Domain.Coaching;
using Negotiation.Domain.Deals;

namespace Negotiation.Conversations.Outbound;

/// <summary>Who sees a reply.</summary>
public enum Visibility
{
    /// <summary>Everyone in the channel, in the thread of the message it answers.</summary>
    Thread,

    /// <summary>Only the person it answers (Slack ephemeral; Teams falls back to a thread reply).</summary>
    Ephemeral,
}

/// <summary>What a piece of a reply is, so adapters can render it and tools can read it.</summary>
public enum ReplyKind
{
    ReciprocityPrompt,
    TradeLogged,
    Rephrase,
    Warning,
    AlignSummary,
    CommandReply,
    Error,
}

/// <summary>A titled block of lines, e.g. "Final terms".</summary>
public sealed record Section(string Title, IReadOnlyList<string> Lines);

/// <summary>A label and value shown side by side.</summary>
public sealed record Field(string Label, string Value);

/// <summary>A button: the action id tells the adapter what was pressed, the value carries the context.</summary>
public sealed record ReplyButton(string ActionId, string Label, string Value)
{
    /// <summary>For a link button: the page it opens (e.g. the signed read-only deal view).</summary>
    public Uri? Url { get; init; }
}

/// <summary>A small table: the trade ledger.</summary>
public sealed record LedgerTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// One piece of a reply. <see cref="Text"/> is always the complete plain-text form (the fallback every platform
/// needs); sections, fields, buttons and the table are the structured form for richer rendering.
/// </summary>
public sealed record ReplyPart(ReplyKind Kind, string Text)
{
    /// <summary>The rule behind a warning.</summary>
    public CoachingRule? Rule { get; init; }

    public string? Title { get; init; }

    public IReadOnlyList<Section> Sections { get; init; } = [];

    public IReadOnlyList<Field> Fields { get; init; } = [];

    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];

    public LedgerTable? Table { get; init; }

    /// <summary>The kind as tools read it: <c>reciprocity_prompt</c>, <c>warning:double_give</c> …</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string WireKind => Kind switch
    {
        ReplyKind.ReciprocityPrompt => "reciprocity_prompt",
        ReplyKind.TradeLogged => "trade_logged",
        ReplyKind.Rephrase => "rephrase",
        ReplyKind.Warning => "warning:" + (Rule ?? throw new InvalidOperationException("A warning needs its rule.")).ToWireName(),
        ReplyKind.AlignSummary => "align_summary",
        ReplyKind.CommandReply => "command_reply",
        ReplyKind.Error => "error",
        _ => throw new InvalidOperationException($"Unknown reply kind {Kind}."),
    };
}

/// <summary>
/// The bot's single reply to one inbound activity, channel-neutral: where it goes (channel, thread, and for an
/// ephemeral reply the person), and its parts in order.
/// </summary>
public sealed record OutboundMessage(
    string InReplyToEventId,
    ChannelKey Channel,
    string? ThreadId,
    Visibility Visibility,
    string RecipientUserId,
    IReadOnlyList<ReplyPart> Parts)
{
    /// <summary>The message this reply answers (to react to it, e.g. a Slack reaction on a logged trade).</summary>
    public string? SourceMessageId { get; init; }

    /// <summary>The platform's direct reply hook of the activity answered, when it offered one.</summary>
    public string? ResponseUrl { get; init; }

    /// <summary>All parts as plain text, separated by blank lines.</summary>
    public string ToPlainText() => string.Join("\n\n", Parts.Select(p => p.Text));
}
