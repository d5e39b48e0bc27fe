using System.Globalization;

namespace Negotiation.Domain.Moves;

/// <summary>Reads the dates people type in deal channels ("2026-12-15", "Dec 15", "next Friday", "end of Q1"), relative to today.</summary>
/// <remarks>
/// The whole text must be one date expression, optionally after "by", "on" or "before". Case, commas and a dot after
/// an abbreviated month are ignored. Conventions (weeks run Monday to Sunday):
/// <list type="bullet">
/// <item>"2026-12-15"; "Dec 15", "December 15th", "15 Dec", "15th of December", "Dec 15, 2026", "15 December 2026";
/// US "12/15", "12/15/2026", "12/15/26" (month first).</item>
/// <item>A date without a year is the next such date on or after today ("Feb 29" waits for a leap year).</item>
/// <item>"today", "tomorrow".</item>
/// <item>"Friday" / "fri": the first Friday strictly after today (a week ahead when today is Friday).</item>
/// <item>"this Friday": the first Friday on or after today (today when today is Friday).</item>
/// <item>"next Friday": the Friday of next week, i.e. of the Monday–Sunday week after the current one.</item>
/// <item>"in 3 days", "in 2 weeks", "in a month", "in one year" (a month on from the 31st ends on the month's last day).</item>
/// <item>"end of week" / "EOW": the first Friday on or after today; "end of next week": next week's Friday.</item>
/// <item>"end of month" / "EOM" / "month-end"; "end of next month"; "end of March" (next one on or after today).</item>
/// <item>"end of quarter" / "EOQ" / "quarter-end" (the current quarter); "end of next quarter"; "end of Q1".."end of Q4"
/// (the next such quarter end on or after today), or "end of Q1 2027".</item>
/// <item>"end of year" / "EOY" / "year-end"; "end of next year"; "end of 2027".</item>
/// </list>
/// Anything else, and impossible dates ("Feb 30", "13/45"), is not a date. Parsing never throws.
/// </remarks>
public static class DateText
{
    // Longer than any date expression anyone types: bounds the work done on hostile input.
    private const int MaxLength = 64;

    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly string[] NumberWords =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    /// <summary>Parses a whole string as one date expression. Dates without a year fall on the next such day from today.</summary>
    public static bool TryParse(string? text, DateOnly today, out DateOnly date)
    {
        date = default;
        if (text is null || text.Length > MaxLength * 4)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxLength)
        {
            return false;
        }

        var tokens = Tokenize(trimmed);
        if (tokens.Count > 1 && tokens[0] is "by" or "on" or "before")
        {
            tokens.RemoveAt(0);
        }

