using Negotiation.Domain.Coaching;
using Negotiation.Domain.Deals;

using static Negotiation.Domain.Tests.TestDeals;

namespace Negotiation.Domain.Tests.Coaching;

public class DoubleGiveRuleTests
{
    [Fact]
    public void Evaluate_SecondGiveRightAfterAnOpenGive_Warns()
    {
        var deal = Start();
        deal.Record(Give("5% off"));

        var warning = DoubleGiveRule.Evaluate(deal, Give("free onboarding"));

        Assert.NotNull(warning);
        Assert.Equal(CoachingRule.DoubleGive, warning.Rule);
        Assert.Contains("#1 (5% off)", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FirstMove_ReturnsNull() =>
        Assert.Null(DoubleGiveRule.Evaluate(Start(), Give("5% off")));

    [Fact]
    public void Evaluate_GiveAfterAGet_ReturnsNull()
    {
        var deal = Start();
        deal.Record(Give("5% off"));
        deal.Record(Get("two-year term"));

        Assert.Null(DoubleGiveRule.Evaluate(deal, Give("free onboarding")));
    }

    [Fact]
    public void Evaluate_GiveAfterAnUntradedGet_ReturnsNull()
    {
        var deal = Start();
        deal.Record(Get("case study"));

        Assert.Null(DoubleGiveRule.Evaluate(deal, Give("free onboarding")));
    }

    [Fact]
    public void Evaluate_ConditionalGive_ReturnsNull()
    {
        var deal = Start();
        deal.Record(Give("5% off"));

        Assert.Null(DoubleGiveRule.Evaluate(deal, Give("if you sign this week, free onboarding", conditional: true)));
    }

    [Fact]
    public void Evaluate_GiveAfterAConditionalGive_ReturnsNull()
    {
        var deal = Start();
        deal.Record(Give("if you sign for two years, net-60", conditional: true));

        Assert.Null(DoubleGiveRule.Evaluate(deal, Give("free onboarding")));
    }

    [Fact]
    public void Evaluate_GiveAfterATrade_ReturnsNull()
    {
        var deal = Start();
        deal.RecordTrade(Give("net-60"), Get("two-year term"), Now);

        Assert.Null(DoubleGiveRule.Evaluate(deal, Give("free onboarding")));
    }

    [Fact]
    public void Evaluate_Get_ReturnsNull()
    {
        var deal = Start();
        deal.Record(Give("5% off"));

        Assert.Null(DoubleGiveRule.Evaluate(deal, Get("two-year term")));
    }

    [Fact]
    public void Evaluate_Bargaining_LeadsWithTheHeadline()
    {
        var deal = Start();
        deal.Record(Give("5% off"));

        Assert.StartsWith("Double-give:", DoubleGiveRule.Evaluate(deal, Give("free onboarding"))?.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Partnering_IsAnObservationNotAHeadline()
    {
        var deal = Start(NegotiationType.Partnering);
        deal.Record(Give("5% off"));

        var text = DoubleGiveRule.Evaluate(deal, Give("free onboarding"))?.Text;

        Assert.StartsWith("Worth noticing:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Double-give", text, StringComparison.Ordinal);
    }
}
