using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Ports;

namespace Negotiation.Bot.Channels;

/// <summary>Hands each reply to the chat channel of its platform (registered keyed by platform name).</summary>
public sealed class ChatChannelRouter(IServiceProvider services) : IChatChannel
{
    public Task SendAsync(OutboundMessage message, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var channel = services.GetKeyedService<IChatChannel>(message.Channel.Platform)
            ?? throw new ChatDeliveryException($"No chat channel for platform \"{message.Channel.Platform}\" is configured on this host.", transient: false);
        return channel.SendAsync(message, idempotencyKey, cancellationToken);
    }
}

/// <summary>Wakes the inbox workers whenever an adapter records new work on this host, and counts the acks.</summary>
public sealed class SignallingInbox(IInbox inner, Workers.WorkSignals signals, Conversations.Telemetry.CoachMetrics metrics) : IInbox
{
    public async Task<bool> TryRecordAsync(Conversations.Inbound.InboundActivity activity, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var recorded = await inner.TryRecordAsync(activity, keys, cancellationToken).ConfigureAwait(false);
        // Recorded or a duplicate, the adapter acks either way (a failure throws before this).
        metrics.Acked(activity.Channel.Platform, duplicate: !recorded);
        if (recorded)
        {
            signals.Inbox.Notify();
        }

        return recorded;
    }

    public Task<bool> ProcessNextAsync(Func<Conversations.Inbound.InboundActivity, CancellationToken, Task> handle, CancellationToken cancellationToken = default) =>
        inner.ProcessNextAsync(handle, cancellationToken);
}
