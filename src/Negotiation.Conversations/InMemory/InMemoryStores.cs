using System.Collections.Concurrent;
using Negotiation.Conversations.Inbound;
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
        Task.FromResult(_deals.TryGetValue(id, out var entry) && Owns(entry.Deal, platform, workspace) ? entry.Deal : null);

    public Task SaveAsync(Deal deal, CancellationToken cancellationToken = default)
    {
        // Deals keep the order they were first saved in, so "latest" doesn't depend on clock resolution.
        _deals.AddOrUpdate(deal.Id, id => (deal, Interlocked.Increment(ref _order)), (id, old) => (deal, old.Order));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Deal>> ListAsync(string platform, string workspace, int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Deal>>(_deals.Values.Where(d => Owns(d.Deal, platform, workspace)).OrderByDescending(d => d.Deal.StartedAt).ThenByDescending(d => d.Order).Take(max).Select(d => d.Deal).ToList());

    public Task<bool> DeleteAsync(string platform, string workspace, Guid id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_deals.TryGetValue(id, out var entry) && Owns(entry.Deal, platform, workspace) && _deals.TryRemove(id, out _));

    private static bool Owns(Deal deal, string platform, string workspace) => deal.Channel.Platform == platform && deal.Channel.Workspace == workspace;
}

/// <summary>No read-only links: the host has no public address to put in them.</summary>
public sealed class NoDealLinks : IDealLinks
{
    public Uri? ReadOnlyLink(Deal deal) => null;
}

/// <summary>Processed event keys kept in process memory.</summary>
public sealed class InMemoryProcessedEventStore : IProcessedEventStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public Task<bool> TryMarkProcessedAsync(string eventKey, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Task.FromResult(_seen.TryAdd(eventKey, at));
}

/// <summary>An outbox in process memory, in order of enqueueing.</summary>
public sealed class InMemoryOutbox(TimeProvider? time = null) : IOutbox
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private long _nextId;

    public Task EnqueueAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _entries.Add(new Entry(++_nextId, message, _time.GetUtcNow()));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxItem>> ClaimAsync(int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var claimed = _entries.Where(e => e.State == EntryState.Pending && e.DueAt <= now).Take(max).ToList();
            claimed.ForEach(e => e.State = EntryState.Claimed);
            return Task.FromResult<IReadOnlyList<OutboxItem>>(claimed.Select(e => e.ToItem()).ToList());
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

    public Task MarkFailedAsync(long id, string reason, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var entry = Find(id);
            entry.Attempts++;
            entry.LastError = reason;
            entry.State = retryAt is null ? EntryState.Parked : EntryState.Pending;
            entry.DueAt = retryAt ?? entry.DueAt;
        }

        return Task.CompletedTask;
    }

    /// <summary>Items given up on after repeated or permanent failures.</summary>
    public IReadOnlyList<OutboxItem> Parked => Where(EntryState.Parked);

    /// <summary>Items waiting (or waiting again) to be sent.</summary>
    public IReadOnlyList<OutboxItem> Pending => Where(EntryState.Pending);

    private List<OutboxItem> Where(EntryState state)
    {
        lock (_gate)
        {
            return _entries.Where(e => e.State == state).Select(e => e.ToItem()).ToList();
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

    private sealed class Entry(long id, OutboundMessage message, DateTimeOffset dueAt)
    {
        public long Id { get; } = id;

        public OutboundMessage Message { get; } = message;

        public EntryState State { get; set; }

        public DateTimeOffset DueAt { get; set; } = dueAt;

        public int Attempts { get; set; }

        public string? LastError { get; set; }

        public OutboxItem ToItem() => new(Id, Message, Attempts, LastError);
    }
}

/// <summary>An inbox in process memory: for tests and the CLI, where nothing needs to survive the process.</summary>
public sealed class InMemoryInbox : IInbox
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Queue<InboundActivity> _waiting = new();

    public Task<bool> TryRecordAsync(InboundActivity activity, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (keys.Count == 0 || keys.Any(_keys.Contains))
            {
                return Task.FromResult(false);
            }

            _keys.UnionWith(keys);
            _waiting.Enqueue(activity);
            return Task.FromResult(true);
        }
    }

    public async Task<bool> ProcessNextAsync(Func<InboundActivity, CancellationToken, Task> handle, CancellationToken cancellationToken = default)
    {
        InboundActivity? next;
        lock (_gate)
        {
            _waiting.TryDequeue(out next);
        }

        if (next is null)
        {
            return false;
        }

        await handle(next, cancellationToken).ConfigureAwait(false);
        return true;
    }
}

/// <summary>A chat channel that keeps what it was asked to send: the CLI prints it, tests read it.</summary>
public sealed class RecordingChatChannel : IChatChannel
{
    private readonly ConcurrentQueue<OutboundMessage> _sent = new();

    public IReadOnlyCollection<OutboundMessage> Sent => _sent;

    public Task SendAsync(OutboundMessage message, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        _sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
