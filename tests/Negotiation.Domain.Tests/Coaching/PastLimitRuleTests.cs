using Negotiation.Domain.Coaching;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;

using static Negotiation.Domain.Tests.TestDeals;

namespace Negotiation.Domain.Tests.Coaching;

public class PastLimitRuleTests
{
    private static Deal PricePlanned(Amount? opening, Amount walkaway, NegotiationType type = NegotiationType.Bargaining)
    {
        var deal = Start(type);
        deal.PlanTerm(new TermPlan(Term.Price, Opening: opening, Walkaway: walkaway));
        return deal;
    }

    private static MoveDraft DownTo(decimal price) =>
        Give($"down to ${price / 1000}k", Term.Price, Amount.Money(price), level: true);

    private static MoveDraft PercentOff(decimal percent, Term term = Term.Price) =>
        Give($"{percent}% off", term, Amount.Percent(percent));

    [Fact]
    public void Evaluate_LevelMovesPastWalkaway_WarnsWithCumulativeMovement()
    {
        var deal = PricePlanned(Amount.Money(100_000), Amount.Money(85_000));
        deal.Record(DownTo(92_000));

        var warning = PastLimitRule.Evaluate(deal, DownTo(84_000));

        Assert.NotNull(warning);
        Assert.Equal(CoachingRule.PastLimit, warning.Rule);
        Assert.Contains("to $16,000 in total, beyond the walkaway of $85,000", warning.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(92_000)]
    [InlineData(85_000)]
    public void Evaluate_LevelMoveAtOrInsideWalkaway_ReturnsNull(decimal level)
    {
        var deal = PricePlanned(Amount.Money(100_000), Amount.Money(85_000));
        deal.Record(DownTo(95_000));

        Assert.Null(PastLimitRule.Evaluate(deal, DownTo(level)));
    }

    [Fact]
    public void Evaluate_SizedThenLevelMovesInsideWalkaway_CountsTheMovementOnce()
    {
        // $100k → "$5k off" ($95k) → "down to $90k" → "down to $88k": $12k of $15k room, no warning.
        var deal = PricePlanned(Amount.Money(100_000), Amount.Money(85_000));
        deal.Record(Give("$5k off", Term.Price, Amount.Money(5_000)));
        deal.Record(DownTo(90_000));

        Assert.Equal(Amount.Money(5_000), deal.SizeOf(deal.Moves[1]));
        Assert.Null(PastLimitRule.Evaluate(deal, DownTo(88_000)));
    }

    [Fact]
    public void Evaluate_SizedThenLevelMovesPastWalkaway_Warns()
    {
        var deal = PricePlanned(Amount.Money(100_000), Amount.Money(85_000));
        deal.Record(Give("$5k off", Term.Price, Amount.Money(5_000)));
        deal.Record(DownTo(90_000));

        var warning = PastLimitRule.Evaluate(deal, DownTo(84_000));

        Assert.NotNull(warning);
        Assert.Contains("to $16,000 in total", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SizedMovesAgainstOpeningAndWalkaway_AddUp()
    {
        var deal = PricePlanned(Amount.Money(100_000), Amount.Money(85_000));
        deal.Record(Give("$10k off", Term.Price, Amount.Money(10_000)));

        Assert.Null(PastLimitRule.Evaluate(deal, Give("$5k off", Term.Price, Amount.Money(5_000))));
        Assert.NotNull(PastLimitRule.Evaluate(deal, Give("$6k off", Term.Price, Amount.Money(6_000))));
    }

    [Fact]
    public void Evaluate_WalkawayOnly_SumsEveryGiveOnTheTerm()
    {
        var deal = PricePlanned(null, Amount.Percent(15));
        deal.Record(PercentOff(8));
        deal.Record(PercentOff(5));

        var warning = PastLimitRule.Evaluate(deal, PercentOff(3));

        Assert.NotNull(warning);
        Assert.Contains("to 16% in total, beyond the limit of 15%", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WalkawayOnlyWithinLimit_ReturnsNull()
    {
        var deal = PricePlanned(null, Amount.Percent(15));
        deal.Record(PercentOff(8));
        deal.Record(PercentOff(5));

        Assert.Null(PastLimitRule.Evaluate(deal, PercentOff(2)));
    }

    [Fact]
    public void Evaluate_SingleGiveBeyondWalkaway_Warns() =>
        Assert.NotNull(PastLimitRule.Evaluate(PricePlanned(null, Amount.Percent(15)), PercentOff(20)));

    [Fact]
    public void Evaluate_GivesOnOtherTerms_AreNotCounted()
    {
        var deal = PricePlanned(null, Amount.Percent(15));
        deal.Record(PercentOff(12, Term.Scope));

        Assert.Null(PastLimitRule.Evaluate(deal, PercentOff(10)));
    }

    [Fact]
    public void Evaluate_ConditionalAndTradedGives_StillCountAsMovement()
    {
        var deal = PricePlanned(null, Amount.Percent(15));
        deal.RecordTrade(PercentOff(10), Get("two-year term"), Now);

        Assert.NotNull(PastLimitRule.Evaluate(deal, PercentOff(6)));
    }

    [Fact]
    public void Evaluate_DurationsInDaysAndWeeks_ComparedInDays()
    {
        var deal = Start();
        deal.PlanTerm(new TermPlan(Term.PaymentTerms, Opening: Amount.Duration(30, "days"), Walkaway: Amount.Duration(60, "days")));
        deal.Record(Give("net-45", Term.PaymentTerms, Amount.Duration(45, "days"), level: true));

        Assert.Null(PastLimitRule.Evaluate(deal, Give("net-60", Term.PaymentTerms, Amount.Duration(60, "days"), level: true)));
        Assert.NotNull(PastLimitRule.Evaluate(deal, Give("net-10-weeks", Term.PaymentTerms, Amount.Duration(10, "weeks"), level: true)));
    }

    [Fact]
    public void Evaluate_NoPlanForTheTerm_ReturnsNull() =>
        Assert.Null(PastLimitRule.Evaluate(PricePlanned(null, Amount.Percent(1)), PercentOff(50, Term.Scope)));

    [Fact]
    public void Evaluate_PlanWithoutWalkaway_ReturnsNull()
    {
        var deal = Start();
        deal.PlanTerm(new TermPlan(Term.Price, Opening: Amount.Money(100_000), TargetLow: Amount.Money(95_000)));

        Assert.Null(PastLimitRule.Evaluate(deal, DownTo(50_000)));
    }

    [Fact]
    public void Evaluate_MoveInAnotherUnitThanTheLimit_ReturnsNull() =>
        Assert.Null(PastLimitRule.Evaluate(PricePlanned(null, Amount.Percent(15)), Give("$50k off", Term.Price, Amount.Money(50_000))));

    [Fact]
    public void Evaluate_GiveWithoutAmount_ReturnsNull() =>
        Assert.Null(PastLimitRule.Evaluate(PricePlanned(null, Amount.Percent(1)), Give("a better price", Term.Price)));

    [Fact]
    public void Evaluate_Get_ReturnsNull() =>
        Assert.Null(PastLimitRule.Evaluate(PricePlanned(null, Amount.Percent(1)), Get("20% more volume", Term.Price, Amount.Percent(20))));

    [Fact]
    public void Evaluate_Partnering_IsAnObservation()
    {
        var text = PastLimitRule.Evaluate(PricePlanned(null, Amount.Percent(15), NegotiationType.Partnering), PercentOff(20))?.Text;

        Assert.StartsWith("Worth noticing:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Past the limit", text, StringComparison.Ordinal);
    }
}
