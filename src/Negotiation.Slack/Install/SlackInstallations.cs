namespace Negotiation.Slack.Install;

/// <summary>One workspace's install: the bot token (stored encrypted) and who the bot is there.</summary>
public sealed record SlackInstallation(string TeamId, string? TeamName, string BotToken, string BotUserId, string? InstalledBy);

/// <summary>Where installs are kept; the host implements it on its database, encrypting tokens at rest.</summary>
public interface ISlackInstallationStore
{
    Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default);

    Task<SlackInstallation?> FindAsync(string teamId, CancellationToken cancellationToken = default);

    /// <summary>Forgets the workspace's token (app_uninstalled, tokens_revoked).</summary>
    Task RemoveAsync(string teamId, CancellationToken cancellationToken = default);
}

/// <summary>The bot token for a workspace: the configured one in single-workspace mode, else the stored install's.</summary>
public sealed class SlackTokenProvider(SlackOptions options, ISlackInstallationStore installations)
{
    public async Task<string?> BotTokenAsync(string teamId, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(options.BotToken))
        {
            return options.BotToken;
        }

        return (await installations.FindAsync(teamId, cancellationToken).ConfigureAwait(false))?.BotToken;
    }
}
