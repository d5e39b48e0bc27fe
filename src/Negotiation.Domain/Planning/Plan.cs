using Negotiation.Domain.Moves;

namespace Negotiation.Domain.Planning;

/// <summary>
/// The movement plan for one term: where we open, the zone we aim for, and the walkaway we will not pass.
/// </summary>
/// <remarks>
/// With an opening and a walkaway in the same unit, the room to move is the distance between them.
/// A walkaway on its own is read as the most we will move in total ("at most 15% off").
/// </remarks>
public sealed record TermPlan(Term Term, Amount? Opening = null, Amount? TargetLow = null, Amount? TargetHigh = null, Amount? Walkaway = null)
{
    /// <summary>The most we may concede on this term in total, or null when the plan doesn't say.</summary>
    public Amount? RoomToMove
    {
        get
        {
            if (Walkaway is null)
            {
                return null;
            }

            if (Opening is not null && Opening.IsComparableWith(Walkaway))
            {
                return Walkaway.WithCanonicalValue(Math.Abs(Opening.CanonicalValue - Walkaway.CanonicalValue));
            }

            return Walkaway;
        }
    }
}

/// <summary>Something we want from the other side, and what it is worth to us.</summary>
public sealed record WantedGet(string Item, Amount? Value = null);

/// <summary>Something we could give, and what it costs us.</summary>
public sealed record PossibleGive(string Item, Amount? Cost = null);
