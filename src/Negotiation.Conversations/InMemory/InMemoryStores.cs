using System.Collections.Concurrent;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Ports;
using Negotiation.Domain.Deals;

namespace Negotiation.Conversations.InMemory;

/// <summary>Deals kept in process memory: for tests, the CLI and the local simulator.</summary>
public sealed class InMemoryDealStore : IDealStore
{
    private readonly ConcurrentDictionary<Guid, (Deal Deal, long Order)> _deals = new();
    private long _order;

    public Task<Deal?> FindLatestAsync(ChannelKey channel, CancellationToken cancellationToken = default) =>
        Task.FromResult(_deals.Values.Where(d => d.Deal.Channel == channel).OrderByDescending(d => d.Order).Select(d => d.Deal).FirstOrDefault());

    public Task<Deal?> FindAsync(string platform, string workspace, Guid id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_deals.TryGetValue(id, out var entry) && entry.Deal.Channel.Platform == platform && entry.Deal.Channel.Workspace == workspace ? entry.Deal : null);

    public Task SaveAsync(Deal deal, CancellationToken cancellationToken = default)
    {
        // Deals keep the order they were first saved in, so "latest" doesn't depend on clock resolution.
        _deals.AddOrUpdate(deal.Id, id => (deal, Interlocked.Increment(ref _order)), (id, old) => (deal, old.Order));
        return Task.CompletedTask;
    }
}

/// <summary>Processed event keys kept in process memory.</summary>
public sealed class InMemoryProcessedEventStore : IProcessedEventStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public Task<bool> TryMarkProcessedAsync(string eventKey, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Task.FromResult(_seen.TryAdd(eventKey, at));
}

/// <summary>An outbox in process memory, in order of enqueueing.</summary>
public sealed class InMemoryOutbox : IOutbox
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private long _nextId;

    public Task EnqueueAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _entries.Add(new Entry(++_nextId, message));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxItem>> ClaimAsync(int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var claimed = _entries.Where(e => e.State == EntryState.Pending).Take(max).ToList();
            claimed.ForEach(e => e.State = EntryState.Claimed);
            return Task.FromResult<IReadOnlyList<OutboxItem>>(claimed.Select(e => new OutboxItem(e.Id, e.Message, e.Attempts, e.LastError)).ToList());
        }
    }

    public Task MarkSentAsync(long id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Find(id).State = EntryState.Sent;
        }

        return Task.CompletedTask;
    }

    public Task MarkFailedAsync(long id, string reason, bool park, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var entry = Find(id);
            entry.Attempts++;
            entry.LastError = reason;
            entry.State = park ? EntryState.Parked : EntryState.Pending;
        }

        return Task.CompletedTask;
    }

    /// <summary>Items given up on after repeated failures.</summary>
    public IReadOnlyList<OutboxItem> Parked
    {
        get
        {
            lock (_gate)
            {
                return _entries.Where(e => e.State == EntryState.Parked).Select(e => new OutboxItem(e.Id, e.Message, e.Attempts, e.LastError)).ToList();
            }
        }
    }

    private Entry Find(long id) => _entries.Find(e => e.Id == id) ?? throw new KeyNotFoundException($"No outbox item {id}.");

    private enum EntryState
    {
        Pending,
        Claimed,
        Sent,
        Parked,
    }

    private sealed class Entry(long id, OutboundMessage message)
    {
        public long Id { get; } = id;

        public OutboundMessage Message { get; } = message;

        public EntryState State { get; set; }

        public int Attempts { get; set; }

        public string? LastError { get; set; }
    }
}

/// <summary>A chat channel that keeps what it was asked to send: the CLI prints it, tests read it.</summary>
public sealed class RecordingChatChannel : IChatChannel
{
    private readonly ConcurrentQueue<OutboundMessage> _sent = new();

    public IReadOnlyCollection<OutboundMessage> Sent => _sent;

    public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        _sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
