using Microsoft.Extensions.Logging;
using Negotiation.Conversations.Ports;

namespace Negotiation.Conversations.Pipeline;

/// <summary>Delivers queued replies through the chat channel; a failed send is retried later, then parked.</summary>
public sealed partial class OutboxSender(IOutbox outbox, IChatChannel channel, ILogger<OutboxSender> logger)
{
    /// <summary>After this many failed attempts an item is parked for a person to look at.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Sends what is pending now; returns how many were delivered.</summary>
    public async Task<int> FlushAsync(int batchSize = 100, CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        foreach (var item in await outbox.ClaimAsync(batchSize, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await channel.SendAsync(item.Message, cancellationToken).ConfigureAwait(false);
                await outbox.MarkSentAsync(item.Id, cancellationToken).ConfigureAwait(false);
                delivered++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var park = item.Attempts + 1 >= MaxAttempts;
                Log.SendFailed(logger, e, item.Id, item.Message.InReplyToEventId, item.Attempts + 1, park);
                await outbox.MarkFailedAsync(item.Id, e.Message, park, cancellationToken).ConfigureAwait(false);
            }
        }

        return delivered;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Outbox item {ItemId} (event {EventId}) failed on attempt {Attempt}; parked: {Parked}")]
        public static partial void SendFailed(ILogger logger, Exception exception, long itemId, string eventId, int attempt, bool parked);
    }
}
