using System.Text.Json.Nodes;

namespace Negotiation.Slack.Mapping;

/// <summary>One Slack message of a rendered reply: the fallback text and its blocks (≤ 50).</summary>
public sealed record SlackRendered(string Text, JsonArray Blocks);
