using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Domain.Coaching;

/// <summary>A give with nothing in return (now or before it) gets the ASF question and an "If we X, could you Y?" suggestion.</summary>
public static class ReciprocityRule
{
    public static ReciprocityPrompt? Evaluate(Deal deal, MoveDraft move)
    {
        // A give after gets nobody paid for yet is the return for them, not a concession.
        if (move.Kind != MoveKind.Give || move.Conditional || deal.UntradedGets.Count > 0)
        {
            return null;
        }

        var open = deal.OpenWantedGets;
        var ask = open.Count > 0 ? open[0] : null;
        var bundle = CoachingVoice.SuggestsBundles(deal.Type) ? open.Skip(1).Take(1).ToList() : [];
        return new ReciprocityPrompt(CoachingVoice.Question(deal.Type), move.Description, ask, bundle, CoachingVoice.Hint(deal.Type, ask is not null));
    }
}
