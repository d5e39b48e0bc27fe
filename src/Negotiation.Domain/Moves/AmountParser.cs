namespace Negotiation.Domain.Moves;

/// <summary>Reads one amount written on its own: "$92k", "92,000 USD", "€15/seat", "8%", "8 pct", "net-60", "36 months", "10 seats", a date.</summary>
public static class AmountParser
{
    /// <summary>Parses the whole of <paramref name="text"/> as one amount.</summary>
    public static bool TryParse(string? text, DateOnly today, out Amount amount)
    {
        // Stub: percentages only until the full grammar lands.
        var t = (text ?? "").Trim();
        if (t.EndsWith('%') && decimal.TryParse(t[..^1], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var p))
        {
            amount = Amount.Percent(p);
            return true;
        }

        _ = today;
        amount = null!;
        return false;
    }
}
