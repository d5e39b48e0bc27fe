using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Negotiation.Storage.Model;

namespace Negotiation.Storage.Hosting;

/// <summary>Creates and migrates the database on start, and sweeps what retention no longer keeps.</summary>
public sealed class StorageMaintenance(NegotiationDbContext db, StorageOptions options, TimeProvider time)
{
    /// <summary>Creates the database (and the SQLite file's folder), turns on WAL for SQLite, and applies migrations.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (!db.SharesAcrossHosts)
        {
            var file = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (file != ":memory:" && !string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (!db.SharesAcrossHosts)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when the database answers and every migration is applied.</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
                && !(await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Any();
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>Deletes processed keys, finished inbox items (and their keys) and sent replies older than the retention.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.Ms() - (long)options.Retention.TotalMilliseconds;
        var removed = await db.ProcessedEvents.Where(p => p.SeenAtMs < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        removed += await db.InboxKeys.Where(k => k.RecordedAtMs < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        removed += await db.Inbox.Where(i => i.Status == InboxStatus.Done && i.FinishedAtMs < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        removed += await db.Outbox.Where(o => o.Status == OutboxStatus.Sent && o.SentAtMs < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }
}