        if (TryParseTokens(tokens, today, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (var raw in text.ToLowerInvariant().Replace(',', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            // "Dec." and a sentence's closing dot are not part of the date.
            var token = raw.TrimEnd('.');
            if (token.Length > 0)
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }

    private static bool TryParseTokens(List<string> t, DateOnly today, out DateOnly date)
    {
        date = default;
        switch (t.Count)
        {
            case 1:
                return TryParseSingle(t[0], today, out date);
            case 2 when t[0] == "this" && TryWeekday(t[1], out var thisDay):
                return TryOnOrAfter(today, thisDay, out date);
            case 2 when t[0] == "next" && TryWeekday(t[1], out var nextDay):
                return TryAddDays(StartOfWeek(today), 7 + DaysFromMonday(nextDay), out date);
            case 2 when t[1] == "end" && t[0] is "month" or "quarter" or "year":
                return TryParseSingle(t[0] == "month" ? "eom" : t[0] == "quarter" ? "eoq" : "eoy", today, out date);
            case 3 when t[0] == "in":
                return TryParseIn(t[1], t[2], today, out date);
        }

        if (t.Count >= 3 && t[0] == "end" && t[1] == "of")
        {
            var rest = t.Skip(2).ToList();
            if (rest.Count > 1 && rest[0] is "the" or "this")
            {
                rest.RemoveAt(0);
            }

            return TryParseEndOf(rest, today, out date);
        }

        return TryParseMonthDay(t, today, out date);
    }

    private static bool TryParseSingle(string token, DateOnly today, out DateOnly date)
    {
        date = default;
        switch (token)
        {
            case "today":
                date = today;
                return true;
            case "tomorrow":
            case "tmrw":
                return TryAddDays(today, 1, out date);
            case "eow":
                return TryOnOrAfter(today, DayOfWeek.Friday, out date);
            case "eom":
            case "month-end":
                date = EndOfMonth(today.Year, today.Month);
                return true;
            case "eoq":
            case "quarter-end":
                date = EndOfMonth(today.Year, ((today.Month - 1) / 3 * 3) + 3);
                return true;
            case "eoy":
            case "year-end":
                date = new DateOnly(today.Year, 12, 31);
                return true;
        }

        if (TryWeekday(token, out var weekday))
        {
            return TryAddDays(today, ((int)weekday - (int)today.DayOfWeek + 6) % 7 + 1, out date);
        }

        return TryParseIso(token, out date) || TryParseUs(token, today, out date);
    }

    private static bool TryParseIso(string token, out DateOnly date)
    {
        date = default;
        var parts = token.Split('-');
        return parts.Length == 3
            && parts[0].Length == 4 && parts[1].Length is 1 or 2 && parts[2].Length is 1 or 2
            && TryNumber(parts[0], out var year) && TryNumber(parts[1], out var month) && TryNumber(parts[2], out var day)
            && TryDate(year, month, day, out date);
    }

    private static bool TryParseUs(string token, DateOnly today, out DateOnly date)
    {
        date = default;
        var parts = token.Split('/');
        if (parts.Length is not (2 or 3)
            || parts[0].Length is not (1 or 2) || parts[1].Length is not (1 or 2)
            || !TryNumber(parts[0], out var month) || !TryNumber(parts[1], out var day))
        {
            return false;
        }

        if (parts.Length == 2)
        {
            return TryNextOccurrence(month, day, today, out date);
        }

        return TryYear(parts[2], allowTwoDigits: true, out var year) && TryDate(year, month, day, out date);
    }

    private static bool TryParseIn(string count, string unit, DateOnly today, out DateOnly date)
    {
        date = default;
        int n;
        if (count is "a" or "an" or "one")
        {
            n = 1;
        }
        else if (Array.IndexOf(NumberWords, count) is var index and > 0)
        {
            n = index;
        }
        else if (count.Length > 5 || !TryNumber(count, out n) || n == 0)
        {
            return false;
        }

        return unit switch
        {
            "day" or "days" => TryAddDays(today, n, out date),
            "week" or "weeks" => TryAddDays(today, n * 7, out date),
            "month" or "months" => TryAddMonths(today, n, out date),
            "year" or "years" => TryAddMonths(today, n * 12, out date),
            _ => false,
        };
    }

    private static bool TryParseEndOf(List<string> rest, DateOnly today, out DateOnly date)
    {
        date = default;
        if (rest.Count == 1)
        {
            var what = rest[0];
            switch (what)
            {
                case "week":
                    return TryParseSingle("eow", today, out date);
                case "month":
                    return TryParseSingle("eom", today, out date);
                case "quarter":
                    return TryParseSingle("eoq", today, out date);
                case "year":
                    return TryParseSingle("eoy", today, out date);
            }

            // "end of Q1" and "end of March" are the next such month end on or after today.
            if (TryQuarter(what, out var q))
            {
                return TryNextEndOfMonth(q * 3, today, out date);
            }

            if (TryMonth(what, out var month))
            {
                return TryNextEndOfMonth(month, today, out date);
            }

            return TryYear(what, allowTwoDigits: false, out var year) && TryEndOfMonth(year, 12, out date);
        }

        if (rest.Count == 2 && rest[0] == "next")
        {
            switch (rest[1])
            {
                case "week":
                    return TryAddDays(StartOfWeek(today), 7 + DaysFromMonday(DayOfWeek.Friday), out date);
                case "month":
                    return TryAddMonths(new DateOnly(today.Year, today.Month, 1), 1, out var nextMonth)
                        && TryEndOfMonth(nextMonth.Year, nextMonth.Month, out date);
                case "quarter":
                    return TryAddMonths(new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1), 3, out var nextQuarter)
                        && TryEndOfMonth(nextQuarter.Year, nextQuarter.Month + 2, out date);
                case "year":
                    return TryEndOfMonth(today.Year + 1, 12, out date);
            }

            return false;
        }

        if (rest.Count == 2 && TryYear(rest[1], allowTwoDigits: false, out var y))
        {
            if (TryQuarter(rest[0], out var quarter))
            {
                return TryEndOfMonth(y, quarter * 3, out date);
            }

            if (TryMonth(rest[0], out var m))
            {
                return TryEndOfMonth(y, m, out date);
            }
        }

        return false;
    }

    private static bool TryParseMonthDay(List<string> t, DateOnly today, out DateOnly date)
    {
        date = default;

        // "15th of December [2026]": drop the "of" so it reads like "15th December".
        if (t.Count is 3 or 4 && t[1] == "of")
        {
            t = [t[0], .. t.Skip(2)];
        }

        if (t.Count is not (2 or 3))
        {
            return false;
        }

        int month;
        int day;
        if (TryMonth(t[0], out month) && TryDay(t[1], out day))
        {
            // "Dec 15"
        }
        else if (TryDay(t[0], out day) && TryMonth(t[1], out month))
        {
            // "15 Dec"
        }
        else
        {
            return false;
        }

        if (t.Count == 2)
        {
            return TryNextOccurrence(month, day, today, out date);
        }

        return TryYear(t[2], allowTwoDigits: false, out var year) && TryDate(year, month, day, out date);
    }

    /// <summary>The first date on or after today with this month and day; a Feb 29 waits for the next leap year.</summary>
    private static bool TryNextOccurrence(int month, int day, DateOnly today, out DateOnly date)
    {
        date = default;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2000, month))
        {
            return false;
        }

        for (var year = today.Year; year <= Math.Min(today.Year + 8, 9999); year++)
        {
            if (TryDate(year, month, day, out var candidate) && candidate >= today)
            {
                date = candidate;
                return true;
            }
        }

        return false;
    }

