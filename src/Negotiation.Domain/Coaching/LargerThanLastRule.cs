using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Domain.Coaching;

/// <summary>Concessions on a term should shrink: a give larger than our previous give on the same term is flagged.</summary>
public static class LargerThanLastRule
{
    public static CoachingWarning? Evaluate(Deal deal, MoveDraft move)
    {
        if (move.Kind != MoveKind.Give || deal.SizeOf(move) is not { } size)
        {
            return null;
        }

        var previous = deal.Moves.LastOrDefault(m => m.IsGive && m.Term == move.Term && deal.SizeOf(m) is { } s && s.IsComparableWith(size));
        if (previous is null || deal.SizeOf(previous) is not { } previousSize || size.CanonicalValue <= previousSize.CanonicalValue)
        {
            return null;
        }

        return CoachingVoice.Warn(
            deal.Type,
            CoachingRule.LargerThanLast,
            $"{size} on {move.Term.ToDisplayName()} is more than the last move there (#{previous.Number}, {previousSize}).",
            "Move in smaller, decreasing steps so each one signals you are nearing your limit.",
            "Smaller, decreasing steps tell them we are nearing our limit without saying so.");
    }
}
