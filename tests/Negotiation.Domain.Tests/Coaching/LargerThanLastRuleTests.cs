using Negotiation.Domain.Coaching;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;

using static Negotiation.Domain.Tests.TestDeals;

namespace Negotiation.Domain.Tests.Coaching;

public class LargerThanLastRuleTests
{
    private static MoveDraft PercentOff(decimal percent, Term term = Term.Price) =>
        Give($"{percent}% off", term, Amount.Percent(percent));

    private static MoveDraft DownTo(decimal price) =>
        Give($"down to ${price / 1000}k", Term.Price, Amount.Money(price), level: true);

    [Fact]
    public void Evaluate_BiggerThanLastGiveOnSameTerm_Warns()
    {
        var deal = Start();
        deal.Record(PercentOff(5));

        var warning = LargerThanLastRule.Evaluate(deal, PercentOff(8));

        Assert.NotNull(warning);
        Assert.Equal(CoachingRule.LargerThanLast, warning.Rule);
        Assert.Contains("8% on price is more than the last move there (#1, 5%)", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ComparesWithTheLastGiveNotTheFirst()
    {
        var deal = Start();
        deal.Record(PercentOff(8));
        deal.Record(PercentOff(3));

        var warning = LargerThanLastRule.Evaluate(deal, PercentOff(4));

        Assert.Contains("(#2, 3%)", warning?.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void Evaluate_SmallerOrEqualStep_ReturnsNull(decimal next)
    {
        var deal = Start();
        deal.Record(PercentOff(5));

        Assert.Null(LargerThanLastRule.Evaluate(deal, PercentOff(next)));
    }

    [Fact]
    public void Evaluate_FirstGiveOnTheTerm_ReturnsNull()
    {
        var deal = Start();
        deal.Record(PercentOff(2, Term.Scope));

        Assert.Null(LargerThanLastRule.Evaluate(deal, PercentOff(8)));
    }

    [Fact]
    public void Evaluate_LastGiveInAnIncomparableUnit_ReturnsNull()
    {
        var deal = Start();
        deal.Record(Give("$1k off", Term.Price, Amount.Money(1_000)));

        Assert.Null(LargerThanLastRule.Evaluate(deal, PercentOff(8)));
    }

    [Fact]
    public void Evaluate_GiveWithoutAmount_ReturnsNull()
    {
        var deal = Start();
        deal.Record(PercentOff(1));

        Assert.Null(LargerThanLastRule.Evaluate(deal, Give("a better price", Term.Price)));
    }

    [Fact]
    public void Evaluate_LevelMovesFromPlanOpening_WarnsWhenTheStepGrows()
    {
        var deal = Start();
        deal.PlanTerm(new TermPlan(Term.Price, Opening: Amount.Money(100_000)));
        Assert.Null(LargerThanLastRule.Evaluate(deal, DownTo(92_000)));
        deal.Record(DownTo(92_000));
        Assert.Null(LargerThanLastRule.Evaluate(deal, DownTo(88_000)));
        deal.Record(DownTo(88_000));

        var warning = LargerThanLastRule.Evaluate(deal, DownTo(80_000));

        Assert.NotNull(warning);
        Assert.Contains("$8,000 on price is more than the last move there (#2, $4,000)", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LevelMoveBiggerThanFirstStepFromOpening_Warns()
    {
        var deal = Start();
        deal.PlanTerm(new TermPlan(Term.Price, Opening: Amount.Money(100_000)));
        deal.Record(DownTo(95_000));

        var warning = LargerThanLastRule.Evaluate(deal, DownTo(88_000));

        Assert.Contains("$7,000", warning?.Text, StringComparison.Ordinal);
        Assert.Contains("(#1, $5,000)", warning?.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DecreasingLevelMoves_ReturnsNull()
    {
        var deal = Start();
        deal.PlanTerm(new TermPlan(Term.Price, Opening: Amount.Money(100_000)));
        deal.Record(DownTo(92_000));
        deal.Record(DownTo(88_000));

        Assert.Null(LargerThanLastRule.Evaluate(deal, DownTo(86_000)));
    }

    [Fact]
    public void Evaluate_LevelMovesWithoutOpening_SecondStepHasNothingToCompareWith()
    {
        var deal = Start();
        deal.Record(DownTo(92_000));

        Assert.Null(LargerThanLastRule.Evaluate(deal, DownTo(80_000)));
    }

    [Theory]
    [InlineData(2, "weeks", 10, "days", false)]
    [InlineData(10, "days", 2, "weeks", true)]
    public void Evaluate_WeeksAndDays_ComparedInDays(decimal first, string firstUnit, decimal second, string secondUnit, bool warns)
    {
        var deal = Start();
        deal.Record(Give("faster delivery", Term.Delivery, Amount.Duration(first, firstUnit)));

        var warning = LargerThanLastRule.Evaluate(deal, Give("faster still", Term.Delivery, Amount.Duration(second, secondUnit)));

        Assert.Equal(warns, warning is not null);
    }

    [Fact]
    public void Evaluate_Get_ReturnsNull()
    {
        var deal = Start();
        deal.Record(PercentOff(1));

        Assert.Null(LargerThanLastRule.Evaluate(deal, Get("10% more seats", Term.Price, Amount.Percent(10))));
    }

    [Fact]
    public void Evaluate_Partnering_IsAnObservation()
    {
        var deal = Start(NegotiationType.Partnering);
        deal.Record(PercentOff(5));

        var text = LargerThanLastRule.Evaluate(deal, PercentOff(8))?.Text;

        Assert.StartsWith("Worth noticing: 8% on price", text, StringComparison.Ordinal);
    }
}
