using Microsoft.Extensions.Logging.Abstractions;
using Negotiation.Conversations.InMemory;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Pipeline;
using Negotiation.Conversations.Ports;
using Negotiation.Domain.Deals;

namespace Negotiation.Conversations.Tests.Pipeline;

public class OutboxSenderTests
{
    private static OutboundMessage Reply(string id) =>
        new(id, new ChannelKey("slack", "T1", "C1"), "ts-1", Visibility.Thread, "U1", [new ReplyPart(ReplyKind.CommandReply, "hello")]);

    [Fact]
    public async Task FlushAsync_DeliversEachItemOnceInOrder()
    {
        var outbox = new InMemoryOutbox();
        var channel = new RecordingChatChannel();
        var sender = new OutboxSender(outbox, channel, NullLogger<OutboxSender>.Instance);
        await outbox.EnqueueAsync(Reply("e1"));
        await outbox.EnqueueAsync(Reply("e2"));

        Assert.Equal(2, await sender.FlushAsync());
        Assert.Equal(0, await sender.FlushAsync());
        Assert.Equal(["e1", "e2"], channel.Sent.Select(m => m.InReplyToEventId));
    }

    [Fact]
    public async Task FlushAsync_FailingChannel_RetriesThenParksWithTheReason()
    {
        var outbox = new InMemoryOutbox();
        var channel = new UnreachableChatChannel();
        var sender = new OutboxSender(outbox, channel, NullLogger<OutboxSender>.Instance);
        await outbox.EnqueueAsync(Reply("e1"));

        for (var attempt = 1; attempt <= OutboxSender.MaxAttempts; attempt++)
        {
            Assert.Equal(0, await sender.FlushAsync());
        }

        Assert.Equal(OutboxSender.MaxAttempts, channel.Attempts);
        var parked = Assert.Single(outbox.Parked);
        Assert.Equal("connection refused", parked.LastError);
        Assert.Equal(0, await sender.FlushAsync());
        Assert.Equal(OutboxSender.MaxAttempts, channel.Attempts);
    }

    /// <summary>The platform edge, down.</summary>
    private sealed class UnreachableChatChannel : IChatChannel
    {
        public int Attempts { get; private set; }

        public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
        {
            Attempts++;
            throw new HttpRequestException("connection refused");
        }
    }
}
