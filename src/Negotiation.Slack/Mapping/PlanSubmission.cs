namespace Negotiation.Slack.Mapping;

/// <summary>
/// What a submitted plan modal asks for: either errors to show on the form (block id → message, for
/// <c>response_action: errors</c>) or the <c>/deal</c> subcommands (without the <c>/deal </c> prefix) to run, in order.
/// </summary>
public sealed record PlanSubmission(IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> Commands)
{
    public bool IsValid => Errors.Count == 0;
}
