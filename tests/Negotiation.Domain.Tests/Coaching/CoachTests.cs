using Negotiation.Domain.Coaching;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;

using static Negotiation.Domain.Tests.TestDeals;

namespace Negotiation.Domain.Tests.Coaching;

public class CoachTests
{
    private static MoveDraft PercentOff(decimal percent) => Give($"{percent}% off", Term.Price, Amount.Percent(percent));

    /// <summary>A deal in Prepare with a 10% limit on price and an open 5% give: an 8% give then breaks every rule.</summary>
    private static Deal EveryRuleBreaks(NegotiationType type = NegotiationType.Bargaining)
    {
        var deal = Start(type, Phase.Prepare);
        deal.PlanTerm(new TermPlan(Term.Price, Walkaway: Amount.Percent(10)));
        deal.Record(PercentOff(5));
        return deal;
    }

    [Fact]
    public void Review_Get_SaysNothing() =>
        Assert.Same(CoachingAdvice.None, Coach.Review(EveryRuleBreaks(), Get("two-year term")));

    [Fact]
    public void Review_GiveBreakingEveryRule_ListsAllWarningsInPriorityOrder()
    {
        var advice = Coach.Review(EveryRuleBreaks(), PercentOff(8));

        Assert.Equal(
            [CoachingRule.PastLimit, CoachingRule.DoubleGive, CoachingRule.LargerThanLast, CoachingRule.TooEarly, CoachingRule.LabelIt],
            advice.Warnings.Select(w => w.Rule));
        Assert.Equal(CoachingRule.PastLimit, advice.TopWarning?.Rule);
        Assert.NotNull(advice.Prompt);
    }

    [Fact]
    public void Review_WithinLimit_DoubleGiveIsTop()
    {
        var deal = Start(phase: Phase.Prepare);
        deal.Record(PercentOff(5));

        var advice = Coach.Review(deal, PercentOff(8));

        Assert.Equal([CoachingRule.DoubleGive, CoachingRule.LargerThanLast, CoachingRule.TooEarly, CoachingRule.LabelIt], advice.Warnings.Select(w => w.Rule));
        Assert.Equal(CoachingRule.DoubleGive, advice.TopWarning?.Rule);
    }

    [Fact]
    public void Review_AfterAGet_LargerThanLastIsTop()
    {
        var deal = Start(phase: Phase.Communicate);
        deal.Record(PercentOff(5));
        deal.Record(Get("two-year term"));

        var advice = Coach.Review(deal, PercentOff(8));

        Assert.Equal([CoachingRule.LargerThanLast, CoachingRule.TooEarly, CoachingRule.LabelIt], advice.Warnings.Select(w => w.Rule));
        Assert.Equal(CoachingRule.LargerThanLast, advice.TopWarning?.Rule);
    }

    [Fact]
    public void Review_FirstGiveInPrepare_TooEarlyIsTop()
    {
        var advice = Coach.Review(Start(phase: Phase.Prepare), PercentOff(5));

        Assert.Equal([CoachingRule.TooEarly, CoachingRule.LabelIt], advice.Warnings.Select(w => w.Rule));
        Assert.Equal(CoachingRule.TooEarly, advice.TopWarning?.Rule);
    }

    [Fact]
    public void Review_FirstGiveInPropose_OnlyLabelIt()
    {
        var advice = Coach.Review(Start(), PercentOff(5));

        Assert.Equal(CoachingRule.LabelIt, Assert.Single(advice.Warnings).Rule);
        Assert.Equal(CoachingRule.LabelIt, advice.TopWarning?.Rule);
    }

    [Fact]
    public void Review_LabelledGiveInPropose_PromptButNoWarning()
    {
        var advice = Coach.Review(Start(), Give("5% off", labelled: true));

        Assert.NotNull(advice.Prompt);
        Assert.Empty(advice.Warnings);
        Assert.Null(advice.TopWarning);
        Assert.False(advice.IsEmpty);
    }

    [Fact]
    public void Review_ConditionalGiveInPropose_IsEmpty()
    {
        var advice = Coach.Review(Start(), Give("if you sign for two years, 5% off", Term.Price, Amount.Percent(5), conditional: true));

        Assert.True(advice.IsEmpty);
        Assert.Null(advice.Prompt);
    }

    [Fact]
    public void Review_JudgesAgainstTheDealBeforeTheMove_WithoutRecordingIt()
    {
        var deal = EveryRuleBreaks();

        Coach.Review(deal, PercentOff(8));

        Assert.Single(deal.Moves);
    }

    [Fact]
    public void TopWarning_WarningsInAnyOrder_PicksByPriority()
    {
        static CoachingWarning W(CoachingRule rule) => new(rule, rule.ToWireName());
        var all = new List<CoachingWarning> { W(CoachingRule.LabelIt), W(CoachingRule.TooEarly), W(CoachingRule.LargerThanLast), W(CoachingRule.DoubleGive), W(CoachingRule.PastLimit) };

        // past_limit > double_give > larger_than_last > too_early > label_it
        foreach (var expected in new[] { CoachingRule.PastLimit, CoachingRule.DoubleGive, CoachingRule.LargerThanLast, CoachingRule.TooEarly, CoachingRule.LabelIt })
        {
            Assert.Equal(expected, new CoachingAdvice(null, all).TopWarning?.Rule);
            all.RemoveAll(w => w.Rule == expected);
        }

        Assert.Null(new CoachingAdvice(null, all).TopWarning);
    }

    [Theory]
    [InlineData(CoachingRule.PastLimit, "past_limit")]
    [InlineData(CoachingRule.DoubleGive, "double_give")]
    [InlineData(CoachingRule.LargerThanLast, "larger_than_last")]
    [InlineData(CoachingRule.TooEarly, "too_early")]
    [InlineData(CoachingRule.LabelIt, "label_it")]
    public void ToWireName_EachRule_IsSnakeCase(CoachingRule rule, string expected) =>
        Assert.Equal(expected, rule.ToWireName());

    [Fact]
    public void None_IsEmpty() =>
        Assert.True(CoachingAdvice.None.IsEmpty);
}
