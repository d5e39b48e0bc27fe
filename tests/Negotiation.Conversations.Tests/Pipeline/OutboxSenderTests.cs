using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Negotiation.Conversations.InMemory;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Pipeline;
using Negotiation.Conversations.Ports;
using Negotiation.Domain.Deals;

namespace Negotiation.Conversations.Tests.Pipeline;

public class OutboxSenderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryOutbox _outbox;

    public OutboxSenderTests() => _outbox = new InMemoryOutbox(_time);

    private static OutboundMessage Reply(string id) =>
        new(id, new ChannelKey("slack", "T1", "C1"), "ts-1", Visibility.Thread, "U1", [new ReplyPart(ReplyKind.CommandReply, "hello")]);

    private OutboxSender Sender(IChatChannel channel) => new(_outbox, channel, _time, NullLogger<OutboxSender>.Instance);

    [Fact]
    public async Task FlushAsync_DeliversEachItemOnceInOrder()
    {
        var channel = new RecordingChatChannel();
        var sender = Sender(channel);
        await _outbox.EnqueueAsync(Reply("e1"));
        await _outbox.EnqueueAsync(Reply("e2"));

        Assert.Equal(2, await sender.FlushAsync());
        Assert.Equal(0, await sender.FlushAsync());
        Assert.Equal(["e1", "e2"], channel.Sent.Select(m => m.InReplyToEventId));
    }

    [Fact]
    public async Task FlushAsync_TransientFailure_RetriesAfterBackoffNotBefore()
    {
        var channel = new FlakyChatChannel(failures: 1, new ChatDeliveryException("502 from platform", transient: true));
        var sender = Sender(channel);
        await _outbox.EnqueueAsync(Reply("e1"));

        Assert.Equal(0, await sender.FlushAsync());
        _time.Advance(OutboxSender.FirstBackoff - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await sender.FlushAsync());
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await sender.FlushAsync());
        Assert.Equal(2, channel.Attempts);
    }

    [Fact]
    public async Task FlushAsync_RateLimited_WaitsForRetryAfterWhenLongerThanBackoff()
    {
        var channel = new FlakyChatChannel(failures: 1, new ChatDeliveryException("ratelimited", transient: true, TimeSpan.FromSeconds(30)));
        var sender = Sender(channel);
        await _outbox.EnqueueAsync(Reply("e1"));

        await sender.FlushAsync();
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await sender.FlushAsync());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await sender.FlushAsync());
    }

    [Fact]
    public async Task FlushAsync_PermanentFailure_ParksAtOnceWithTheReason()
    {
        var channel = new FlakyChatChannel(failures: int.MaxValue, new ChatDeliveryException("channel_not_found", transient: false));
        var sender = Sender(channel);
        await _outbox.EnqueueAsync(Reply("e1"));

        await sender.FlushAsync();
        _time.Advance(TimeSpan.FromHours(1));
        await sender.FlushAsync();

        Assert.Equal(1, channel.Attempts);
        Assert.Equal("channel_not_found", Assert.Single(_outbox.Parked).LastError);
    }

    [Fact]
    public async Task FlushAsync_RepeatedTransientFailures_ParkAfterMaxAttemptsWithTheSameIdempotencyKey()
    {
        var channel = new FlakyChatChannel(failures: int.MaxValue, new HttpRequestException("connection refused"));
        var sender = Sender(channel);
        await _outbox.EnqueueAsync(Reply("e1"));

        for (var attempt = 1; attempt <= OutboxSender.MaxAttempts + 2; attempt++)
        {
            await sender.FlushAsync();
            _time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(OutboxSender.MaxAttempts, channel.Attempts);
        Assert.Single(channel.Keys.Distinct());
        var parked = Assert.Single(_outbox.Parked);
        Assert.Equal("connection refused", parked.LastError);
        Assert.Equal(OutboxSender.MaxAttempts, parked.Attempts);
    }

    /// <summary>The platform edge, failing a number of times before it works.</summary>
    private sealed class FlakyChatChannel(int failures, Exception error) : IChatChannel
    {
        public int Attempts { get; private set; }

        public List<string> Keys { get; } = [];

        public Task SendAsync(OutboundMessage message, string idempotencyKey, CancellationToken cancellationToken = default)
        {
            Attempts++;
            Keys.Add(idempotencyKey);
            return Attempts <= failures ? Task.FromException(error) : Task.CompletedTask;
        }
    }
}
