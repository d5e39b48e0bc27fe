using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Negotiation.Storage.Model;

namespace Negotiation.Storage.Inbox;

/// <summary>
/// Group commit for inbox recording where the database takes one writer (SQLite). Requests that arrive together
/// are written in one transaction — one disk flush for all of them — and each caller is answered only after that
/// commit, so an ack still means "on disk". A key already taken (by an earlier item or one earlier in the same
/// batch) makes that item a duplicate: it is removed again inside the transaction, and the others are unaffected.
/// PostgreSQL takes many writers, and batches from several hosts could deadlock on each other's keys, so there
/// each request writes alone (<see cref="WriteAloneAsync"/>).
/// </summary>
public sealed class InboxRecorder : IAsyncDisposable
{
    /// <summary>The most items one transaction takes; more wait for the next.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly Task _writer;

    public InboxRecorder(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>True when recorded and committed; false when one of the keys was seen before (a duplicate).</summary>
    public async Task<bool> RecordAsync(InboxItemRecord item, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var pending = new Pending(item, keys, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(InboxRecorder), "The inbox is shutting down.");
        }

        // The caller may stop waiting; the write itself goes ahead (a retry of the event is then a duplicate).
        return await pending.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var results = await CommitAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(e);
                }
            }

            batch.Clear();
        }
    }

    private async Task<bool[]> CommitAsync(List<Pending> batch)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<NegotiationDbContext>();
            var gate = scope.ServiceProvider.GetRequiredService<WriteGate>();
            using var entered = await gate.EnterAsync(CancellationToken.None).ConfigureAwait(false);
            await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
            db.Inbox.AddRange(batch.Select(p => p.Item));
            await db.SaveChangesAsync().ConfigureAwait(false);

            var results = new bool[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = await TryClaimKeysAsync(db, batch[i].Item, batch[i].Keys, CancellationToken.None).ConfigureAwait(false);
            }

            await transaction.CommitAsync().ConfigureAwait(false);
            return results;
        }
    }

    /// <summary>One item in its own transaction, on the caller's context.</summary>
    public static async Task<bool> WriteAloneAsync(NegotiationDbContext db, InboxItemRecord item, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.Inbox.Add(item);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var recorded = await TryClaimKeysAsync(db, item, keys, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return recorded;
    }

    /// <summary>Inserts the item's keys; when one is taken, removes what this item wrote and answers false.</summary>
    private static async Task<bool> TryClaimKeysAsync(NegotiationDbContext db, InboxItemRecord item, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var id = item.Id;
        var at = item.ReceivedAtMs;

        // One statement for all the keys: fewer inserted rows than keys means one was taken.
        // Only numbered placeholders go into the text; every value is a parameter.
        var sql = "INSERT INTO inbox_keys (key, inbox_id, recorded_at_ms) VALUES "
            + string.Join(", ", keys.Select((_, i) => $"({{{i}}}, {{{keys.Count}}}, {{{keys.Count + 1}}})"))
            + " ON CONFLICT (key) DO NOTHING";
        object[] parameters = [.. keys, id, at];
        var inserted = await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
        if (inserted == keys.Count)
        {
            return true;
        }

        await db.Database.ExecuteSqlAsync($"DELETE FROM inbox_keys WHERE inbox_id = {id}", cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlAsync($"DELETE FROM inbox WHERE id = {id}", cancellationToken).ConfigureAwait(false);
        return false;
    }

    private sealed record Pending(InboxItemRecord Item, IReadOnlyList<string> Keys, TaskCompletionSource<bool> Done);
}
