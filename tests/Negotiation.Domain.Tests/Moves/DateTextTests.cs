using System.Globalization;

using Negotiation.Domain.Moves;

namespace Negotiation.Domain.Tests.Moves;

public class DateTextTests
{
    // A Wednesday in Q1.
    private static readonly DateOnly Wednesday = new(2026, 3, 11);

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Parse(string text, DateOnly today)
    {
        Assert.True(DateText.TryParse(text, today, out var date), $"\"{text}\" should parse");
        return date;
    }

    [Theory]
    [InlineData("2026-12-15", "2026-12-15")]
    [InlineData("2025-01-02", "2025-01-02")]
    [InlineData("2027-3-5", "2027-03-05")]
    public void TryParse_IsoDate_ReturnsThatDate(string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, Wednesday));

    [Theory]
    [InlineData("Dec 15")]
    [InlineData("December 15")]
    [InlineData("15 Dec")]
    [InlineData("15 December")]
    [InlineData("Dec 15th")]
    [InlineData("15th Dec")]
    [InlineData("15th of December")]
    [InlineData("Dec. 15")]
    [InlineData("DEC 15")]
    [InlineData("  dec   15  ")]
    [InlineData("Dec 15, 2026")]
    [InlineData("Dec 15 2026")]
    [InlineData("15 December 2026")]
    [InlineData("15th of December, 2026")]
    [InlineData("12/15")]
    [InlineData("12/15/2026")]
    [InlineData("12/15/26")]
    public void TryParse_MonthAndDayForms_ReturnDecember15(string text) =>
        Assert.Equal(D("2026-12-15"), Parse(text, Wednesday));

    [Theory]
    [InlineData("Sept 1", "2026-09-01")]
    [InlineData("Sep 1st", "2026-09-01")]
    [InlineData("May 2nd", "2026-05-02")]
    [InlineData("Apr 3rd", "2026-04-03")]
    [InlineData("June 11th", "2026-06-11")]
    [InlineData("Jul 21st", "2026-07-21")]
    [InlineData("1/5/2027", "2027-01-05")]
    public void TryParse_AbbreviationsAndOrdinals_ReturnTheDate(string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, Wednesday));

    [Theory]
    [InlineData("Mar 11", "2026-03-11")]
    [InlineData("Mar 12", "2026-03-12")]
    [InlineData("Mar 10", "2027-03-10")]
    [InlineData("Jan 5", "2027-01-05")]
    [InlineData("3/10", "2027-03-10")]
    public void TryParse_DateWithoutYear_FallsOnNextSuchDateOnOrAfterToday(string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, Wednesday));

    [Fact]
    public void TryParse_Feb29WithoutYear_WaitsForTheNextLeapYear() =>
        Assert.Equal(D("2028-02-29"), Parse("Feb 29", Wednesday));

    [Fact]
    public void TryParse_ExplicitPastYear_KeepsThatYear() =>
        Assert.Equal(D("2025-12-15"), Parse("Dec 15, 2025", Wednesday));

    [Theory]
    [InlineData("today", "2026-03-11")]
    [InlineData("Today", "2026-03-11")]
    [InlineData("tomorrow", "2026-03-12")]
    [InlineData("tmrw", "2026-03-12")]
    public void TryParse_TodayAndTomorrow_ReturnRelativeDay(string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, Wednesday));

    [Theory]
    [InlineData("Friday", "2026-03-13")]
    [InlineData("fri", "2026-03-13")]
    [InlineData("Thursday", "2026-03-12")]
    [InlineData("thurs", "2026-03-12")]
    [InlineData("Monday", "2026-03-16")]
    [InlineData("Wednesday", "2026-03-18")]
    [InlineData("wed", "2026-03-18")]
    public void TryParse_BareWeekday_IsTheFirstSuchDayStrictlyAfterToday(string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, Wednesday));

    [Theory]
    [InlineData("this Friday", "2026-03-13")]
    [InlineData("this Wednesday", "2026-03-11")]
    [InlineData("this Monday", "2026-03-16")]
    public void TryParse_ThisWeekday_IsTheFirstSuchDayOnOrAfterToday(string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, Wednesday));

    [Theory]
    [InlineData("next Friday", "2026-03-20")]
    [InlineData("next Monday", "2026-03-16")]
    [InlineData("next Wednesday", "2026-03-18")]
    [InlineData("next Sunday", "2026-03-22")]
    public void TryParse_NextWeekday_IsThatDayInNextMondayToSundayWeek(string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, Wednesday));

    [Theory]
    [InlineData("2026-03-13", "Friday", "2026-03-20")]
    [InlineData("2026-03-13", "this Friday", "2026-03-13")]
    [InlineData("2026-03-13", "next Friday", "2026-03-20")]
    [InlineData("2026-03-14", "this Friday", "2026-03-20")]
    [InlineData("2026-03-15", "next Friday", "2026-03-20")]
    [InlineData("2026-03-15", "next Monday", "2026-03-16")]
    [InlineData("2026-03-09", "next Friday", "2026-03-20")]
    public void TryParse_WeekdaysFromOtherDays_FollowTheDocumentedConventions(string today, string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, D(today)));

    [Theory]
    [InlineData("in 3 days", "2026-03-14")]
    [InlineData("in 1 day", "2026-03-12")]
    [InlineData("in a week", "2026-03-18")]
    [InlineData("in 2 weeks", "2026-03-25")]
    [InlineData("in two weeks", "2026-03-25")]
    [InlineData("in a month", "2026-04-11")]
    [InlineData("in 3 months", "2026-06-11")]
    [InlineData("in one year", "2027-03-11")]
    public void TryParse_InDuration_AddsItToToday(string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, Wednesday));

    [Fact]
    public void TryParse_InAMonthFromThe31st_EndsOnTheLastDayOfNextMonth() =>
        Assert.Equal(D("2026-02-28"), Parse("in a month", D("2026-01-31")));

    [Theory]
    [InlineData("end of month", "2026-03-31")]
    [InlineData("EOM", "2026-03-31")]
    [InlineData("end of the month", "2026-03-31")]
    [InlineData("end of this month", "2026-03-31")]
    [InlineData("month-end", "2026-03-31")]
    [InlineData("month end", "2026-03-31")]
    [InlineData("end of next month", "2026-04-30")]
    [InlineData("end of March", "2026-03-31")]
    [InlineData("end of February", "2027-02-28")]
    [InlineData("end of Feb 2028", "2028-02-29")]
    public void TryParse_EndOfMonth_ReturnsLastDayOfMonth(string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, Wednesday));

    [Theory]
    [InlineData("2026-03-11", "end of week", "2026-03-13")]
    [InlineData("2026-03-11", "EOW", "2026-03-13")]
    [InlineData("2026-03-11", "end of the week", "2026-03-13")]
    [InlineData("2026-03-13", "EOW", "2026-03-13")]
    [InlineData("2026-03-14", "EOW", "2026-03-20")]
    [InlineData("2026-03-11", "end of next week", "2026-03-20")]
    public void TryParse_EndOfWeek_IsTheFriday(string today, string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, D(today)));

    [Theory]
    [InlineData("2026-03-11", "EOQ", "2026-03-31")]
    [InlineData("2026-03-11", "end of quarter", "2026-03-31")]
    [InlineData("2026-05-02", "end of the quarter", "2026-06-30")]
    [InlineData("2026-11-30", "quarter-end", "2026-12-31")]
    [InlineData("2026-03-11", "end of Q1", "2026-03-31")]
    [InlineData("2026-03-11", "end of Q2", "2026-06-30")]
    [InlineData("2026-03-11", "end of Q3", "2026-09-30")]
    [InlineData("2026-03-11", "end of Q4", "2026-12-31")]
    [InlineData("2026-05-02", "end of Q1", "2027-03-31")]
    [InlineData("2026-03-11", "end of Q1 2027", "2027-03-31")]
    [InlineData("2026-03-11", "end of next quarter", "2026-06-30")]
    [InlineData("2026-11-30", "end of next quarter", "2027-03-31")]
    public void TryParse_EndOfQuarter_ReturnsLastDayOfQuarter(string today, string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, D(today)));

    [Theory]
    [InlineData("end of year", "2026-12-31")]
    [InlineData("EOY", "2026-12-31")]
    [InlineData("end of the year", "2026-12-31")]
    [InlineData("year-end", "2026-12-31")]
    [InlineData("year end", "2026-12-31")]
    [InlineData("end of next year", "2027-12-31")]
    [InlineData("end of 2027", "2027-12-31")]
    public void TryParse_EndOfYear_ReturnsDecember31(string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, Wednesday));

    [Theory]
    [InlineData("by Friday", "2026-03-13")]
    [InlineData("By EOQ", "2026-03-31")]
    [InlineData("on Dec 15", "2026-12-15")]
    [InlineData("before 12/15", "2026-12-15")]
    [InlineData("by end of month", "2026-03-31")]
    [InlineData("by next Friday", "2026-03-20")]
    [InlineData("by 2026-12-15", "2026-12-15")]
    public void TryParse_LeadingByOnBefore_IsIgnored(string text, string expected) =>
        Assert.Equal(D(expected), Parse(text, Wednesday));

    [Theory]
    [InlineData("Feb 30")]
    [InlineData("February 30, 2026")]
    [InlineData("Feb 29, 2026")]
    [InlineData("Apr 31")]
    [InlineData("Dec 32")]
    [InlineData("Dec 0")]
    [InlineData("13/45")]
    [InlineData("13/1")]
    [InlineData("0/1")]
    [InlineData("2/30/2026")]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("0000-01-01")]
    [InlineData("Dec 15nd")]
    [InlineData("Dec 1th")]
    [InlineData("end of Q5")]
    public void TryParse_ImpossibleDate_ReturnsFalse(string text) =>
        Assert.False(DateText.TryParse(text, Wednesday, out _));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("by")]
    [InlineData("soon")]
    [InlineData("ASAP")]
    [InlineData("next week")]
    [InlineData("next")]
    [InlineData("this")]
    [InlineData("Friday Friday")]
    [InlineData("in 0 days")]
    [InlineData("in -3 days")]
    [InlineData("in 3 fortnights")]
    [InlineData("in days")]
    [InlineData("end of")]
    [InlineData("end of the")]
    [InlineData("Dec 15 at noon")]
    [InlineData("we'll sign by Friday")]
    [InlineData("by by Friday")]
    [InlineData("2026-12-15T00:00")]
    [InlineData("15/12/2026")]
    [InlineData("12/15/2026/1")]
    [InlineData("decem 15")]
    [InlineData("$92k")]
    [InlineData("8%")]
    [InlineData("15")]
    [InlineData("2026")]
    [InlineData("\u0661\u0662/\u0661\u0665")]
    [InlineData("Dec\u000015")]
    [InlineData("...")]
    public void TryParse_NotOneDateExpression_ReturnsFalse(string text) =>
        Assert.False(DateText.TryParse(text, Wednesday, out _));

    [Fact]
    public void TryParse_Null_ReturnsFalseAndDefault()
    {
        Assert.False(DateText.TryParse(null, Wednesday, out var date));
        Assert.Equal(default, date);
    }

    [Fact]
    public void TryParse_HugeInput_ReturnsFalse()
    {
        Assert.False(DateText.TryParse(new string('9', 1_000_000), Wednesday, out _));
        Assert.False(DateText.TryParse("Dec " + new string('1', 10_000), Wednesday, out _));
        Assert.False(DateText.TryParse(string.Concat(Enumerable.Repeat("end of ", 10_000)) + "month", Wednesday, out _));
        Assert.False(DateText.TryParse("in 99999999999999999999 days", Wednesday, out _));
    }

    [Theory]
    [InlineData("9999-12-30", "in 2 days")]
    [InlineData("9999-12-30", "in a month")]
    [InlineData("9999-12-30", "in 99999 years")]
    [InlineData("9999-12-30", "end of next year")]
    [InlineData("9999-12-30", "end of next month")]
    [InlineData("9999-12-30", "end of next quarter")]
    [InlineData("9999-12-31", "tomorrow")]
    [InlineData("9999-12-31", "next Monday")]
    [InlineData("9999-12-31", "this Monday")]
    [InlineData("9999-12-31", "Friday")]
    [InlineData("9999-12-31", "Dec 15")]
    [InlineData("9999-12-31", "end of Q1")]
    [InlineData("9999-12-31", "end of March")]
    public void TryParse_ResultBeyondTheCalendar_ReturnsFalseWithoutThrowing(string today, string text) =>
        Assert.False(DateText.TryParse(text, D(today), out _));

    [Fact]
    public void TryParse_RandomText_NeverThrows()
    {
        // Fixed seed: the same hostile corpus every run.
        var random = new Random(20260311);
        const string alphabet = "0123456789/-., abcdefghijklmnopqrstuvwxyzQEOMWY\t\u00a0\u0130\u0131\u0000\ud800";
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = alphabet[random.Next(alphabet.Length)];
            }

            var ok = DateText.TryParse(new string(chars), new DateOnly(random.Next(1, 10000), 12, 31).AddDays(-random.Next(0, 365)), out var date);
            Assert.True(ok || date == default);
        }
    }
}
