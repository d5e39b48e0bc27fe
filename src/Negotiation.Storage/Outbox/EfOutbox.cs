using Microsoft.EntityFrameworkCore;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Ports;
using Negotiation.Storage.Model;

namespace Negotiation.Storage.Outbox;

/// <summary>
/// The durable outbox. Enqueueing joins the caller's transaction (the inbox item's), so a reply exists exactly
/// when its work was committed. Claims are leases: a sender that dies releases its items when the lease lapses.
/// </summary>
public sealed class EfOutbox(NegotiationDbContext db, WriteGate gate, TimeProvider time) : IOutbox
{
    /// <summary>How long a claim holds an item before another sender may take it.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    public async Task EnqueueAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.Ms();
        db.Outbox.Add(new OutboxItemRecord
        {
            EventId = message.InReplyToEventId,
            ChannelKey = message.Channel.ToString(),
            Payload = StorageJson.Serialize(message),
            CreatedAtMs = now,
            DueAtMs = now,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutboxItem>> ClaimAsync(int max, CancellationToken cancellationToken = default)
    {
        var now = time.Ms();
        var until = now + (long)ClaimLease.TotalMilliseconds;
        List<OutboxItemRecord> claimed;
        using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed = db.SharesAcrossHosts
                ? await db.Outbox.FromSql($"""
                    UPDATE outbox SET status = 1, claimed_until_ms = {until}
                    WHERE id IN (SELECT id FROM outbox
                                 WHERE (status = 0 AND due_at_ms <= {now}) OR (status = 1 AND claimed_until_ms < {now})
                                 ORDER BY id LIMIT {max} FOR UPDATE SKIP LOCKED)
                    RETURNING *
                    """).AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false)
                : await db.Outbox.FromSql($"""
                    UPDATE outbox SET status = 1, claimed_until_ms = {until}
                    WHERE id IN (SELECT id FROM outbox
                                 WHERE (status = 0 AND due_at_ms <= {now}) OR (status = 1 AND claimed_until_ms < {now})
                                 ORDER BY id LIMIT {max})
                    RETURNING *
                    """).AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var items = new List<OutboxItem>(claimed.Count);
        foreach (var record in claimed.OrderBy(r => r.Id))
        {
            OutboundMessage? message = null;
            try
            {
                message = StorageJson.Deserialize<OutboundMessage>(record.Payload);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
            {
                await MarkFailedAsync(record.Id, "Unreadable payload: " + e.Message, retryAt: null, cancellationToken).ConfigureAwait(false);
            }

            if (message is not null)
            {
                items.Add(new OutboxItem(record.Id, message, record.Attempts, record.LastError));
            }
        }

        return items;
    }

    public async Task MarkSentAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = time.Ms();
        using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            await db.Outbox.Where(o => o.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Sent).SetProperty(o => o.SentAtMs, now), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    public async Task MarkFailedAsync(long id, string reason, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        var error = reason.Length <= 2000 ? reason : reason[..1999] + "…";
        var status = retryAt is null ? OutboxStatus.Parked : OutboxStatus.Pending;
        var due = retryAt?.Ms() ?? time.Ms();
        using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            await db.Outbox.Where(o => o.Id == id)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(o => o.Status, status)
                        .SetProperty(o => o.Attempts, o => o.Attempts + 1)
                        .SetProperty(o => o.LastError, error)
                        .SetProperty(o => o.DueAtMs, due),
                    cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Pending and parked counts, and the oldest parked reason, for health and metrics.</summary>
    public async Task<(int Pending, int Parked)> CountAsync(CancellationToken cancellationToken = default) =>
        (await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Pending || o.Status == OutboxStatus.Claimed, cancellationToken).ConfigureAwait(false),
         await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Parked, cancellationToken).ConfigureAwait(false));
}
