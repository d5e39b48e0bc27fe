using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Negotiation.Conversations.Inbound;
using Negotiation.Conversations.Ports;
using Negotiation.Storage.Model;

namespace Negotiation.Storage.Inbox;

/// <summary>
/// The durable inbox. Recording inserts the item and all its unique keys in one transaction, on SQLite shared
/// with the other requests of the moment (<see cref="InboxRecorder"/>); a key seen before means a duplicate, and
/// nothing of it stays written. Processing claims the oldest item whose channel has no earlier unfinished item —
/// on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so hosts share the work and one deal's moves stay in order —
/// and commits the handler's writes with the item's completion.
/// </summary>
public sealed partial class EfInbox(NegotiationDbContext db, WriteGate gate, InboxRecorder recorder, TimeProvider time, StorageOptions options, ILogger<EfInbox> logger) : IInbox
{
    /// <summary>Payloads larger than this are refused at the door.</summary>
    public const int MaxPayloadLength = 64 * 1024;

    public async Task<bool> TryRecordAsync(InboundActivity activity, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("An inbox item needs at least one unique key.", nameof(keys));
        }

        var (kind, payload) = StorageJson.Write(activity);
        if (payload.Length > MaxPayloadLength)
        {
            throw new ArgumentException($"The event is {payload.Length:N0} characters; the most the inbox takes is {MaxPayloadLength:N0}.", nameof(activity));
        }

        var item = new InboxItemRecord
        {
            ChannelKey = activity.Channel.ToString(),
            EventId = activity.EventId,
            Kind = kind,
            Payload = payload,
            ReceivedAtMs = time.Ms(),
        };
        var unique = keys.Distinct(StringComparer.Ordinal).ToList();
        var recorded = db.SharesAcrossHosts
            ? await InboxRecorder.WriteAloneAsync(db, item, unique, cancellationToken).ConfigureAwait(false)
            : await recorder.RecordAsync(item, unique, cancellationToken).ConfigureAwait(false);
        if (!recorded)
        {
            Log.Duplicate(logger, activity.EventId);
        }

        return recorded;
    }

    public async Task<bool> ProcessNextAsync(Func<InboundActivity, CancellationToken, Task> handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var entered = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        InboxItemRecord? item;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            item = (await db.Inbox.FromSqlRaw(ClaimSql).ToListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            if (item is null)
            {
                return false;
            }

            InboundActivity activity;
            try
            {
                activity = StorageJson.Read(item.Kind, item.Payload);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
            {
                // A payload we can't read will never get better: park it with the reason, and go on.
                Park(item, "Unreadable payload: " + e.Message);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                Log.Parked(logger, item.Id, item.EventId, item.LastError!);
                return true;
            }

            try
            {
                await handle(activity, cancellationToken).ConfigureAwait(false);
                item.Status = InboxStatus.Done;
                item.Attempts++;
                item.FinishedAtMs = time.Ms();
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                Log.Failed(logger, e, item.Id, item.EventId);
                await RecordFailureAsync(item.Id, e.Message, cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    /// <summary>Pending and parked counts, for health and metrics.</summary>
    public async Task<(int Pending, int Parked)> CountAsync(CancellationToken cancellationToken = default) =>
        (await db.Inbox.CountAsync(i => i.Status == InboxStatus.Pending, cancellationToken).ConfigureAwait(false),
         await db.Inbox.CountAsync(i => i.Status == InboxStatus.Parked, cancellationToken).ConfigureAwait(false));

    private string ClaimSql => db.SharesAcrossHosts
        ? ClaimSqlBase + " FOR UPDATE SKIP LOCKED"
        : ClaimSqlBase;

    private const string ClaimSqlBase =
        "SELECT * FROM inbox AS i WHERE i.status = 0 " +
        "AND NOT EXISTS (SELECT 1 FROM inbox AS j WHERE j.channel_key = i.channel_key AND j.status = 0 AND j.id < i.id) " +
        "ORDER BY i.id LIMIT 1";

    private async Task RecordFailureAsync(long id, string reason, CancellationToken cancellationToken)
    {
        var item = await db.Inbox.FirstAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
        item.Attempts++;
        item.LastError = Truncate(reason);
        if (item.Attempts >= options.InboxMaxAttempts)
        {
            Park(item, $"Failed {item.Attempts} times; last: {reason}");
            Log.Parked(logger, item.Id, item.EventId, item.LastError!);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    private void Park(InboxItemRecord item, string reason)
    {
        item.Status = InboxStatus.Parked;
        item.LastError = Truncate(reason);
        item.FinishedAtMs = time.Ms();
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..1999] + "…";

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Event {EventId} is a duplicate; acked without new work")]
        public static partial void Duplicate(ILogger logger, string eventId);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Inbox item {ItemId} (event {EventId}) failed")]
        public static partial void Failed(ILogger logger, Exception exception, long itemId, string eventId);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Inbox item {ItemId} (event {EventId}) parked: {Reason}")]
        public static partial void Parked(ILogger logger, long itemId, string eventId, string reason);
    }
}
