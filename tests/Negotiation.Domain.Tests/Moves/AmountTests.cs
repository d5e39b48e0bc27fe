using Negotiation.Domain.Moves;

namespace Negotiation.Domain.Tests.Moves;

public class AmountTests
{
    public static TheoryData<Amount, string> Formatted => new()
    {
        { Amount.Money(92_000), "$92,000" },
        { Amount.Money(15, "eur"), "€15" },
        { Amount.Money(1_500, "GBP"), "£1,500" },
        { Amount.Money(1_000, "CAD"), "1,000 CAD" },
        { Amount.Money(92_000.5m), "$92,000.50" },
        { Amount.Count(1, "seats"), "1 seat" },
        { Amount.Percent(8), "8%" },
        { Amount.Percent(2.5m), "2.5%" },
        { Amount.Duration(60, "days"), "60 days" },
        { Amount.Duration(1, "month"), "1 month" },
        { Amount.Duration(1, "yrs"), "1 year" },
        { Amount.Count(10, "Seats"), "10 seats" },
        { Amount.OnDate(new DateOnly(2026, 12, 15)), "2026-12-15" },
    };

    [Theory]
    [MemberData(nameof(Formatted))]
    public void ToString_EachKind_ReadsAsPeopleWriteIt(Amount amount, string expected) =>
        Assert.Equal(expected, amount.ToString());

    [Theory]
    [InlineData("d", "days")]
    [InlineData("Day", "days")]
    [InlineData("wk", "weeks")]
    [InlineData("weeks", "weeks")]
    [InlineData("mos", "months")]
    [InlineData("yr", "years")]
    [InlineData("hrs", "hours")]
    [InlineData(" Quarters ", "quarters")]
    public void Duration_UnitSpelling_IsNormalised(string unit, string expected) =>
        Assert.Equal(expected, Amount.Duration(3, unit).Unit);

    [Fact]
    public void Money_LowerCaseCurrency_IsUpperCased() =>
        Assert.Equal("USD", Amount.Money(1, "usd").Unit);

    [Fact]
    public void OnDate_Date_KeepsDateAndDayNumber()
    {
        var date = new DateOnly(2026, 12, 15);

        var amount = Amount.OnDate(date);

        Assert.Equal(AmountKind.Date, amount.Kind);
        Assert.Equal(date, amount.Date);
        Assert.Equal(date.DayNumber, amount.Value);
    }

    public static TheoryData<Amount, Amount, bool> Comparable => new()
    {
        { Amount.Money(1), Amount.Money(2), true },
        { Amount.Money(1), Amount.Money(2, "EUR"), false },
        { Amount.Percent(5), Amount.Percent(8), true },
        { Amount.Percent(5), Amount.Money(5), false },
        { Amount.Duration(2, "weeks"), Amount.Duration(10, "days"), true },
        { Amount.Duration(1, "years"), Amount.Duration(6, "months"), true },
        { Amount.Duration(1, "months"), Amount.Duration(30, "days"), false },
        { Amount.Duration(2, "hours"), Amount.Duration(1, "days"), false },
        { Amount.Count(10, "seats"), Amount.Count(5, "seats"), true },
        { Amount.Count(10, "seats"), Amount.Count(5, "licenses"), false },
        { Amount.OnDate(new DateOnly(2026, 1, 1)), Amount.OnDate(new DateOnly(2026, 1, 1)), false },
    };

    [Theory]
    [MemberData(nameof(Comparable))]
    public void IsComparableWith_PairOfAmounts_TrueOnlyForSameKindAndCanonicalUnit(Amount a, Amount b, bool expected)
    {
        Assert.Equal(expected, a.IsComparableWith(b));
        Assert.Equal(expected, b.IsComparableWith(a));
    }

    [Theory]
    [InlineData(2, "weeks", 14)]
    [InlineData(2, "years", 24)]
    [InlineData(10, "days", 10)]
    [InlineData(3, "months", 3)]
    public void CanonicalValue_Duration_WeeksInDaysAndYearsInMonths(decimal value, string unit, decimal expected) =>
        Assert.Equal(expected, Amount.Duration(value, unit).CanonicalValue);

    [Fact]
    public void WithCanonicalValue_Weeks_GivesDays() =>
        Assert.Equal(Amount.Duration(10, "days"), Amount.Duration(2, "weeks").WithCanonicalValue(10));

    [Fact]
    public void WithCanonicalValue_Money_KeepsCurrency() =>
        Assert.Equal(Amount.Money(8_000, "EUR"), Amount.Money(92_000, "EUR").WithCanonicalValue(8_000));

    [Fact]
    public void Equals_SameValueDifferentScale_AreEqual() =>
        Assert.Equal(Amount.Money(92_000m), Amount.Money(92_000.00m));
}
