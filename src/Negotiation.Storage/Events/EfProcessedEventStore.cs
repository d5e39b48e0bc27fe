using Microsoft.EntityFrameworkCore;
using Negotiation.Conversations.Ports;
using Negotiation.Storage.Model;

namespace Negotiation.Storage.Events;

/// <summary>Processed event keys in the database: an insert that does nothing when the key is already there.</summary>
public sealed class EfProcessedEventStore(NegotiationDbContext db) : IProcessedEventStore
{
    public async Task<bool> TryMarkProcessedAsync(string eventKey, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var inserted = await db.Database
            .ExecuteSqlAsync($"INSERT INTO processed_events (key, seen_at_ms) VALUES ({eventKey}, {at.Ms()}) ON CONFLICT (key) DO NOTHING", cancellationToken)
            .ConfigureAwait(false);
        return inserted == 1;
    }
}
