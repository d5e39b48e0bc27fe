using System.Globalization;

namespace Negotiation.Domain.Moves;

/// <summary>Reads the dates people type in deal channels ("2026-12-15", "Dec 15", "next Friday", "end of Q1"), relative to today.</summary>
public static class DateText
{
    /// <summary>Parses a whole string as one date expression. Dates without a year fall on the next such day from today.</summary>
    public static bool TryParse(string? text, DateOnly today, out DateOnly date)
    {
        // Stub: ISO dates only until the full grammar lands.
        _ = today;
        return DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
