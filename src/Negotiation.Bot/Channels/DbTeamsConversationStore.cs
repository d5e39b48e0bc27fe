using Negotiation.Storage.Installations;
using Negotiation.Storage.Model;
using Negotiation.Teams.Api;
using Negotiation.Teams.Wire;

namespace Negotiation.Bot.Channels;

/// <summary>Teams conversation references in the database (table conversation_references), one per tenant and channel or chat.</summary>
public sealed class DbTeamsConversationStore(InstallationStore store) : ITeamsConversationStore
{
    private const string Platform = TeamsActivityReader.Platform;

    public Task SaveAsync(TeamsConversationRef reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return store.SaveConversationReferenceAsync(
            new ConversationReferenceRecord
            {
                Platform = Platform,
                Workspace = reference.TenantId,
                ConversationId = reference.BaseConversationId,
                ServiceUrl = reference.ServiceUrl,
                BotId = reference.BotId,
                ConversationType = reference.ConversationType,
            },
            cancellationToken);
    }

    public async Task<StoredConversation?> FindAsync(string tenantId, string conversationId, CancellationToken cancellationToken = default)
    {
        var record = await store.FindConversationReferenceAsync(Platform, tenantId, conversationId, cancellationToken).ConfigureAwait(false);
        return record is null
            ? null
            : new StoredConversation(record.Workspace, record.ConversationId, record.ServiceUrl, record.ConversationType ?? "personal", record.BotId ?? "", record.GoneAtMs is not null);
    }

    public Task MarkGoneAsync(string tenantId, string conversationId, CancellationToken cancellationToken = default) =>
        store.MarkConversationGoneAsync(Platform, tenantId, conversationId, cancellationToken);
}
