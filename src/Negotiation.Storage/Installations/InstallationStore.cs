using Microsoft.EntityFrameworkCore;
using Negotiation.Storage.Model;

namespace Negotiation.Storage.Installations;

/// <summary>Installs of the bot per workspace/tenant, and Teams conversation references, always looked up by workspace.</summary>
public sealed class InstallationStore(NegotiationDbContext db, TimeProvider time)
{
    public async Task SaveInstallationAsync(InstallationRecord install, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(install);
        var existing = await db.Installations.FindAsync([install.Platform, install.Workspace], cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            install.InstalledAtMs = install.InstalledAtMs == 0 ? time.Ms() : install.InstalledAtMs;
            db.Installations.Add(install);
        }
        else
        {
            existing.Name = install.Name;
            existing.BotUserId = install.BotUserId;
            existing.BotToken = install.BotToken;
            existing.InstalledBy = install.InstalledBy;
            existing.InstalledAtMs = time.Ms();
            existing.UninstalledAtMs = null;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The live install of a workspace; null when it was never installed or has been uninstalled.</summary>
    public Task<InstallationRecord?> FindInstallationAsync(string platform, string workspace, CancellationToken cancellationToken = default) =>
        db.Installations.AsNoTracking().FirstOrDefaultAsync(i => i.Platform == platform && i.Workspace == workspace && i.UninstalledAtMs == null, cancellationToken);

    public async Task<bool> UninstallAsync(string platform, string workspace, CancellationToken cancellationToken = default)
    {
        var now = time.Ms();
        return await db.Installations
            .Where(i => i.Platform == platform && i.Workspace == workspace && i.UninstalledAtMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UninstalledAtMs, now).SetProperty(i => i.BotToken, (string?)null), cancellationToken)
            .ConfigureAwait(false) > 0;
    }

    /// <summary>Inserts or refreshes a reference (live again if it was gone); writes nothing when nothing changed.</summary>
    public async Task SaveConversationReferenceAsync(ConversationReferenceRecord reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var now = time.Ms();

        // A new conversation's first activities arrive together: insert-if-absent in one statement (both providers
        // support ON CONFLICT), then refresh what changed.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO conversation_references (platform, workspace, conversation_id, service_url, bot_id, conversation_type, updated_at_ms)
            VALUES ({reference.Platform}, {reference.Workspace}, {reference.ConversationId}, {reference.ServiceUrl}, {reference.BotId}, {reference.ConversationType}, {now})
            ON CONFLICT (platform, workspace, conversation_id) DO NOTHING
            """,
            cancellationToken).ConfigureAwait(false);
        if (inserted > 0)
        {
            return;
        }

        var existing = await db.ConversationReferences.FindAsync([reference.Platform, reference.Workspace, reference.ConversationId], cancellationToken).ConfigureAwait(false);
        if (existing is null || (existing.ServiceUrl == reference.ServiceUrl && existing.BotId == reference.BotId && existing.GoneAtMs is null
            && (reference.ConversationType is null || existing.ConversationType == reference.ConversationType)))
        {
            return;
        }

        existing.ServiceUrl = reference.ServiceUrl;
        existing.BotId = reference.BotId;
        existing.ConversationType = reference.ConversationType ?? existing.ConversationType;
        existing.UpdatedAtMs = now;
        existing.GoneAtMs = null;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<ConversationReferenceRecord?> FindConversationReferenceAsync(string platform, string workspace, string conversationId, CancellationToken cancellationToken = default) =>
        db.ConversationReferences.AsNoTracking().FirstOrDefaultAsync(r => r.Platform == platform && r.Workspace == workspace && r.ConversationId == conversationId, cancellationToken);

    /// <summary>Marks a conversation the bot was removed from; it is live again when the bot hears from it.</summary>
    public async Task<bool> MarkConversationGoneAsync(string platform, string workspace, string conversationId, CancellationToken cancellationToken = default)
    {
        var now = time.Ms();
        return await db.ConversationReferences
            .Where(r => r.Platform == platform && r.Workspace == workspace && r.ConversationId == conversationId && r.GoneAtMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.GoneAtMs, now), cancellationToken)
            .ConfigureAwait(false) > 0;
    }
}
