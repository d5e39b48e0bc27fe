using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Domain.Coaching;

/// <summary>The total of our gives on a term must stay within the plan's room to move (opening to walkaway).</summary>
public static class PastLimitRule
{
    public static CoachingWarning? Evaluate(Deal deal, MoveDraft move)
    {
        if (move.Kind != MoveKind.Give || deal.SizeOf(move) is not { } size || deal.PlanFor(move.Term) is not { RoomToMove: { } room } plan)
        {
            return null;
        }

        if (!size.IsComparableWith(room))
        {
            return null;
        }

        var total = deal.Moves
            .Where(m => m.IsGive && m.Term == move.Term)
            .Select(deal.SizeOf)
            .Where(s => s is not null && s.IsComparableWith(room))
            .Sum(s => s!.CanonicalValue) + size.CanonicalValue;
        if (total <= room.CanonicalValue)
        {
            return null;
        }

        var walkaway = plan.Opening is not null ? $"the walkaway of {plan.Walkaway}" : $"the limit of {room}";
        return CoachingVoice.Warn(
            deal.Type,
            CoachingRule.PastLimit,
            $"this takes our movement on {move.Term.ToDisplayName()} to {room.WithCanonicalValue(total)} in total, beyond {walkaway}.",
            "Stop and re-anchor on the goal zone; get internal sign-off before this goes out.",
            "It may be time to re-anchor on the goal zone together before going further.");
    }
}
