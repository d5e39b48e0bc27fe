namespace Negotiation.Domain.Planning;

/// <summary>
/// Decides whether free text mentions a planned item ("two-year term" in "they agreed to a two year term"),
/// so gets can be matched to wanted gets and gives to possible gives without exact wording.
/// </summary>
public static class ItemMatcher
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "our", "their", "your", "you", "they", "them", "will", "would", "could",
        "can", "that", "this", "into", "from", "off", "per", "a", "an", "to", "of", "on", "in", "by", "we", "us",
        "agree", "agreed", "commit", "committed", "give", "get", "got", "offer", "make", "more",
    };

    /// <summary>True when at least half of the item's significant words (and at least one) appear in the text.</summary>
    public static bool Matches(string item, string text)
    {
        var wanted = SignificantStems(item);
        if (wanted.Count == 0)
        {
            return false;
        }

        var seen = SignificantStems(text);
        var hits = wanted.Count(seen.Contains);
        return hits * 2 >= wanted.Count;
    }

    private static HashSet<string> SignificantStems(string text)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var word = new System.Text.StringBuilder();
        foreach (var c in text.ToLowerInvariant().Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            if (word.Length > 0)
            {
                var w = word.ToString();
                word.Clear();
                if (w.Length > 1 && !StopWords.Contains(w))
                {
                    // A five-letter stem lets "years"/"year" and "commitment"/"committing" meet.
                    stems.Add(w.Length > 5 ? w[..5] : w.TrimEnd('s'));
                }
            }
        }

        return stems;
    }
}
