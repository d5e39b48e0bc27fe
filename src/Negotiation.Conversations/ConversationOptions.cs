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
}
