using Negotiation.Domain.Planning;

namespace Negotiation.Domain.Coaching;

/// <summary>The warnings the coach can give, in order of importance: when several fire, the first one is said.</summary>
public enum CoachingRule
{
    PastLimit,
    DoubleGive,
    LargerThanLast,
    TooEarly,
    LabelIt,
}

/// <summary>Wire names of the rules (<c>past_limit</c> …), as the replay output and exports carry them.</summary>
public static class CoachingRuleNames
{
    public static string ToWireName(this CoachingRule rule) => rule switch
    {
        CoachingRule.PastLimit => "past_limit",
        CoachingRule.DoubleGive => "double_give",
        CoachingRule.LargerThanLast => "larger_than_last",
        CoachingRule.TooEarly => "too_early",
        CoachingRule.LabelIt => "label_it",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}

/// <summary>One short, specific warning about how a give was made.</summary>
public sealed record CoachingWarning(CoachingRule Rule, string Text);

/// <summary>
/// The reciprocity prompt for a give with nothing in return: the ASF question, the trade to propose
/// (what we gave as X; the most valuable wanted get not yet obtained as Y) and a bundle where the type calls for one.
/// </summary>
/// <param name="Question">The question to ask the team, worded for the negotiation type.</param>
/// <param name="Give">The give, in the words it was logged with.</param>
/// <param name="Ask">What to ask for in return, or null when the plan lists no wanted gets.</param>
/// <param name="Bundle">Further wanted gets to pair with <paramref name="Ask"/> (Trading and Creating only).</param>
/// <param name="Hint">A short nudge after the suggestion, worded for the type; may be empty.</param>
public sealed record ReciprocityPrompt(string Question, string Give, WantedGet? Ask, IReadOnlyList<WantedGet> Bundle, string Hint);

/// <summary>Everything the coach has to say about one give: the prompt (if any) and every warning that fired.</summary>
public sealed record CoachingAdvice(ReciprocityPrompt? Prompt, IReadOnlyList<CoachingWarning> Warnings)
{
    public static readonly CoachingAdvice None = new(null, []);

    /// <summary>The single most important warning, the only one a reply carries.</summary>
    public CoachingWarning? TopWarning => Warnings.OrderBy(w => w.Rule).FirstOrDefault();

    public bool IsEmpty => Prompt is null && Warnings.Count == 0;
}
