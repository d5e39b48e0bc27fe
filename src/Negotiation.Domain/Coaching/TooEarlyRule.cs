using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Domain.Coaching;

/// <summary>Concessions belong in Propose: a give in Prepare or Communicate is read as slack.</summary>
public static class TooEarlyRule
{
    public static CoachingWarning? Evaluate(Deal deal, MoveDraft move)
    {
        if (move.Kind != MoveKind.Give || deal.Phase is not (Phase.Prepare or Phase.Communicate))
        {
            return null;
        }

        return CoachingVoice.Warn(
            deal.Type,
            CoachingRule.TooEarly,
            $"the deal is still in {deal.Phase}, before Propose.",
            "Early moves get read as slack: ask what success looks like on their side first (`/deal phase propose` when you are ready).",
            "Learning what success looks like on their side first lets us trade on what matters to them.");
    }
}
