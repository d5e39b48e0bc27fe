using Negotiation.Domain.Coaching;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;

using static Negotiation.Domain.Tests.TestDeals;

namespace Negotiation.Domain.Tests.Coaching;

public class ReciprocityRuleTests
{
    private static Deal DealWanting(NegotiationType type = NegotiationType.Bargaining)
    {
        var deal = Start(type);
        deal.WantGet(new WantedGet("sign by Friday"));
        deal.WantGet(new WantedGet("case study", Amount.Money(5_000)));
        deal.WantGet(new WantedGet("two-year term", Amount.Money(30_000)));
        return deal;
    }

    [Fact]
    public void Evaluate_UnconditionalGive_AsksTheAsfQuestionAboutThatGive()
    {
        var prompt = ReciprocityRule.Evaluate(Start(), Give("extend payment terms to net-60", Term.PaymentTerms));

        Assert.NotNull(prompt);
        Assert.Equal(CoachingVoice.ReciprocityQuestion, prompt.Question);
        Assert.Equal("extend payment terms to net-60", prompt.Give);
    }

    [Fact]
    public void Evaluate_WantedGets_AsksForTheMostValuableOne()
    {
        var prompt = ReciprocityRule.Evaluate(DealWanting(), Give("net-60"));

        Assert.Equal(new WantedGet("two-year term", Amount.Money(30_000)), prompt?.Ask);
    }

    [Fact]
    public void Evaluate_MostValuableGetAlreadyObtained_AsksForTheNextOne()
    {
        var deal = DealWanting();
        deal.Record(Give("5% off"));
        deal.Record(Get("they agreed to a two year term"));

        var prompt = ReciprocityRule.Evaluate(deal, Give("net-60"));

        Assert.Equal("case study", prompt?.Ask?.Item);
    }

    [Fact]
    public void Evaluate_GiveAfterAGetNobodyPaidFor_IsTheReturnSoNoPrompt()
    {
        var deal = DealWanting();
        deal.Record(Get("they agreed to a two year term"));

        Assert.Null(ReciprocityRule.Evaluate(deal, Give("net-60")));
    }

    [Fact]
    public void Evaluate_NoWantedGets_HasNoAskAndSaysHowToAddOne()
    {
        var prompt = ReciprocityRule.Evaluate(Start(), Give("net-60"));

        Assert.NotNull(prompt);
        Assert.Null(prompt.Ask);
        Assert.Empty(prompt.Bundle);
        Assert.Contains("/deal plan want", prompt.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ConditionalGive_ReturnsNull() =>
        Assert.Null(ReciprocityRule.Evaluate(DealWanting(), Give("if you sign for two years, net-60", conditional: true)));

    [Fact]
    public void Evaluate_Get_ReturnsNull() =>
        Assert.Null(ReciprocityRule.Evaluate(DealWanting(), Get("case study")));

    [Fact]
    public void Evaluate_LabelledGive_StillPrompts() =>
        Assert.NotNull(ReciprocityRule.Evaluate(Start(), Give("net-60", labelled: true)));

    [Theory]
    [InlineData(NegotiationType.Trading)]
    [InlineData(NegotiationType.Creating)]
    public void Evaluate_TradingOrCreating_BundlesTheNextWantedGet(NegotiationType type)
    {
        var prompt = ReciprocityRule.Evaluate(DealWanting(type), Give("net-60"));

        Assert.Equal("two-year term", prompt?.Ask?.Item);
        Assert.Equal("case study", Assert.Single(prompt!.Bundle).Item);
    }

    [Theory]
    [InlineData(NegotiationType.Bargaining)]
    [InlineData(NegotiationType.Partnering)]
    public void Evaluate_BargainingOrPartnering_NoBundle(NegotiationType type) =>
        Assert.Empty(ReciprocityRule.Evaluate(DealWanting(type), Give("net-60"))!.Bundle);

    [Fact]
    public void Evaluate_Partnering_SoftensTheQuestionButKeepsIt()
    {
        var prompt = ReciprocityRule.Evaluate(DealWanting(NegotiationType.Partnering), Give("net-60"));

        Assert.StartsWith("Partnerships stay strong", prompt?.Question, StringComparison.Ordinal);
        Assert.EndsWith(CoachingVoice.ReciprocityQuestion, prompt?.Question, StringComparison.Ordinal);
    }
}
