namespace Negotiation.Domain.Moves;

/// <summary>Whether a move gave something away (ours) or got something (theirs).</summary>
public enum MoveKind
{
    Give,
    Get,
}

/// <summary>
/// One movement in the negotiation: a give by our side or a get from theirs.
/// </summary>
/// <param name="Number">1-based position in the deal, so people can say "move #3".</param>
/// <param name="Kind">Give (we conceded) or get (they conceded).</param>
/// <param name="Term">What the move is about.</param>
/// <param name="Description">The move in the words it was logged with, e.g. "extend payment terms to net-60".</param>
/// <param name="Amount">How much, when the text says: a size ("8% off") or, with <paramref name="AmountIsLevel"/>, a new position ("down to $92k").</param>
/// <param name="AmountIsLevel">True when <paramref name="Amount"/> is the position moved to rather than the size of the move.</param>
/// <param name="Conditional">True when the give was made conditional on a get ("if you …, we …").</param>
/// <param name="Labelled">True when the give was labelled as a meaningful move to the other side.</param>
/// <param name="Author">Who logged it.</param>
/// <param name="At">When it was logged.</param>
/// <param name="SourceMessageId">The platform message it came from.</param>
/// <param name="SourceText">That message's words when the move was read from chat (kept so a correction is a real example).</param>
public sealed record Move(
    int Number,
    MoveKind Kind,
    Term Term,
    string Description,
    Amount? Amount,
    bool AmountIsLevel,
    bool Conditional,
    bool Labelled,
    string Author,
    DateTimeOffset At,
    string? SourceMessageId,
    string? SourceText = null)
{
    public bool IsGive => Kind == MoveKind.Give;

    public bool IsGet => Kind == MoveKind.Get;
}

/// <summary>What a move will be before the deal numbers it: the facts a person or the interpreter supplied.</summary>
public sealed record MoveDraft(
    MoveKind Kind,
    Term Term,
    string Description,
    Amount? Amount = null,
    bool AmountIsLevel = false,
    bool Conditional = false,
    bool Labelled = false,
    string Author = "",
    string? SourceMessageId = null,
    string? SourceText = null);

/// <summary>Gives exchanged for gets: the record that reciprocity happened.</summary>
/// <param name="GiveNumbers">The moves we gave.</param>
/// <param name="GetNumbers">The moves we got in return.</param>
public sealed record Trade(IReadOnlyList<int> GiveNumbers, IReadOnlyList<int> GetNumbers);
