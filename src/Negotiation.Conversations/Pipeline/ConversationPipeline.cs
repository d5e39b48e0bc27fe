using Microsoft.Extensions.Logging;
using Negotiation.Conversations.Handlers;
using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Ports;
using Negotiation.Conversations.Telemetry;
using Negotiation.Domain.Deals;

namespace Negotiation.Conversations.Pipeline;

/// <summary>
/// The one dispatch every adapter calls: ordered middleware, then the command or chat handler, then at most one
/// reply, addressed to the message's thread (or the deal thread) and written to the outbox.
/// </summary>
public sealed partial class ConversationPipeline
{
    private readonly InboundStep _entry;
    private readonly IOutbox _outbox;
    private readonly ILogger<ConversationPipeline> _logger;

    /// <param name="middleware">Runs in the order given.</param>
    public ConversationPipeline(IEnumerable<IInboundMiddleware> middleware, DealCommandHandler commands, ChatMessageHandler chat, IOutbox outbox, ILogger<ConversationPipeline> logger)
    {
        _outbox = outbox;
        _logger = logger;
        InboundStep entry = (activity, cancellationToken) => DispatchAsync(activity, commands, chat, cancellationToken);
        foreach (var step in middleware.Reverse())
        {
            var next = entry;
            entry = (activity, cancellationToken) => step.InvokeAsync(activity, next, cancellationToken);
        }

        _entry = entry;
    }

    /// <summary>Handles one activity; returns the reply that was queued, or null when the bot stays silent.</summary>
    public async Task<OutboundMessage?> ProcessAsync(InboundActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        using var span = CoachMetrics.StartInboxProcess(activity);
        HandlerReply? reply;
        try
        {
            reply = await _entry(activity, cancellationToken).ConfigureAwait(false);
        }
        catch (DealRuleException e)
        {
            reply = HandlerReply.Error(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.HandlerFailed(_logger, e, activity.EventId, activity.Channel.Platform);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            reply = HandlerReply.Error($"Sorry, something went wrong handling that (event {activity.EventId}). Please try again; if it keeps happening, tell your admin.");
        }

        if (reply is null || reply.Parts.Count == 0)
        {
            Log.Silent(_logger, activity.EventId);
            span?.SetTag("coach.replied", false);
            return null;
        }

        var message = new OutboundMessage(activity.EventId, activity.Channel, reply.ThreadId ?? activity.ReplyThreadId, reply.Visibility, activity.User.Id, reply.Parts)
        {
            SourceMessageId = activity.MessageId,
            ResponseUrl = activity.ResponseUrl,
        };
        await _outbox.EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
        Log.Replied(_logger, activity.EventId, message.Parts.Count);
        span?.SetTag("coach.replied", true);
        return message;
    }

    private static async Task<HandlerReply?> DispatchAsync(InboundActivity activity, DealCommandHandler commands, ChatMessageHandler chat, CancellationToken cancellationToken) =>
        activity switch
        {
            InboundCommand command => await commands.HandleAsync(command, cancellationToken).ConfigureAwait(false),
            InboundMessage message => await chat.HandleAsync(message, cancellationToken).ConfigureAwait(false),
            _ => null,
        };

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Handling event {EventId} from {Platform} failed")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, string eventId, string platform);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Event {EventId}: no reply")]
        public static partial void Silent(ILogger logger, string eventId);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Event {EventId}: queued a reply with {Parts} parts")]
        public static partial void Replied(ILogger logger, string eventId, int parts);
    }
}
