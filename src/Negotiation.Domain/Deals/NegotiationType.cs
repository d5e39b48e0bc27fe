namespace Negotiation.Domain.Deals;

/// <summary>The ASF negotiation types: they decide how concessions should be framed.</summary>
public enum NegotiationType
{
    Bargaining,
    Trading,
    Creating,
    Partnering,
}

/// <summary>The ASF phases of a negotiation, plus the end state.</summary>
public enum Phase
{
    Prepare,
    Communicate,
    Propose,
    Align,
    Closed,
}

/// <summary>Where a deal lives: one platform workspace (or tenant) and one channel. One active deal per channel.</summary>
/// <param name="Platform">slack, teams, or a local simulator such as cli.</param>
/// <param name="Workspace">Slack team id or Teams tenant id.</param>
/// <param name="Channel">Slack channel id or Teams conversation id without <c>;messageid=</c>.</param>
public sealed record ChannelKey(string Platform, string Workspace, string Channel)
{
    public override string ToString() => $"{Platform}:{Workspace}:{Channel}";
}
