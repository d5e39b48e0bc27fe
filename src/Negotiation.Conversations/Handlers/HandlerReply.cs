using Negotiation.Conversations.Outbound;

namespace Negotiation.Conversations.Handlers;

/// <summary>What a handler wants said: the parts, who sees them, and a thread other than the message's own (the deal thread).</summary>
public sealed record HandlerReply(IReadOnlyList<ReplyPart> Parts, Visibility Visibility, string? ThreadId = null)
{
    public static HandlerReply Private(string text) => new([new ReplyPart(ReplyKind.CommandReply, text)], Visibility.Ephemeral);

    public static HandlerReply Error(string text) => new([new ReplyPart(ReplyKind.Error, text)], Visibility.Ephemeral);
}
