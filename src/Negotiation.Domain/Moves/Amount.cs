using System.Globalization;

namespace Negotiation.Domain.Moves;

/// <summary>The kind of quantity an amount measures.</summary>
public enum AmountKind
{
    Money,
    Percent,
    Duration,
    Date,
    Count,
}

/// <summary>A quantity with its unit: $92,000, 8%, 60 days, 10 seats, or a date.</summary>
/// <param name="Value">The number (for <see cref="AmountKind.Date"/>, the day number of <paramref name="Date"/>).</param>
/// <param name="Kind">What the number measures.</param>
/// <param name="Unit">Currency code (USD, EUR), "%", a time unit (days, weeks, months, years), a counted noun (seats), or "date".</param>
/// <param name="Date">The calendar date, for dates only.</param>
public sealed record Amount(decimal Value, AmountKind Kind, string Unit, DateOnly? Date = null)
{
    public static Amount Money(decimal value, string currency = "USD") => new(value, AmountKind.Money, currency.ToUpperInvariant());

    public static Amount Percent(decimal value) => new(value, AmountKind.Percent, "%");

    public static Amount Duration(decimal value, string unit) => new(value, AmountKind.Duration, NormaliseTimeUnit(unit));

    public static Amount Count(decimal value, string noun) => new(value, AmountKind.Count, noun.ToLowerInvariant());

    public static Amount OnDate(DateOnly date) => new(date.DayNumber, AmountKind.Date, "date", date);

    /// <summary>True when two amounts can be added and compared without a conversion we can't know.</summary>
    public bool IsComparableWith(Amount other) => Kind == other.Kind && Kind != AmountKind.Date && CanonicalUnit == other.CanonicalUnit;

    /// <summary>The value in the canonical unit of its kind (weeks become days, years become months).</summary>
    public decimal CanonicalValue => Unit switch
    {
        "weeks" => Value * 7,
        "years" => Value * 12,
        _ => Value,
    };

    private string CanonicalUnit => Unit switch
    {
        "weeks" => "days",
        "years" => "months",
        _ => Unit,
    };

    /// <summary>The same amount with another value, in this amount's canonical unit.</summary>
    public Amount WithCanonicalValue(decimal value) => this with { Value = value, Unit = CanonicalUnit };

    public override string ToString()
    {
        var whole = Value == decimal.Truncate(Value);
        var number = Value.ToString(whole ? "#,0" : Kind == AmountKind.Money ? "#,0.00" : "#,0.##", CultureInfo.InvariantCulture);
        return Kind switch
        {
            AmountKind.Money => Unit switch
            {
                "USD" => "$" + number,
                "EUR" => "€" + number,
                "GBP" => "£" + number,
                _ => number + " " + Unit,
            },
            AmountKind.Percent => number + "%",
            AmountKind.Date => Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? number,
            AmountKind.Duration or AmountKind.Count when Value == 1 => number + " " + Singular(Unit),
            _ => number + " " + Unit,
        };
    }

    private static string Singular(string unit) => unit.EndsWith('s') && !unit.EndsWith("ss", StringComparison.Ordinal) ? unit[..^1] : unit;

    private static string NormaliseTimeUnit(string unit)
    {
        var u = unit.Trim().ToLowerInvariant();
        return u switch
        {
            "d" or "day" or "days" => "days",
            "w" or "wk" or "wks" or "week" or "weeks" => "weeks",
            "mo" or "mos" or "month" or "months" => "months",
            "y" or "yr" or "yrs" or "year" or "years" => "years",
            "h" or "hr" or "hrs" or "hour" or "hours" => "hours",
            _ => u,
        };
    }
}
