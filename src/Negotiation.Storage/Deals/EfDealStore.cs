using Microsoft.EntityFrameworkCore;
using Negotiation.Conversations.Ports;
using Negotiation.Domain.Deals;
using Negotiation.Storage.Model;

namespace Negotiation.Storage.Deals;

/// <summary>Deals in the database. Every query names the platform and workspace (and channel) it may read.</summary>
public sealed class EfDealStore(NegotiationDbContext db, TimeProvider time) : IDealStore
{
    public async Task<Deal?> FindLatestAsync(ChannelKey channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var record = await db.Deals
            .Where(d => d.Platform == channel.Platform && d.Workspace == channel.Workspace && d.Channel == channel.Channel)
            .OrderByDescending(d => d.Ordinal)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return record is null ? null : Read(record);
    }

    public async Task<Deal?> FindAsync(string platform, string workspace, Guid id, CancellationToken cancellationToken = default)
    {
        var record = await db.Deals
            .FirstOrDefaultAsync(d => d.Id == id && d.Platform == platform && d.Workspace == workspace, cancellationToken)
            .ConfigureAwait(false);
        return record is null ? null : Read(record);
    }

    public async Task SaveAsync(Deal deal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var record = await db.Deals.FirstOrDefaultAsync(d => d.Id == deal.Id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            var channel = deal.Channel;
            var last = await db.Deals
                .Where(d => d.Platform == channel.Platform && d.Workspace == channel.Workspace && d.Channel == channel.Channel)
                .MaxAsync(d => (long?)d.Ordinal, cancellationToken)
                .ConfigureAwait(false);
            record = new DealRecord
            {
                Id = deal.Id,
                Platform = channel.Platform,
                Workspace = channel.Workspace,
                Channel = channel.Channel,
                Ordinal = (last ?? 0) + 1,
                Name = deal.Name,
                Phase = deal.Phase.ToString(),
                Type = deal.Type.ToString(),
                StartedAtMs = deal.StartedAt.Ms(),
                Document = "",
            };
            db.Deals.Add(record);
        }
        else if (record.Platform != deal.Channel.Platform || record.Workspace != deal.Channel.Workspace || record.Channel != deal.Channel.Channel)
        {
            throw new InvalidOperationException("A deal can't move to another channel.");
        }
        else
        {
            record.Version++;
        }

        record.Name = deal.Name;
        record.Phase = deal.Phase.ToString();
        record.Type = deal.Type.ToString();
        record.IsClosed = deal.IsClosed;
        record.UpdatedAtMs = time.Ms();
        record.Document = StorageJson.Serialize(deal.ToSnapshot());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Deal>> ListAsync(string platform, string workspace, int max, CancellationToken cancellationToken = default)
    {
        var records = await db.Deals
            .Where(d => d.Platform == platform && d.Workspace == workspace)
            .OrderByDescending(d => d.StartedAtMs)
            .ThenByDescending(d => d.Ordinal)
            .Take(max)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return records.Select(Read).ToList();
    }

    public async Task<bool> DeleteAsync(string platform, string workspace, Guid id, CancellationToken cancellationToken = default)
    {
        var deleted = await db.Deals
            .Where(d => d.Id == id && d.Platform == platform && d.Workspace == workspace)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
        return deleted > 0;
    }

    private static Deal Read(DealRecord record) => Deal.Restore(StorageJson.Deserialize<DealSnapshot>(record.Document));
}
