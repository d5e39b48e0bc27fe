using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Negotiation.Domain.Moves;

/// <summary>Reads one amount written on its own: "$92k", "92,000 USD", "€15/seat", "8%", "8 pct", "net-60", "36 months", "10 seats", a date.</summary>
/// <remarks>
/// The whole (trimmed) string must be the amount. Bare numbers ("92", "ten") are not amounts: money needs a currency
/// or a k/m suffix, everything else needs its unit. This is the single grammar for amounts; free-text extraction
/// offers it candidate spans rather than keeping a second copy of these patterns.
/// </remarks>
public static partial class AmountParser
{
    /// <summary>Longest string considered: amounts are short, and the cap keeps hostile input cheap.</summary>
    public const int MaxLength = 48;

    // Digits with optional thousands separators and decimals; at most 12 integer digits so decimal never overflows.
    private const string Number = @"(?<num>\d{1,3}(?:,\d{3}){1,3}(?:\.\d{1,4})?|\d{1,12}(?:\.\d{1,4})?|\.\d{1,4})";

    private const string Word = @"(?<word>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
        + "|(?:a |one )?hundred|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";

    private const string Scale = "(?<scale>k|mm|m|mn|bn|thousand|million|billion)";

    private const string Currency = @"(?<cur>us\$|[$€£]|usd|eur|gbp|cad|aud|nzd|chf|jpy|inr|sgd|sek|nok|dkk)";

    private const string CurrencyAfter = "(?<cur>usd|eur|gbp|cad|aud|nzd|chf|jpy|inr|sgd|sek|nok|dkk|dollars?|bucks|euros?|pounds?)";

    // "€15/seat", "$40 per user per month", "$92k/yr", "$40 a seat": the rate basis is not part of the value.
    private const string Per = @"(?:\s?/\s?[a-z]{1,12}|\s(?:per|a|an)\s[a-z]{1,12}){0,2}";

    private const string TimeUnit = "(?<unit>days?|d|weeks?|wks?|w|months?|mos?|years?|yrs?|y|hours?|hrs?|h|quarters?)";

    private const string CountNoun = "(?<noun>seats?|licen[cs]es?|users?|ftes?|engineers?|consultants?|developers?|devs?|heads?|people|persons?"
        + "|units?|sites?|locations?|instances?|accounts?|agents?|employees?|contractors?|analysts?|trainers?|servers?|nodes?|devices?|endpoints?|modules?)";

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16,
        ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90, ["hundred"] = 100,
    };

    /// <summary>Parses the whole of <paramref name="text"/> as one amount; false (never an exception) for anything else.</summary>
    public static bool TryParse(string? text, DateOnly today, out Amount amount)
    {
        amount = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength * 4)
        {
            return false;
        }

        var t = Normalise(text);
        if (t.Length == 0 || t.Length > MaxLength)
        {
            return false;
        }

        try
        {
            var parsed = ParseNormalised(t, today);
            if (parsed is null)
            {
                return false;
            }

            amount = parsed;
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static Amount? ParseNormalised(string t, DateOnly today)
    {
        Match m;
        if ((m = CurrencyFirst().Match(t)).Success || (m = CurrencyLast().Match(t)).Success)
        {
            return Value(m) is { } v ? Amount.Money(v, CurrencyCode(m.Groups["cur"].Value)) : null;
        }

        if ((m = ScaledBare().Match(t)).Success)
        {
            return Value(m) is { } v ? Amount.Money(v) : null;
        }

        if ((m = PercentPattern().Match(t)).Success)
        {
            return Value(m) is { } v ? Amount.Percent(v) : null;
        }

        if ((m = NetTerms().Match(t)).Success)
        {
            return Value(m) is { } v ? Amount.Duration(v, "days") : null;
        }

        if ((m = DurationPattern().Match(t)).Success)
        {
            if (Value(m) is not { } v)
            {
                return null;
            }

            var unit = m.Groups["unit"].Value;
            return unit.StartsWith('q')
                ? Amount.Duration(v * 3, "months")
                : Amount.Duration(v, unit);
        }

        if ((m = CountPattern().Match(t)).Success)
        {
            return Value(m) is { } v ? Amount.Count(v, CountUnit(m.Groups["noun"].Value)) : null;
        }

        // A bare number is never an amount, whatever a date reader might make of "15".
        return ContainsLetter(t) || t.Contains('-', StringComparison.Ordinal) || t.Contains('/', StringComparison.Ordinal)
            ? DateText.TryParse(t, today, out var date) ? Amount.OnDate(date) : null
            : null;
    }

    /// <summary>Lower-case, single spaces, plain hyphens: the form the patterns are written for.</summary>
    private static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        var lastWasSpace = true;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    sb.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            if (char.IsControl(c))
            {
                return "";
            }

            sb.Append(c is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' ? '-' : char.ToLowerInvariant(c));
            lastWasSpace = false;
        }

        return sb.ToString().TrimEnd();
    }

    private static bool ContainsLetter(string t)
    {
        foreach (var c in t)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    private static decimal? Value(Match m)
    {
        decimal value;
        var word = m.Groups["word"];
        if (word.Success)
        {
            value = WordValue(word.Value);
        }
        else if (!decimal.TryParse(m.Groups["num"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }

        var scale = m.Groups["scale"];
        if (scale.Success)
        {
            value *= scale.Value switch
            {
                "k" or "thousand" => 1_000m,
                "m" or "mm" or "mn" or "million" => 1_000_000m,
                _ => 1_000_000_000m,
            };
        }

        return value;
    }

    private static decimal WordValue(string word)
    {
        // "hundred", "a hundred", "one hundred", "twenty-five", "forty two"
        if (word.EndsWith("hundred", StringComparison.Ordinal))
        {
            return 100;
        }

        var parts = word.Split('-', ' ');
        var total = 0;
        foreach (var part in parts)
        {
            total += NumberWords.GetValueOrDefault(part);
        }

        return total;
    }

    private static string CurrencyCode(string currency) => currency switch
    {
        "$" or "us$" or "dollar" or "dollars" or "bucks" => "USD",
        "€" or "euro" or "euros" => "EUR",
        "£" or "pound" or "pounds" => "GBP",
        _ => currency.ToUpperInvariant(),
    };

    private static string CountUnit(string noun) => noun switch
    {
        "people" or "person" or "persons" => "people",
        "licence" or "licences" or "license" or "licenses" => "licenses",
        "dev" or "devs" => "developers",
        _ when noun.EndsWith('s') => noun,
        _ => noun + "s",
    };

    [GeneratedRegex("^" + Currency + @"\s?" + Number + @"\s?" + Scale + "?" + Per + "$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex CurrencyFirst();

    [GeneratedRegex("^" + Number + @"\s?" + Scale + @"?\s?" + CurrencyAfter + Per + "$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex CurrencyLast();

    [GeneratedRegex("^" + Number + @"\s?" + Scale + Per + "$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex ScaledBare();

    [GeneratedRegex("^(?:" + Number + "|" + Word + @")\s?(?:%|pct|percent|per cent)$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"^net\s?-?\s?(?<num>\d{1,3})(?:\s?days?)?$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex NetTerms();

    [GeneratedRegex("^(?:" + Number + "|" + Word + @")\s?-?\s?(?:(?:business|working|calendar)\s)?" + TimeUnit + "$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex DurationPattern();

    [GeneratedRegex("^(?:" + Number + "(?<scale>k)?|" + Word + @")\s?-?\s?(?:(?:named|concurrent|extra|additional|more|free|dedicated|full-time|part-time)\s)?" + CountNoun + "$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex CountPattern();
}
