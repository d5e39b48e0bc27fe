using Negotiation.Domain.Moves;

namespace Negotiation.Language.Amounts;

/// <summary>One amount found in free text: what it is, where it is, and whether it is a level or a size.</summary>
/// <param name="Amount">The parsed amount.</param>
/// <param name="Index">Where the amount's text starts in the searched text.</param>
/// <param name="Length">How long the amount's text is.</param>
/// <param name="IsLevel">True for a position moved to ("down to $92k", "at $40/seat", "net-60"); false for a size ("$8k off", "another 2%").</param>
public sealed record AmountMention(Amount Amount, int Index, int Length, bool IsLevel);

/// <summary>Finds every amount in free text by offering <see cref="AmountParser"/> candidate spans of words: one grammar, two uses.</summary>
public static class AmountExtractor
{
    /// <summary>Longest text searched; the rest is ignored.</summary>
    public const int MaxTextLength = 4_000;

    // "$40 per seat per month" is the longest form the parser reads.
    private const int MaxWindow = 5;

    private const string LeadingPunctuation = "([{\"'*_~<`,;:!?-";

    private const string TrailingPunctuation = ")]}\"'*_~>`,;:!?.";

    private static readonly HashSet<string> LevelBefore = new(StringComparer.Ordinal)
    {
        "to", "at", "@", "=", "of", "for", "from", "is", "was", "be", "becomes", "stays", "around", "about",
    };

    private static readonly HashSet<string> SizeBefore = new(StringComparer.Ordinal)
    {
        "by", "another", "extra", "additional", "further", "more", "knock", "knocked", "knocking", "shave", "shaved",
        "take", "took", "taking", "trim", "trimmed",
    };

    private static readonly HashSet<string> SizeAfter = new(StringComparer.Ordinal)
    {
        "off", "discount", "discounted", "reduction", "cut", "less", "lower", "cheaper", "credit", "credits", "rebate",
        "more", "extra", "earlier", "later", "sooner", "faster", "longer", "shorter", "free", "additional", "back",
        "increase", "decrease", "savings", "concession", "reduced",
    };

    /// <summary>Every amount in <paramref name="text"/>, in order of appearance.</summary>
    public static IReadOnlyList<Amount> Extract(string text, DateOnly today)
    {
        return [.. Find(text, today).Select(m => m.Amount)];
    }

    /// <summary>Every amount in <paramref name="text"/> with its position and role, in order of appearance.</summary>
    public static IReadOnlyList<AmountMention> Find(string text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        if (text.Length > MaxTextLength)
        {
            text = text[..MaxTextLength];
        }

        var tokens = Tokenise(text);
        var mentions = new List<AmountMention>();
        for (var i = 0; i < tokens.Count; i++)
        {
            for (var n = Math.Min(MaxWindow, tokens.Count - i); n >= 1; n--)
            {
                if (!Joinable(tokens, i, n))
                {
                    continue;
                }

                var candidate = n == 1 ? tokens[i].Text : string.Join(' ', tokens.Skip(i).Take(n).Select(t => t.Text));
                if (candidate.Length > AmountParser.MaxLength || !AmountParser.TryParse(candidate, today, out var amount))
                {
                    continue;
                }

                var start = tokens[i].Index;
                var end = tokens[i + n - 1].Index + tokens[i + n - 1].Text.Length;
                mentions.Add(new AmountMention(amount, start, end - start, IsLevel(amount, candidate, tokens, i, n)));
                i += n - 1;
                break;
            }
        }

        return mentions;
    }

    private static bool IsLevel(Amount amount, string candidate, List<Token> tokens, int first, int count)
    {
        var before1 = Word(tokens, first - 1);
        var before2 = Word(tokens, first - 2);
        var after1 = Word(tokens, first + count);
        var after2 = Word(tokens, first + count + 1);
        var after3 = Word(tokens, first + count + 2);

        // Size cues win: "$8k off", "8% discount", "another 2%", "by 2 weeks", "2 weeks earlier".
        if (SizeAfter.Contains(after1) || after2 is "off" or "discount" || (after1 is "of" && SizeAfter.Contains(after2)) || after3 is "off")
        {
            return false;
        }

        if (SizeBefore.Contains(before1) || before2 is "another" or "extra" or "additional" or "further")
        {
            return false;
        }

        if (LevelBefore.Contains(before1) || before2 is "to" or "at" || (before1 is "do" or "did" or "doing" && amount.Kind == AmountKind.Money))
        {
            return true;
        }

        // No cue: payment terms, contract lengths and dates name a position; money, percent and counts a size.
        return amount.Kind is AmountKind.Duration or AmountKind.Date || candidate.StartsWith("net", StringComparison.OrdinalIgnoreCase);
    }

    private static string Word(List<Token> tokens, int index) =>
        index >= 0 && index < tokens.Count ? tokens[index].Text.ToLowerInvariant() : "";

    private static bool Joinable(List<Token> tokens, int first, int count)
    {
        for (var k = first; k < first + count - 1; k++)
        {
            if (tokens[k].BreakAfter || tokens[k + 1].BreakBefore)
            {
                return false;
            }
        }

        return true;
    }

    private static List<Token> Tokenise(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                break;
            }

            var s = start;
            var e = i;
            while (s < e && LeadingPunctuation.Contains(text[s], StringComparison.Ordinal))
            {
                s++;
            }

            while (e > s && TrailingPunctuation.Contains(text[e - 1], StringComparison.Ordinal))
            {
                e--;
            }

            if (e > s)
            {
                tokens.Add(new Token(text[s..e], s, s > start, e < i));
            }
        }

        return tokens;
    }

    private readonly record struct Token(string Text, int Index, bool BreakBefore, bool BreakAfter);
}
