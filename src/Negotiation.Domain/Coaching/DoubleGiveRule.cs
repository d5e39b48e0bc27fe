using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Domain.Coaching;

/// <summary>A second unconditional give while the last move is still a give with nothing back.</summary>
public static class DoubleGiveRule
{
    public static CoachingWarning? Evaluate(Deal deal, MoveDraft move)
    {
        if (move.Kind != MoveKind.Give || move.Conditional || deal.Moves.Count == 0)
        {
            return null;
        }

        var last = deal.Moves[^1];
        if (!last.IsGive || !deal.OpenGives.Contains(last))
        {
            return null;
        }

        return CoachingVoice.Warn(
            deal.Type,
            CoachingRule.DoubleGive,
            $"this is a second give right after #{last.Number} ({last.Description}) with nothing back in between.",
            "Make one move, stop, and let it land: sequence gets before gives.",
            $"The last move (#{last.Number}) hasn't had an answer yet; giving it time to land often serves both sides.");
    }
}
