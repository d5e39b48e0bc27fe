using Negotiation.Domain.Coaching;
using Negotiation.Domain.Deals;

using static Negotiation.Domain.Tests.TestDeals;

namespace Negotiation.Domain.Tests.Coaching;

public class LabelItRuleTests
{
    [Fact]
    public void Evaluate_UnlabelledUnconditionalGive_SuggestsTheLabelSentence()
    {
        var warning = LabelItRule.Evaluate(Start(), Give("5% off"));

        Assert.NotNull(warning);
        Assert.Equal(CoachingRule.LabelIt, warning.Rule);
        Assert.Contains(CoachingVoice.LabelSentence, warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LabelledGive_ReturnsNull() =>
        Assert.Null(LabelItRule.Evaluate(Start(), Give("5% off", labelled: true)));

    [Fact]
    public void Evaluate_ConditionalGive_ReturnsNull() =>
        Assert.Null(LabelItRule.Evaluate(Start(), Give("if you sign this week, 5% off", conditional: true)));

    [Fact]
    public void Evaluate_Get_ReturnsNull() =>
        Assert.Null(LabelItRule.Evaluate(Start(), Get("two-year term")));

    [Fact]
    public void Evaluate_Partnering_SuggestsThePartnershipSentence()
    {
        var text = LabelItRule.Evaluate(Start(NegotiationType.Partnering), Give("5% off"))?.Text;

        Assert.StartsWith("Worth noticing:", text, StringComparison.Ordinal);
        Assert.Contains("We are doing this because we value the partnership", text, StringComparison.Ordinal);
    }
}
