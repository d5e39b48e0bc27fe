using System.Collections.Concurrent;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Ports;

namespace Negotiation.Bot.DealRoom;

/// <summary>One piece of a bot reply as the room draws it: the renderers' text and structure, with the kind tools read.</summary>
public sealed record RoomPart(
    string Kind,
    string Text,
    string? Title,
    IReadOnlyList<Section> Sections,
    IReadOnlyList<Field> Fields,
    IReadOnlyList<RoomButton> Buttons,
    LedgerTable? Table);

/// <summary>A reply button; <see cref="Url"/> is set for link buttons.</summary>
public sealed record RoomButton(string ActionId, string Label, string Value, string? Url);

/// <summary>A message in a room channel: a teammate's, or a bot reply (with its parts) in a thread.</summary>
public sealed record RoomEntry(
    long Sequence,
    string Id,
    string Channel,
    string? ThreadId,
    string Author,
    bool IsBot,
    DateTimeOffset At,
    string Text,
    string? Visibility = null,
    string? Recipient = null,
    IReadOnlyList<RoomPart>? Parts = null);

/// <summary>
/// What was said in the room's channels, in memory: teammates' messages as posted, and the replies the outbox delivered
/// to the room's chat channel. The deals themselves live in the database; this is only the simulated chat history.
/// </summary>
public sealed class RoomLog(TimeProvider time)
{
    /// <summary>Entries kept per channel; older ones scroll away.</summary>
    public const int KeptPerChannel = 2000;

    private readonly ConcurrentDictionary<string, List<RoomEntry>> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _delivered = new(StringComparer.Ordinal);
    private long _sequence;

    public RoomEntry AddMessage(string id, string channel, string? threadId, string author, string text) =>
        Add(channel, sequence => new RoomEntry(sequence, id, channel, threadId, author, false, time.GetUtcNow(), text));

    /// <summary>Adds a delivered reply once per idempotency key (the outbox may deliver again after a crash).</summary>
    public RoomEntry? AddReply(string idempotencyKey, OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_delivered.TryAdd(idempotencyKey, 0))
        {
            return null;
        }

        var parts = message.Parts.Select(p => new RoomPart(
            p.WireKind,
            p.Text,
            p.Title,
            p.Sections,
            p.Fields,
            p.Buttons.Select(b => new RoomButton(b.ActionId, b.Label, b.Value, b.Url?.AbsoluteUri)).ToList(),
            p.Table)).ToList();
        return Add(message.Channel.Channel, sequence => new RoomEntry(
            sequence,
            "reply-" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            message.Channel.Channel,
            message.ThreadId,
            "Negotiation Coach",
            true,
            time.GetUtcNow(),
            message.ToPlainText(),
            message.Visibility == Visibility.Ephemeral ? "ephemeral" : "thread",
            message.Visibility == Visibility.Ephemeral ? message.RecipientUserId : null,
            parts));
    }

    /// <summary>The channel's entries with a sequence above <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<RoomEntry> After(string channel, long after)
    {
        if (!_channels.TryGetValue(channel, out var entries))
        {
            return [];
        }

        lock (entries)
        {
            return entries.Where(e => e.Sequence > after).ToList();
        }
    }

    private RoomEntry Add(string channel, Func<long, RoomEntry> create)
    {
        var entries = _channels.GetOrAdd(channel, _ => []);
        lock (entries)
        {
            // Numbered under the channel's lock, so a poller never sees a later entry before an earlier one.
            var entry = create(Interlocked.Increment(ref _sequence));
            entries.Add(entry);
            if (entries.Count > KeptPerChannel)
            {
                entries.RemoveRange(0, entries.Count - KeptPerChannel);
            }

            return entry;
        }
    }
}

/// <summary>The room's platform edge: delivered replies go into the room log, where the page reads them.</summary>
public sealed class RoomChatChannel(RoomLog log) : IChatChannel
{
    public Task SendAsync(OutboundMessage message, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        log.AddReply(idempotencyKey, message);
        return Task.CompletedTask;
    }
}
