using Negotiation.Domain.Deals;

namespace Negotiation.Domain.Coaching;

/// <summary>
/// Type-aware wording. Bargaining is direct; Trading and Creating reframe concessions as bundles and trades;
/// Partnering points things out as observations and never lectures.
/// </summary>
public static class CoachingVoice
{
    /// <summary>The ASF coaching question, word for word.</summary>
    public const string ReciprocityQuestion = "If you are making a concession, what are you getting in return?";

    /// <summary>The labelling sentence the article recommends.</summary>
    public const string LabelSentence = "To be clear, this is a meaningful move for us.";

    public static bool IsGentle(NegotiationType type) => type == NegotiationType.Partnering;

    public static bool SuggestsBundles(NegotiationType type) => type is NegotiationType.Trading or NegotiationType.Creating;

    public static string Question(NegotiationType type) => IsGentle(type)
        ? "Partnerships stay strong when moves go both ways. " + ReciprocityQuestion
        : ReciprocityQuestion;

    public static string Hint(NegotiationType type, bool hasAsk) => type switch
    {
        NegotiationType.Trading or NegotiationType.Creating => "In a " + type.ToString().ToLowerInvariant() + " negotiation, offer it as a bundle: movement comes with a request.",
        NegotiationType.Partnering => hasAsk ? "Asking openly for something back keeps it balanced." : "",
        _ => hasAsk ? "" : "Add what you want from them with `/deal plan want <item> value <amount>` and I'll suggest it here.",
    };

    /// <summary>Builds a warning: a direct headline and advice, or for Partnering the same facts as an observation.</summary>
    public static CoachingWarning Warn(NegotiationType type, CoachingRule rule, string facts, string advice, string gentleAdvice) =>
        new(rule, IsGentle(type)
            ? $"Worth noticing: {facts} {gentleAdvice}"
            : $"{Headline(rule)}: {facts} {advice}");

    private static string Headline(CoachingRule rule) => rule switch
    {
        CoachingRule.PastLimit => "Past the limit",
        CoachingRule.DoubleGive => "Double-give",
        CoachingRule.LargerThanLast => "Bigger than the last move",
        CoachingRule.TooEarly => "Too early",
        CoachingRule.LabelIt => "Label it",
        _ => rule.ToString(),
    };
}
