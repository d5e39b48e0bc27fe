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

    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6",
        ["seven"] = "7", ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12",
        ["single"] = "1", ["double"] = "2", ["triple"] = "3",
    };

    /// <summary>
    /// True when at least half of the item's significant words (and at least one) appear in the text, and every
    /// number in the item does too: "two-year term" is not met by "a one-year term".
    /// </summary>
    public static bool Matches(string item, string text)
    {
        var wanted = SignificantStems(item);
        if (wanted.Count == 0)
        {
            return false;
        }

        var seen = SignificantStems(text);
        if (wanted.Any(w => IsNumber(w) && !seen.Contains(w)))
        {
            return false;
        }

        var hits = wanted.Count(seen.Contains);
        return hits * 2 >= wanted.Count;
    }

    private static bool IsNumber(string stem) => stem.All(char.IsDigit);

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
                if (NumberWords.TryGetValue(w, out var digits))
                {
                    stems.Add(digits);
                }
                else if ((w.Length > 1 || char.IsDigit(w[0])) && !StopWords.Contains(w))
                {
                    // A five-letter stem lets "years"/"year" and "commitment"/"committing" meet.
                    stems.Add(w.Length > 5 ? w[..5] : w.TrimEnd('s'));
                }
            }
        }

        return stems;
    }
}