    private static bool TryDay(string token, out int day)
    {
        day = 0;
        var digits = token.Length;
        while (digits > 0 && !char.IsAsciiDigit(token[digits - 1]))
        {
            digits--;
        }

        if (digits is not (1 or 2) || !TryNumber(token[..digits], out day) || day is < 1 or > 31)
        {
            return false;
        }

        var suffix = token[digits..];
        return suffix.Length == 0 || suffix == OrdinalSuffix(day);
    }

    private static string OrdinalSuffix(int n) => (n % 100) switch
    {
        11 or 12 or 13 => "th",
        _ => (n % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        },
    };

    private static bool TryMonth(string token, out int month)
    {
        month = 0;
        if (token.Length < 3)
        {
            return false;
        }

        for (var i = 0; i < Months.Length; i++)
        {
            // Full names and the usual abbreviations: "dec", "sept", but not "decem".
            var name = Months[i];
            if (token == name || token == name[..3] || (i == 8 && token == "sept"))
            {
                month = i + 1;
                return true;
            }
        }

        return false;
    }

    private static bool TryWeekday(string token, out DayOfWeek day)
    {
        switch (token)
        {
            case "monday" or "mon":
                day = DayOfWeek.Monday;
                return true;
            case "tuesday" or "tue" or "tues":
                day = DayOfWeek.Tuesday;
                return true;
            case "wednesday" or "wed":
                day = DayOfWeek.Wednesday;
                return true;
            case "thursday" or "thu" or "thur" or "thurs":
                day = DayOfWeek.Thursday;
                return true;
            case "friday" or "fri":
                day = DayOfWeek.Friday;
                return true;
            case "saturday" or "sat":
                day = DayOfWeek.Saturday;
                return true;
            case "sunday" or "sun":
                day = DayOfWeek.Sunday;
                return true;
            default:
                day = default;
                return false;
        }
    }

    private static bool TryQuarter(string token, out int quarter)
    {
        quarter = token switch
        {
            "q1" => 1,
            "q2" => 2,
            "q3" => 3,
            "q4" => 4,
            _ => 0,
        };
        return quarter > 0;
    }

    private static bool TryYear(string token, bool allowTwoDigits, out int year)
    {
        year = 0;
        if (token.Length == 4 && TryNumber(token, out year) && year >= 1)
        {
            return true;
        }

        if (allowTwoDigits && token.Length == 2 && TryNumber(token, out var yy))
        {
            year = 2000 + yy;
            return true;
        }

        return false;
    }

    private static bool TryNumber(string token, out int value)
    {
        value = 0;
        if (token.Length is 0 or > 9)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryDate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryAddDays(DateOnly from, int days, out DateOnly date)
    {
        date = default;
        if ((long)from.DayNumber + days > DateOnly.MaxValue.DayNumber)
        {
            return false;
        }

        date = from.AddDays(days);
        return true;
    }

    private static bool TryAddMonths(DateOnly from, int months, out DateOnly date)
    {
        date = default;
        if (((long)from.Year * 12) + from.Month - 1 + months > (9999L * 12) + 11)
        {
            return false;
        }

        date = from.AddMonths(months);
        return true;
    }

    // DateOnly.MinValue is a Monday, so the start of a week never underflows.
    private static DateOnly StartOfWeek(DateOnly day) => day.AddDays(-DaysFromMonday(day.DayOfWeek));

    private static int DaysFromMonday(DayOfWeek day) => ((int)day + 6) % 7;

    private static bool TryOnOrAfter(DateOnly today, DayOfWeek day, out DateOnly date) =>
        TryAddDays(today, ((int)day - (int)today.DayOfWeek + 7) % 7, out date);

    private static DateOnly EndOfMonth(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));

    private static bool TryEndOfMonth(int year, int month, out DateOnly date)
    {
        date = default;
        return year is >= 1 and <= 9999 && TryDate(year, month, DateTime.DaysInMonth(year, month), out date);
    }

    private static bool TryNextEndOfMonth(int month, DateOnly today, out DateOnly date)
    {
        var end = EndOfMonth(today.Year, month);
        if (end >= today)
        {
            date = end;
            return true;
        }

        return TryEndOfMonth(today.Year + 1, month, out date);
    }
}
