using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.Outbound;
using Negotiation.Domain.Deals;

namespace Negotiation.Conversations.Ports;

/// <summary>Deals, always looked up by the channel (and so the workspace) they belong to.</summary>
public interface IDealStore
{
    /// <summary>The deal most recently started in the channel, open or closed; null when there is none.</summary>
    Task<Deal?> FindLatestAsync(ChannelKey channel, CancellationToken cancellationToken = default);

    /// <summary>A deal by id, only if it belongs to the given platform workspace.</summary>
    Task<Deal?> FindAsync(string platform, string workspace, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Inserts or updates the deal and everything in it.</summary>
    Task SaveAsync(Deal deal, CancellationToken cancellationToken = default);

    /// <summary>The most recently started deals of one platform workspace, newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<Deal>> ListAsync(string platform, string workspace, int max, CancellationToken cancellationToken = default);

    /// <summary>Deletes a deal and everything in it, only if it belongs to the given platform workspace; false when there was none.</summary>
    Task<bool> DeleteAsync(string platform, string workspace, Guid id, CancellationToken cancellationToken = default);
}

/// <summary>Remembers which platform events were handled, so a retry or redelivery does no new work.</summary>
public interface IProcessedEventStore
{
    /// <summary>Marks the event as handled; false when it already was.</summary>
    Task<bool> TryMarkProcessedAsync(string eventKey, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>A reply waiting to be delivered, with its delivery record.</summary>
public sealed record OutboxItem(long Id, OutboundMessage Message, int Attempts, string? LastError);

/// <summary>Replies waiting to be delivered: written with the work that produced them, sent afterwards.</summary>
public interface IOutbox
{
    Task EnqueueAsync(OutboundMessage message, CancellationToken cancellationToken = default);

    /// <summary>Claims up to <paramref name="max"/> items due for delivery, so no other sender takes them meanwhile.</summary>
    Task<IReadOnlyList<OutboxItem>> ClaimAsync(int max, CancellationToken cancellationToken = default);

    Task MarkSentAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt: tried again from <paramref name="retryAt"/>, or parked for a person when it is null.</summary>
    Task MarkFailedAsync(long id, string reason, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);
}

/// <summary>The platform edge: delivers one reply to Slack, Teams, or a local simulator.</summary>
public interface IChatChannel
{
    /// <param name="idempotencyKey">Stable for one outbox item across retries, for platforms that can use it.</param>
    Task SendAsync(OutboundMessage message, string idempotencyKey, CancellationToken cancellationToken = default);
}

/// <summary>A delivery the platform refused or couldn't take: transient ones are retried, the rest parked.</summary>
public sealed class ChatDeliveryException(string message, bool transient, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Worth trying again later (rate limit, 5xx, network).</summary>
    public bool Transient { get; } = transient;

    /// <summary>How long the platform asked us to wait (Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>
/// Durable inbound work: an adapter records an event and acks; workers later process it, with everything the
/// pipeline wrote (deal, processed key, replies) committed together with the item's completion.
/// </summary>
public interface IInbox
{
    /// <summary>Records the activity under every one of its unique keys; false when any key was seen before (a duplicate).</summary>
    Task<bool> TryRecordAsync(InboundActivity activity, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the oldest item no other worker holds whose channel has no earlier unfinished item, runs
    /// <paramref name="handle"/> on it and commits its work; false when nothing was waiting.
    /// </summary>
    Task<bool> ProcessNextAsync(Func<InboundActivity, CancellationToken, Task> handle, CancellationToken cancellationToken = default);
}

/// <summary>
/// Read-only links to a deal's page ("Open ledger") that only people who were shown them can open: signed and
/// expiring. Hosts without a public address issue none.
/// </summary>
public interface IDealLinks
{
    /// <summary>A link to the deal's read-only view, or null when this host has no public address.</summary>
    Uri? ReadOnlyLink(Deal deal);
}
