namespace Negotiation.Domain.Moves;

/// <summary>
/// Someone said a logged give was not a give: the message text with its corrected label, kept as a labelled
/// example the workspace can export to improve the language engine.
/// </summary>
/// <param name="MoveNumber">The move that was corrected.</param>
/// <param name="Text">The message the move was read from (or, for a logged move, its description).</param>
/// <param name="Label">The corrected label (<c>other</c>: not a concession).</param>
/// <param name="Term">The term the move was filed under.</param>
/// <param name="CorrectedBy">Who said so.</param>
/// <param name="At">When.</param>
public sealed record LabelCorrection(int MoveNumber, string Text, string Label, Term Term, string CorrectedBy, DateTimeOffset At)
{
    public const string NotAGive = "other";
}
