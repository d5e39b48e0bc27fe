using Negotiation.Domain.Coaching;
using Negotiation.Domain.Deals;

using static Negotiation.Domain.Tests.TestDeals;

namespace Negotiation.Domain.Tests.Coaching;

public class TooEarlyRuleTests
{
    [Theory]
    [InlineData(Phase.Prepare)]
    [InlineData(Phase.Communicate)]
    public void Evaluate_GiveBeforePropose_WarnsNamingThePhase(Phase phase)
    {
        var warning = TooEarlyRule.Evaluate(Start(phase: phase), Give("5% off"));

        Assert.NotNull(warning);
        Assert.Equal(CoachingRule.TooEarly, warning.Rule);
        Assert.Contains($"still in {phase}, before Propose", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ConditionalGiveBeforePropose_StillWarns() =>
        Assert.NotNull(TooEarlyRule.Evaluate(Start(phase: Phase.Communicate), Give("if you sign this week, 5% off", conditional: true)));

    [Theory]
    [InlineData(Phase.Propose)]
    [InlineData(Phase.Align)]
    public void Evaluate_GiveInProposeOrLater_ReturnsNull(Phase phase) =>
        Assert.Null(TooEarlyRule.Evaluate(Start(phase: phase), Give("5% off")));

    [Fact]
    public void Evaluate_GetBeforePropose_ReturnsNull() =>
        Assert.Null(TooEarlyRule.Evaluate(Start(phase: Phase.Prepare), Get("two-year term")));

    [Fact]
    public void Evaluate_Bargaining_PointsToThePhaseCommand() =>
        Assert.Contains("/deal phase propose", TooEarlyRule.Evaluate(Start(phase: Phase.Prepare), Give("5% off"))?.Text, StringComparison.Ordinal);
}
