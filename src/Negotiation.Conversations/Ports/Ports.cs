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

    /// <summary>Claims up to <paramref name="max"/> unsent items for this sender.</summary>
    Task<IReadOnlyList<OutboxItem>> ClaimAsync(int max, CancellationToken cancellationToken = default);

    Task MarkSentAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt; the item is tried again later unless <paramref name="park"/> is true.</summary>
    Task MarkFailedAsync(long id, string reason, bool park, CancellationToken cancellationToken = default);
}

/// <summary>The platform edge: delivers one reply to Slack, Teams, or a local simulator.</summary>
public interface IChatChannel
{
    Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default);
}
