using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Domain.Coaching;

/// <summary>Runs every coaching rule on a move before it is recorded.</summary>
public static class Coach
{
    private static readonly Func<Deal, MoveDraft, CoachingWarning?>[] Rules =
    [
        PastLimitRule.Evaluate,
        DoubleGiveRule.Evaluate,
        LargerThanLastRule.Evaluate,
        TooEarlyRule.Evaluate,
        LabelItRule.Evaluate,
    ];

    /// <summary>What the coach says about <paramref name="move"/>, judged against the deal as it was before it.</summary>
    public static CoachingAdvice Review(Deal deal, MoveDraft move)
    {
        if (move.Kind != MoveKind.Give)
        {
            return CoachingAdvice.None;
        }

        var warnings = Rules.Select(rule => rule(deal, move)).OfType<CoachingWarning>().ToList();
        return new CoachingAdvice(ReciprocityRule.Evaluate(deal, move), warnings);
    }
}
