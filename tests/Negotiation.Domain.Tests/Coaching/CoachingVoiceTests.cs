using Negotiation.Domain.Coaching;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;

using static Negotiation.Domain.Tests.TestDeals;

namespace Negotiation.Domain.Tests.Coaching;

public class CoachingVoiceTests
{
    private static readonly string[] Headlines = ["Past the limit:", "Double-give:", "Bigger than the last move:", "Too early:", "Label it:"];

    // Imperatives the direct voices use; Partnering points things out instead.
    private static readonly string[] Lectures = ["Stop", "Make one move", "Say it", "Move in smaller", "Early moves get read as slack"];

    private static CoachingAdvice EveryRuleBreaks(NegotiationType type)
    {
        var deal = Start(type, Phase.Prepare);
        deal.PlanTerm(new TermPlan(Term.Price, Walkaway: Amount.Percent(10)));
        deal.WantGet(new WantedGet("two-year term", Amount.Money(30_000)));
        deal.WantGet(new WantedGet("case study", Amount.Money(5_000)));
        deal.Record(Give("5% off", Term.Price, Amount.Percent(5)));
        return Coach.Review(deal, Give("8% off", Term.Price, Amount.Percent(8)));
    }

    [Theory]
    [InlineData(NegotiationType.Bargaining)]
    [InlineData(NegotiationType.Trading)]
    [InlineData(NegotiationType.Creating)]
    public void Warn_DirectTypes_LeadEachWarningWithItsHeadline(NegotiationType type)
    {
        var advice = EveryRuleBreaks(type);

        Assert.Equal(5, advice.Warnings.Count);
        Assert.All(advice.Warnings.Zip(Headlines), pair => Assert.StartsWith(pair.Second, pair.First.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Warn_Partnering_EveryWarningIsAnObservationWithoutHeadlineOrLecture()
    {
        var advice = EveryRuleBreaks(NegotiationType.Partnering);

        Assert.Equal(5, advice.Warnings.Count);
        Assert.All(advice.Warnings, w =>
        {
            Assert.StartsWith("Worth noticing:", w.Text, StringComparison.Ordinal);
            Assert.All(Headlines, h => Assert.DoesNotContain(h, w.Text, StringComparison.Ordinal));
            Assert.All(Lectures, l => Assert.DoesNotContain(l, w.Text, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Warn_SameFacts_InEveryVoice()
    {
        var direct = EveryRuleBreaks(NegotiationType.Bargaining).TopWarning!.Text;
        var gentle = EveryRuleBreaks(NegotiationType.Partnering).TopWarning!.Text;

        const string facts = "this takes our movement on price to 13% in total, beyond the limit of 10%.";
        Assert.Contains(facts, direct, StringComparison.Ordinal);
        Assert.Contains(facts, gentle, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NegotiationType.Trading, "trading")]
    [InlineData(NegotiationType.Creating, "creating")]
    public void Hint_TradingOrCreating_SuggestsABundle(NegotiationType type, string name)
    {
        var prompt = EveryRuleBreaks(type).Prompt!;

        Assert.True(CoachingVoice.SuggestsBundles(type));
        Assert.Equal($"In a {name} negotiation, offer it as a bundle: movement comes with a request.", prompt.Hint);
        Assert.Equal("case study", Assert.Single(prompt.Bundle).Item);
    }

    [Theory]
    [InlineData(NegotiationType.Bargaining)]
    [InlineData(NegotiationType.Partnering)]
    public void Hint_BargainingOrPartnering_NoBundle(NegotiationType type)
    {
        var prompt = EveryRuleBreaks(type).Prompt!;

        Assert.False(CoachingVoice.SuggestsBundles(type));
        Assert.Empty(prompt.Bundle);
        Assert.DoesNotContain("bundle", prompt.Hint, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Hint_BargainingWithAnAsk_IsEmpty() =>
        Assert.Equal("", CoachingVoice.Hint(NegotiationType.Bargaining, hasAsk: true));

    [Fact]
    public void Hint_PartneringWithoutAnAsk_IsEmptyRatherThanACommand() =>
        Assert.Equal("", CoachingVoice.Hint(NegotiationType.Partnering, hasAsk: false));

    [Fact]
    public void Hint_PartneringWithAnAsk_IsAGentleNudge() =>
        Assert.Equal("Asking openly for something back keeps it balanced.", CoachingVoice.Hint(NegotiationType.Partnering, hasAsk: true));

    [Theory]
    [InlineData(NegotiationType.Bargaining, false)]
    [InlineData(NegotiationType.Trading, false)]
    [InlineData(NegotiationType.Creating, false)]
    [InlineData(NegotiationType.Partnering, true)]
    public void IsGentle_OnlyPartnering(NegotiationType type, bool expected) =>
        Assert.Equal(expected, CoachingVoice.IsGentle(type));

    [Fact]
    public void Question_Bargaining_IsTheAsfQuestionWordForWord() =>
        Assert.Equal("If you are making a concession, what are you getting in return?", CoachingVoice.Question(NegotiationType.Bargaining));
}
