using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Domain.Coaching;

/// <summary>An unconditional give nobody labelled: the other side may not notice what it cost us.</summary>
public static class LabelItRule
{
    public static CoachingWarning? Evaluate(Deal deal, MoveDraft move)
    {
        if (move.Kind != MoveKind.Give || move.Conditional || move.Labelled)
        {
            return null;
        }

        return CoachingVoice.Warn(
            deal.Type,
            CoachingRule.LabelIt,
            "this move may go unnoticed unless we name it.",
            $"Say it: \"{CoachingVoice.LabelSentence}\"",
            "Naming it helps: \"We are doing this because we value the partnership, and we need something in return.\"");
    }
}
