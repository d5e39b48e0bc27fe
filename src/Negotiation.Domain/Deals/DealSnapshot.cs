using Negotiation.Domain.Align;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;

namespace Negotiation.Domain.Deals;

/// <summary>
/// Everything a deal holds, as plain data: what storage writes and reads back. <see cref="Deal.ToSnapshot"/> and
/// <see cref="Deal.Restore"/> round-trip it exactly.
/// </summary>
public sealed record DealSnapshot(
    Guid Id,
    ChannelKey Channel,
    string ThreadId,
    string Name,
    string? Counterparty,
    NegotiationType Type,
    Phase Phase,
    bool Quiet,
    string StartedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<TermPlan> TermPlans,
    IReadOnlyList<string> PlannedMoves,
    IReadOnlyList<WantedGet> WantedGets,
    IReadOnlyList<PossibleGive> PossibleGives,
    IReadOnlyList<Move> Moves,
    IReadOnlyList<Trade> Trades,
    IReadOnlyList<Commitment> FinalTerms,
    IReadOnlyList<Commitment> NextSteps,
    IReadOnlyList<LabelCorrection>? Corrections = null);
