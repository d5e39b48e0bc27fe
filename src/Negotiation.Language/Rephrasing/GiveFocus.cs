using System.Text.RegularExpressions;
using Negotiation.Language.Grammar;

namespace Negotiation.Language.Rephrasing;

/// <summary>
/// Narrows a chat message down to the clause that carries our give, as it would follow "If we": the sentence with
/// the give, without the openers ("fyi", "quick update —", mentions), the teller ("Dana told them we'd …"), the
/// colleague's name as subject ("Priya waived …" → "we waived …") and the chatter after it ("…, will log it").
/// </summary>
internal static partial class GiveFocus
{
    public static string Of(string normalised)
    {
        var sentences = MessageText.Sentences(normalised).Select(s => s.Text).ToList();
        if (sentences.Count == 0)
        {
            return normalised;
        }

        return sentences.Select(Clean).FirstOrDefault(IsOurGive) ?? Clean(sentences[0]);
    }

    /// <summary>A condition about them in the message ("if they sign by Friday", "in exchange for a case study"), for Y.</summary>
    public static string? Condition(string normalised)
    {
        var m = ConditionClause().Match(normalised);
        if (!m.Success)
        {
            return null;
        }

        var condition = TrailingChatter().Replace(m.Groups["cond"].Value, "").Trim(' ', ',', '.', '!');
        return condition.Length is > 2 and <= TemplateRephraser.MaxPartLength ? condition : null;
    }

    /// <summary>The give without the get it carries ("a 5% cut for a 12-month commitment" less "a 12-month commitment").</summary>
    public static string? WithoutGet(string sentence, string get)
    {
        var i = get.Length == 0 ? -1 : sentence.IndexOf(get, StringComparison.OrdinalIgnoreCase);
        if (i <= 0)
        {
            return null;
        }

        var rest = GetConnector().Replace(sentence[..i], "").TrimEnd(' ', ',');
        return rest.Length > 0 ? rest : null;
    }

    private static string Clean(string sentence)
    {
        var s = sentence;
        for (var i = 0; i < 3; i++)
        {
            s = Opener().Replace(s, "");
        }

        s = Teller().Replace(s, "we ");
        s = Colleague().Replace(s, m => Verbs.IsVerb(m.Groups["verb"].Value.ToLowerInvariant()) && !NotNames.Contains(m.Groups["name"].Value.ToLowerInvariant()) ? "we " + m.Groups["verb"].Value : m.Value);
        s = TrailingChatter().Replace(s, "");
        return s.Trim(' ', ',', '-', ':');
    }

    private static readonly HashSet<string> NotNames = ["they", "you", "it", "this", "that", "he", "she", "there", "client", "customer", "procurement", "legal"];

    private static bool IsOurGive(string clause)
    {
        var reading = ClauseReader.Read(clause);
        return reading.Act == Act.Give && reading.Side != Side.Theirs && !reading.Negated;
    }

    [GeneratedRegex(@"^(?:(?:heads[- ]up|fyi|fwiw|just fyi|quick update|update|alright|all right|ok(?:ay)?|so|tbh|fine|done|decided|for the file|re [^:,]{1,40}:|confirmed w(?:ith|/) [^:,]{1,40}:|agreed with [^:,]{1,40}:|@\w+|<@\w+>)\b[\s,:;!\-—]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Opener();

    // "told them we'd", "Dana assured their CFO that we would", "let them know we'll"
    [GeneratedRegex(@"^(?:(?:we|i|[a-z][\w'-]*)\s+)?(?:told|assured|promised|informed|let|confirmed to|said to|wrote to|emailed)\s+(?:[\w'-]+\s+){0,4}?(?:know\s+)?(?:that\s+)?we\s+(?=(?:would|will|could|can|are|were)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Teller();

    // "Priya waived …", "our team is adding …": a colleague or the team as subject reads as "we".
    [GeneratedRegex(@"^(?:our team|the team|(?<name>[a-z][\w'-]*))\s+(?:(?:just|also|has|had|will|is|already|finally)\s+)?(?<verb>[a-z]+)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Colleague();

    [GeneratedRegex(@"(?:\s+(?:—|--|-)\s+.*$|,\s*(?:it'?s|it is|that'?s|that is|will|legal|ops|not|they were|confirmed|decided|thanks|lmk|i'll|i'm|i will|pls|please|moving on|updating|notes|deck|next)\b.*$|\s*\(?\b(?:per the call|on the call|over email|fyi|fwiw|obvs)\b\)?\s*$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex TrailingChatter();

    [GeneratedRegex(@"\b(?:if|as long as|so long as|provided(?: that)?|on (?:the )?condition that|in exchange for|in return for|contingent on)\s+(?<cond>(?:they|you|their|the client|the customer)\b.+|(?<=(?:exchange|return) for\s+).+)$|\bfor\s+(?<cond>(?:a|an)\s+[\w\s$€£%.,/-]*?\b(?:commitment|term|renewal|contract|deal|order|prepayment|deposit|referral|reference|case study|logo|pilot)\b.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex ConditionClause();

    [GeneratedRegex(@"\s*,?\s*\b(?:if|as long as|so long as|provided(?: that)?|on (?:the )?condition that|in exchange for|in return for|contingent on|for|but only if|only if)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex GetConnector();
}
