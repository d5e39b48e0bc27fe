namespace Negotiation.Conversations;

/// <summary>Settings of the channel-neutral engine (configuration section <c>Conversations</c>).</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>The interpreter must be at least this sure before the bot speaks up on a chat message (0..1).</summary>
    public double MinConfidence { get; set; } = 0.6;

    /// <summary>Workspaces (Slack team ids, Teams tenant ids) the bot serves; empty serves every installed workspace.</summary>
    public IList<string> AllowedWorkspaces { get; } = [];

    /// <summary>Chat messages longer than this are not interpreted (commands have their own limit).</summary>
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>Each problem names the setting and how to fix it.</summary>
    public IEnumerable<string> Validate()
    {
        if (double.IsNaN(MinConfidence) || MinConfidence is < 0 or > 1)
        {
            yield return $"Conversations:MinConfidence is {MinConfidence}; it must be between 0 and 1 (default 0.6; higher = quieter).";
        }

        if (MaxMessageLength < 1)
        {
            yield return $"Conversations:MaxMessageLength is {MaxMessageLength}; it must be at least 1 (default 4000).";
        }

        if (AllowedWorkspaces.Any(string.IsNullOrWhiteSpace))
        {
            yield return "Conversations:AllowedWorkspaces has an empty entry; list Slack team ids (T…) or Teams tenant ids, or leave it empty to serve every workspace.";
        }
    }
}
