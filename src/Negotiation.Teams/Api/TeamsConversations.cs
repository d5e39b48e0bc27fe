using System.Collections.Concurrent;
using Negotiation.Teams.Wire;

namespace Negotiation.Teams.Api;

/// <summary>What proactive posting into a Teams conversation needs, as stored (one per tenant and channel or chat).</summary>
public sealed record StoredConversation(string TenantId, string ConversationId, string ServiceUrl, string ConversationType, string BotId, bool Gone)
{
    public bool IsChannel => ConversationType == "channel";
}

/// <summary>Conversation references, saved from every authenticated activity and marked gone when Teams says the bot left.</summary>
public interface ITeamsConversationStore
{
    /// <summary>Saves (or refreshes) the reference; a conversation marked gone is live again.</summary>
    Task SaveAsync(TeamsConversationRef reference, CancellationToken cancellationToken = default);

    Task<StoredConversation?> FindAsync(string tenantId, string conversationId, CancellationToken cancellationToken = default);

    Task MarkGoneAsync(string tenantId, string conversationId, CancellationToken cancellationToken = default);
}

/// <summary>For hosts without a database (tests of the adapter alone).</summary>
public sealed class InMemoryTeamsConversationStore : ITeamsConversationStore
{
    private readonly ConcurrentDictionary<(string, string), StoredConversation> _items = new();

    public Task SaveAsync(TeamsConversationRef reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        _items[(reference.TenantId, reference.BaseConversationId)] = new StoredConversation(
            reference.TenantId, reference.BaseConversationId, reference.ServiceUrl, reference.ConversationType, reference.BotId, Gone: false);
        return Task.CompletedTask;
    }

    public Task<StoredConversation?> FindAsync(string tenantId, string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_items.TryGetValue((tenantId, conversationId), out var found) ? found : null);

    public Task MarkGoneAsync(string tenantId, string conversationId, CancellationToken cancellationToken = default)
    {
        if (_items.TryGetValue((tenantId, conversationId), out var found))
        {
            _items[(tenantId, conversationId)] = found with { Gone = true };
        }

        return Task.CompletedTask;
    }
}
