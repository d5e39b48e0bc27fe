using System.Globalization;
using Microsoft.Extensions.Logging;
using Negotiation.Conversations.Ports;
using Negotiation.Conversations.Telemetry;

namespace Negotiation.Conversations.Pipeline;

/// <summary>
/// Delivers queued replies through the chat channel. A transient failure is retried with exponential backoff
/// (or after the platform's Retry-After, when longer); a permanent one, or the fifth failure, parks the item.
/// </summary>
public sealed partial class OutboxSender(IOutbox outbox, IChatChannel channel, TimeProvider time, ILogger<OutboxSender> logger, CoachMetrics? metrics = null)
{
    /// <summary>After this many failed attempts an item is parked for a person to look at.</summary>
    public const int MaxAttempts = 5;

    /// <summary>The wait before the first retry; it doubles with each attempt.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(2);

    /// <summary>Sends what is due now; returns how many were delivered.</summary>
    private readonly CoachMetrics _metrics = metrics ?? CoachMetrics.Shared;

    public async Task<int> FlushAsync(int batchSize = 100, CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        foreach (var item in await outbox.ClaimAsync(batchSize, cancellationToken).ConfigureAwait(false))
        {
            using var span = CoachMetrics.StartOutboxSend(item.Id, item.Message, item.Attempts + 1);
            try
            {
                await channel.SendAsync(item.Message, IdempotencyKey(item), cancellationToken).ConfigureAwait(false);
                await outbox.MarkSentAsync(item.Id, cancellationToken).ConfigureAwait(false);
                _metrics.ReplySent(item.Message);
                delivered++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var attempt = item.Attempts + 1;
                var retryAt = RetryAt(e, attempt);
                Log.SendFailed(logger, e, item.Id, item.Message.InReplyToEventId, attempt, retryAt is null);
                _metrics.ReplyFailed(item.Message.Channel.Platform, parked: retryAt is null);
                span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
                await outbox.MarkFailedAsync(item.Id, e.Message, retryAt, cancellationToken).ConfigureAwait(false);
            }
        }

        return delivered;
    }

    /// <summary>The same for every attempt at one item, so a platform that dedupes can drop a repeat.</summary>
    public static string IdempotencyKey(OutboxItem item) => "outbox-" + item.Id.ToString(CultureInfo.InvariantCulture);

    private DateTimeOffset? RetryAt(Exception e, int attempt)
    {
        var transient = e is not ChatDeliveryException { Transient: false };
        if (!transient || attempt >= MaxAttempts)
        {
            return null;
        }

        var backoff = FirstBackoff * Math.Pow(2, attempt - 1);
        var asked = (e as ChatDeliveryException)?.RetryAfter ?? TimeSpan.Zero;
        return time.GetUtcNow() + (asked > backoff ? asked : backoff);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Outbox item {ItemId} (event {EventId}) failed on attempt {Attempt}; parked: {Parked}")]
        public static partial void SendFailed(ILogger logger, Exception exception, long itemId, string eventId, int attempt, bool parked);
    }
}
