using Microsoft.Extensions.Time.Testing;
using Negotiation.Bot.DealRoom;
using Negotiation.Conversations.Outbound;
using Negotiation.Domain.Deals;

namespace Negotiation.Bot.Tests.DealRoom;

/// <summary>The room's chat log: per channel, in order, and a reply the outbox delivers twice is shown once.</summary>
public sealed class RoomLogTests
{
    private readonly RoomLog _log = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero)));

    private static OutboundMessage Reply(string channel, string thread) =>
        new("e1", new ChannelKey("room", "room", channel), thread, Visibility.Ephemeral, "room:priya", [new ReplyPart(ReplyKind.CommandReply, "Phase is now Propose.")]);

    [Fact]
    public void AddReply_SameIdempotencyKeyTwice_IsShownOnce()
    {
        var message = _log.AddMessage("m1", "deal-a", null, "Priya", "/deal phase propose");

        Assert.NotNull(_log.AddReply("outbox-7", Reply("deal-a", "m1")));
        Assert.Null(_log.AddReply("outbox-7", Reply("deal-a", "m1")));

        var entries = _log.After("deal-a", 0);
        Assert.Equal(2, entries.Count);
        Assert.Equal(message, entries[0]);
        Assert.Equal(("m1", "ephemeral", "room:priya", "command_reply"), (entries[1].ThreadId, entries[1].Visibility, entries[1].Recipient, entries[1].Parts![0].Kind));
    }

    [Fact]
    public void After_ReturnsOnlyThatChannelsLaterEntries_InOrder()
    {
        var first = _log.AddMessage("m1", "deal-a", null, "Priya", "one");
        _log.AddMessage("m2", "deal-b", null, "Sam", "elsewhere");
        var third = _log.AddMessage("m3", "deal-a", null, "Marco", "three");

        Assert.Equal(["m1", "m3"], _log.After("deal-a", 0).Select(e => e.Id));
        Assert.Equal(["m3"], _log.After("deal-a", first.Sequence).Select(e => e.Id));
        Assert.Empty(_log.After("deal-a", third.Sequence));
        Assert.Empty(_log.After("deal-none", 0));
    }
}
