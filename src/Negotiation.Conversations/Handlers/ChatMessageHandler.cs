using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.Language;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Ports;
using Negotiation.Conversations.Telemetry;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Conversations.Handlers;

/// <summary>
/// Listens to chat in a deal channel: records gives, gets and trades the interpreter is sure of, coaches on gives,
/// rewrites proposals privately, and stays silent on everything else.
/// </summary>
public sealed class ChatMessageHandler(IDealStore deals, IMessageInterpreter interpreter, CoachingReplies coaching, TimeProvider time, ConversationOptions options, CoachMetrics? metrics = null)
{
    private readonly CoachMetrics _metrics = metrics ?? CoachMetrics.Shared;

    public async Task<HandlerReply?> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(message.Text) || message.Text.Length > options.MaxMessageLength)
        {
            return null;
        }

        var deal = await deals.FindLatestAsync(message.Channel, cancellationToken).ConfigureAwait(false);
        if (deal is null || deal.IsClosed)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var started = time.GetTimestamp();
        var understood = await interpreter.InterpretAsync(message.Text, new InterpretationContext(DateOnly.FromDateTime(now.UtcDateTime), deal.Type, deal.Counterparty), cancellationToken).ConfigureAwait(false);
        _metrics.InterpreterRan(time.GetElapsedTime(started), understood.Label.ToString());
        if (understood.Label == MessageLabel.Other || understood.Confidence < options.MinConfidence)
        {
            return null;
        }

        HandlerReply reply;
        switch (understood.Label)
        {
            case MessageLabel.Give:
                _metrics.GiveDetected(message.Channel.Platform);
                reply = new HandlerReply(await coaching.GiveAsync(deal, Draft(MoveKind.Give, understood.GiveText, understood, message), detectedInChat: true, cancellationToken).ConfigureAwait(false), Visibility.Thread);
                break;
            case MessageLabel.Get:
                reply = new HandlerReply(CoachingReplies.Get(deal, Draft(MoveKind.Get, understood.GetText, understood, message), now), Visibility.Thread);
                break;
            case MessageLabel.Trade:
                var give = Draft(MoveKind.Give, understood.GiveText, understood, message);
                var get = Draft(MoveKind.Get, understood.GetText, understood, message) with { Amount = null, AmountIsLevel = false };
                reply = new HandlerReply(CoachingReplies.Trade(deal, give, get, now), Visibility.Thread);
                break;
            case MessageLabel.Proposal:
                reply = new HandlerReply([await coaching.RephraseAsync(deal, understood.GiveText ?? message.Text, understood.GetText, cancellationToken).ConfigureAwait(false)], Visibility.Ephemeral);
                break;
            default:
                return null;
        }

        await deals.SaveAsync(deal, cancellationToken).ConfigureAwait(false);
        return deal.Quiet ? null : reply;
    }

    private static MoveDraft Draft(MoveKind kind, string? span, Interpretation understood, InboundMessage message) => new(
        kind,
        understood.Term,
        Describe(span ?? message.Text),
        understood.Amounts.Count > 0 ? understood.Amounts[0] : null,
        understood.AmountIsLevel,
        Conditional: false,
        Labelled: understood.Labelled,
        Author: message.User.Name,
        SourceMessageId: message.MessageId,
        SourceText: message.Text);

    /// <summary>Long messages are kept in the ledger by their first 160 characters.</summary>
    private static string Describe(string text)
    {
        var t = text.Trim();
        return t.Length <= 160 ? t : t[..159].TrimEnd() + "…";
    }
}
