using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Negotiation.Language.Grammar;

/// <summary>Turns raw chat text into plain prose the rules can read: markup removed, contractions expanded, length capped.</summary>
internal static partial class MessageText
{
    /// <summary>Longest message the rules read: deal moves are short, and the cap bounds the work on hostile input.</summary>
    public const int MaxLength = 1_000;


    /// <summary>Plain, single-spaced text; sentences end with a newline where the writer broke lines.</summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var t = text.Length > MaxLength * 2 ? text[..(MaxLength * 2)] : text;
        t = SlackMarkup().Replace(t, m => m.Groups["label"].Success ? m.Groups["label"].Value : "");
        t = EmojiShortcode().Replace(t, " ");

        var sb = new StringBuilder(t.Length);
        foreach (var c in t)
        {
            switch (c)
            {
                case '\n' or '\r':
                    sb.Append('\n');
                    break;
                case '\u2018' or '\u2019' or '\u02bc' or '`' or '\u00b4':
                    sb.Append('\'');
                    break;
                case '\u201c' or '\u201d':
                    sb.Append('"');
                    break;
                case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212':
                    sb.Append('-');
                    break;
                case '\u2014':
                    sb.Append(" - ");
                    break;
                case '*' or '_' or '~' or '<' or '>' or '|' or '{' or '}' or '[' or ']' or '\\' or '#':
                    sb.Append(' ');
                    break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || IsSymbolNoise(c))
                    {
                        sb.Append(' ');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        t = sb.ToString();
        t = Contraction().Replace(t, m => Expand(m.Value));

        t = Spaces().Replace(t, " ");
        t = Newlines().Replace(t, "\n").Trim();
        if (t.Length > MaxLength)
        {
            var cut = t.LastIndexOf(' ', MaxLength);
            t = t[..(cut > MaxLength / 2 ? cut : MaxLength)];
        }

        return t;
    }

    /// <summary>The sentences of normalised text, each with whether it was asked as a question.</summary>
    public static IEnumerable<(string Text, bool Question)> Sentences(string normalised)
    {
        foreach (var part in SentenceBreak().Split(normalised))
        {
            var s = part.Trim().Trim('-', ' ', ',', ':');
            if (s.Length == 0)
            {
                continue;
            }

            var question = s.EndsWith('?');
            s = s.TrimEnd('?', '!', '.', ';', ' ');
            if (s.Length > 0)
            {
                yield return (s, question);
            }
        }
    }

    /// <summary>Words of a clause, punctuation at their edges removed (amount symbols kept).</summary>
    public static List<string> Words(string clause)
    {
        var words = new List<string>();
        foreach (var raw in clause.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var w = raw.Trim(',', ';', ':', '.', '!', '?', '"', '\'', '(', ')');
            if (w.Length > 0)
            {
                words.Add(w);
            }
        }

        return words;
    }

    private static string Expand(string contraction) => contraction.ToLowerInvariant() switch
    {
        "won't" => "will not",
        "can't" or "cannot" => "can not",
        "shan't" => "shall not",
        "let's" => "let us",
        "n't" => " not",
        "'ll" => " will",
        "'d" => " would",
        "'re" => " are",
        "'ve" => " have",
        "'m" => " am",
        var other => other[..^2] + " is",
    };

    private static bool IsSymbolNoise(char c)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
    }

    // <@U123>, <#C123|deals>, <https://x|label>, <!here>: keep a label when there is one.
    [GeneratedRegex(@"<[@#!]?[^<>|\s]{1,300}(?:\|(?<label>[^<>]{0,200}))?>", RegexOptions.CultureInvariant, 250)]
    private static partial Regex SlackMarkup();

    [GeneratedRegex(@"\b(?:won't|can't|cannot|shan't|let's|it's|that's|what's|there's|he's|she's)\b|(?<=[a-z])(?:n't|'ll|'d|'re|'ve|'m)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 250)]
    private static partial Regex Contraction();

    [GeneratedRegex(":[a-z0-9_+-]{1,40}:", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 250)]
    private static partial Regex EmojiShortcode();

    [GeneratedRegex("[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s*\n\s*", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Newlines();

    // After . ! ? ; followed by space (not "2.5%" or "$1.5M"), at newlines, and at a spaced dash.
    [GeneratedRegex(@"(?<=[!?;])\s*|(?<=[a-z0-9%)\]'""])\.(?=\s|$)|\n| - ", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 250)]
    private static partial Regex SentenceBreak();
}
