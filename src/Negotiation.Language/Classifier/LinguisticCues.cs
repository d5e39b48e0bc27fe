using System.Text.RegularExpressions;
using Negotiation.Conversations.Language;
using Negotiation.Domain.Moves;

namespace Negotiation.Language.Classifier;

/// <summary>
/// The hand-made features the classifier sees beside the text: the rule reader's verdict (weighted by its
/// confidence), and cues for who acts, negation, conditions, questions, tentativeness, tense and amounts.
/// </summary>
internal static partial class LinguisticCues
{
    public const int Count = 21;

    public static float[] Of(string normalised, Interpretation rules)
    {
        ArgumentNullException.ThrowIfNull(normalised);
        ArgumentNullException.ThrowIfNull(rules);
        var cues = new float[Count];
        cues[(int)rules.Label] = (float)rules.Confidence;
        cues[5] = rules.Amounts.Count > 0 ? 1 : 0;
        cues[6] = rules.Term == Term.Other ? 0 : 1;
        cues[7] = Flag(Question(), normalised);
        cues[8] = Flag(Negation(), normalised);
        cues[9] = Flag(Condition(), normalised);
        cues[10] = Flag(OurSubject(), normalised);
        cues[11] = Flag(TheirSubject(), normalised);
        cues[12] = Flag(Reported(), normalised);
        cues[13] = Flag(Tentative(), normalised);
        cues[14] = Flag(PastConcession(), normalised);
        cues[15] = Flag(Future(), normalised);
        cues[16] = Flag(TheyAct(), normalised);
        cues[17] = Flag(ToThem(), normalised);
        cues[18] = Flag(ToUs(), normalised);
        cues[19] = Flag(NamedActor(), normalised);
        cues[20] = Flag(Passive(), normalised);
        return cues;
    }

    private static float Flag(Regex cue, string text)
    {
        try
        {
            return cue.IsMatch(text) ? 1 : 0;
        }
        catch (RegexMatchTimeoutException)
        {
            return 0;
        }
    }

    [GeneratedRegex(@"\?|^(?:should|could|can|do|does|did|shall|would|will|is|are|what|how|why|when|who)\b", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Question();

    [GeneratedRegex(@"\b(?:not|no|never|n't|cannot|can't|won't|didn't|don't|refus\w*|declin\w*|no way|nope)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Negation();

    [GeneratedRegex(@"\b(?:if|as long as|so long as|provided|in exchange|in return|contingent|on condition|unless|for a|in trade for|only when)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Condition();

    [GeneratedRegex(@"(?:^|[.,;:!?]\s*|\b(?:and|so|then|but|ok|okay|fyi)\s+)(?:we|i|our team|us)\b", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 100)]
    private static partial Regex OurSubject();

    [GeneratedRegex(@"\b(?:they|their|them|the client|the customer|the buyer|procurement|their legal|the vendor)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex TheirSubject();

    [GeneratedRegex(@"\b(?:told|said|let them know|confirmed|informed|promised|emailed|wrote)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Reported();

    [GeneratedRegex(@"\b(?:should|could|might|maybe|perhaps|thinking|considering|consider|what if|how about|what about|draft|idea|open to|inclined|tempted|worth)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Tentative();

    [GeneratedRegex(@"\b(?:gave|offered|agreed|accepted|conceded|dropped|threw|waived|extended|granted|approved|signed|sent|came|moved|caved|matched|honou?red|covered|included|comped)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex PastConcession();

    // "they agreed", "the client will cover": the counterparty as the one who acts.
    [GeneratedRegex(@"\b(?:they|the client|the customer|the buyer|procurement|their (?:cfo|legal|team|side))\s+(?:(?:have|has|had|will|just|finally|also|'ve|'ll)\s+)?(?:agreed|accepted|offered|signed|committed|came|moved|dropped|approved|gave|will|said yes|confirmed|caved|conceded)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex TheyAct();

    [GeneratedRegex(@"\b(?:them|their|for them|to them)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex ToThem();

    [GeneratedRegex(@"\b(?:us|our)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex ToUs();

    // "Priya waived …", "Dana told them …": a capitalised name acting at the start.
    [GeneratedRegex(@"^(?:[A-Z][a-z]+)\s+(?:just\s+|also\s+)?[a-z]+(?:ed|ew|ave|ent|old)\b", RegexOptions.Multiline | RegexOptions.CultureInvariant, 100)]
    private static partial Regex NamedActor();

    [GeneratedRegex(@"\b(?:was|were|got|been|is being)\s+(?:\w+ed|given|granted|waived|extended|approved|thrown in)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Passive();

    [GeneratedRegex(@"\b(?:will|'ll|going to|gonna|shall)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Future();
}
