using System.Text.RegularExpressions;

using Negotiation.Domain.Moves;

namespace Negotiation.Language.Grammar;

/// <summary>Builds base-form verb phrases from clauses: the X of "If we X" and the Y of "could you Y".</summary>
internal static partial class VerbPhrases
{
    private static readonly string[] TrailingFillers =
    [
        "for them", "for the customer", "already", "too", "as well", "today", "yesterday", "just now", "now", "on the call",
        "on the phone", "lol", "fyi", "btw", "then", "again", "this morning", "this afternoon", "last night", "earlier",
        "finally", "in the end", "tbh", "fwiw", "i think", "i guess", "anyway", "though",
    ];

    private static readonly HashSet<string> InfinitiveFrames = new(StringComparer.Ordinal) { "agree", "offer", "decide", "promise", "commit", "try", "plan", "go" };

    private static readonly HashSet<string> NounPhraseStarts = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "some", "our", "their", "your", "free", "extra", "additional", "another", "premium", "dedicated",
        "full", "unlimited", "priority", "faster", "longer", "shorter", "earlier", "custom", "more", "multi-year", "annual",
        "quarterly", "monthly",
    };

    /// <summary>The verb phrase of a clause from its main verb on, with the verb in its base form; null when there is none.</summary>
    public static string? FromClause(ClauseReading reading)
    {
        if (reading.VerbIndex < 0)
        {
            return null;
        }

        var lemma = reading.Lemma;
        var rest = reading.Words.Skip(reading.VerbIndex + 1).ToList();

        // "agreed to waive the fee" → "waive the fee"; "offered to extend" → "extend".
        if (InfinitiveFrames.Contains(lemma) && rest.Count > 1 && rest[0].Equals("to", StringComparison.OrdinalIgnoreCase) && Verbs.Lemma(rest[1]) is { } inner)
        {
            lemma = inner;
            rest = rest.Skip(2).ToList();
        }

        if (lemma == "say" && rest.Count > 1 && rest[0].Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            lemma = "agree";
            rest = rest.Skip(1).ToList();
            if (!rest[0].Equals("to", StringComparison.OrdinalIgnoreCase))
            {
                rest.Insert(0, "to");
            }
        }

        var objectText = Tidy(string.Join(' ', rest));
        if (lemma is "give" or "offer" or "do" or "extend" && NetTerms().Match(objectText) is { Success: true } net)
        {
            return "extend payment terms to " + net.Groups["net"].Value;
        }

        if (lemma == "do" && StartsWithAmountOff(rest))
        {
            lemma = "take";
        }

        for (var i = 1; i < rest.Count; i++)
        {
            if (rest[i - 1].Equals("and", StringComparison.OrdinalIgnoreCase) && Verbs.Lemma(rest[i]) is { } coordinated && !Verbs.Lemma(rest[i])!.Equals(rest[i], StringComparison.OrdinalIgnoreCase))
            {
                rest[i] = coordinated;
            }
        }

        return Tidy(lemma + (rest.Count > 0 ? " " + string.Join(' ', rest) : ""));
    }

    /// <summary>An item to ask for as something "could you …" can take: verbs in base form, a noun phrase given a verb.</summary>
    public static string? Askable(string item)
    {
        var words = MessageText.Words(MessageText.Normalise(item));
        var i = 0;
        while (i < words.Count && words[i].ToLowerInvariant() is "could" or "can" or "would" or "will" or "you" or "they" or "please" or "to" or "if" or "in" or "return" or "exchange" or "for" or "and" or "then" or "also" or "the customer" or "them")
        {
            // "in return for X": "for" introduces the noun phrase we ask for.
            i++;
        }

        words = words.Skip(i).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var first = words[0].ToLowerInvariant();
        string phrase;
        if (Verbs.Lemma(first) is { } lemma && !NounPhraseStarts.Contains(first) && !AmountParser.TryParse(first, DateOnly.MinValue, out _))
        {
            phrase = lemma + (words.Count > 1 ? " " + string.Join(' ', words.Skip(1)) : "");
        }
        else if (words.Count == 1 && (first.EndsWith("ing", StringComparison.Ordinal) || first.EndsWith("ed", StringComparison.Ordinal)))
        {
            // A lone unknown verb form we cannot put in its base form reliably; before a noun it is an adjective ("named lead").
            return null;
        }
        else
        {
            var np = string.Join(' ', words);
            if (NeedsArticle(first))
            {
                np = (StartsWithVowelSound(first) ? "an " : "a ") + np;
            }

            phrase = (np.Contains("case study", StringComparison.OrdinalIgnoreCase) || np.Contains("reference", StringComparison.OrdinalIgnoreCase) || np.Contains("logo", StringComparison.OrdinalIgnoreCase)
                ? "agree to "
                : "commit to ") + np;
        }

        return Tidy(ToSecondPerson(phrase));
    }

    /// <summary>Their side addressed directly: they/them → you, their → your, theirs → yours.</summary>
    public static string ToSecondPerson(string text) => ThirdPerson().Replace(text, m => m.Value.ToLowerInvariant() switch
    {
        "they" or "them" or "the customer" or "the client" => "you",
        "their" => "your",
        "theirs" => "yours",
        "themselves" => "yourselves",
        _ => m.Value,
    });

    /// <summary>Trims filler words and punctuation from the end of a phrase.</summary>
    public static string Tidy(string phrase)
    {
        var p = phrase.Trim().TrimEnd('.', ',', ';', ':', '!', '?', ' ', '-');
        bool changed;
        do
        {
            changed = false;
            foreach (var filler in TrailingFillers)
            {
                if (p.Length > filler.Length + 1 && p.EndsWith(" " + filler, StringComparison.OrdinalIgnoreCase))
                {
                    p = p[..^(filler.Length + 1)].TrimEnd('.', ',', ';', ':', '!', '?', ' ', '-');
                    changed = true;
                }
            }
        }
        while (changed);

        return p;
    }

    // "two-year term" → "a two-year term": a singular countable item reads badly without its article.
    private static bool NeedsArticle(string first) =>
        first is "case" or "reference" or "logo" or "referral" or "multi-year" or "multiyear" or "annual" or "longer" or "bigger"
            or "larger" or "firm" or "signed" or "named" or "dedicated" or "written" or "formal" or "purchase" or "commitment" or "minimum" or "quick" or "faster" or "joint" or "press" or "renewal"
        || (first.Contains('-', StringComparison.Ordinal) && !first.EndsWith('s') && !first.StartsWith("net", StringComparison.Ordinal) && AmountParser.TryParse(first, DateOnly.MinValue, out _));

    private static bool StartsWithVowelSound(string word) =>
        word.Length > 0 && (word[0] is 'a' or 'e' or 'i' or 'o' or 'u' || word.StartsWith("eight", StringComparison.Ordinal) || word.StartsWith("11", StringComparison.Ordinal) || word.StartsWith("18", StringComparison.Ordinal) || word.StartsWith('8'));

    private static bool StartsWithAmountOff(List<string> rest)
    {
        for (var n = 1; n <= 2 && n < rest.Count; n++)
        {
            if (rest[n].Equals("off", StringComparison.OrdinalIgnoreCase) && AmountParser.TryParse(string.Join(' ', rest.Take(n)), DateOnly.MinValue, out _))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^(?:(?:them|the customer|you)\s+)?(?<net>net[\s-]?\d{1,3})(?:\s+days)?(?:\s+(?:payment\s+)?terms)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex NetTerms();

    [GeneratedRegex(@"\b(?:they|them|their|theirs|themselves|the customer|the client)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex ThirdPerson();
}
