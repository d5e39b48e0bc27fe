using Microsoft.AspNetCore.DataProtection;
using Negotiation.Slack.Install;
using Negotiation.Storage.Installations;
using Negotiation.Storage.Model;

namespace Negotiation.Bot.Channels;

/// <summary>Slack installs in the database, bot tokens encrypted at rest with ASP.NET Core Data Protection.</summary>
public sealed class DbSlackInstallationStore(InstallationStore store, IDataProtectionProvider protection) : ISlackInstallationStore
{
    private const string Platform = "slack";
    private readonly IDataProtector _tokens = protection.CreateProtector("slack-bot-token");

    public Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        return store.SaveInstallationAsync(
            new InstallationRecord
            {
                Platform = Platform,
                Workspace = installation.TeamId,
                Name = installation.TeamName,
                BotUserId = installation.BotUserId,
                BotToken = _tokens.Protect(installation.BotToken),
                InstalledBy = installation.InstalledBy,
            },
            cancellationToken);
    }

    public async Task<SlackInstallation?> FindAsync(string teamId, CancellationToken cancellationToken = default)
    {
        var record = await store.FindInstallationAsync(Platform, teamId, cancellationToken).ConfigureAwait(false);
        if (record?.BotToken is null)
        {
            return null;
        }

        return new SlackInstallation(record.Workspace, record.Name, _tokens.Unprotect(record.BotToken), record.BotUserId ?? "", record.InstalledBy);
    }

    public Task RemoveAsync(string teamId, CancellationToken cancellationToken = default) =>
        store.UninstallAsync(Platform, teamId, cancellationToken);
}
