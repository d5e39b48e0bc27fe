using Negotiation.Domain.Moves;
using Negotiation.Language.Terms;

namespace Negotiation.Language.Tests.Terms;

public class TermDetectorTests
{
    [Theory]
    [InlineData("we can come down on price", Term.Price)]
    [InlineData("8% discount off list", Term.Price)]
    [InlineData("drop the setup fee", Term.Price)]
    [InlineData("their rate card is too high", Term.Price)]
    [InlineData("we gave them net-60", Term.PaymentTerms)]
    [InlineData("payment terms are the sticking point", Term.PaymentTerms)]
    [InlineData("invoice quarterly instead of annually", Term.PaymentTerms)]
    [InlineData("we can ship two weeks earlier", Term.Delivery)]
    [InlineData("delivery by the end of the month", Term.Delivery)]
    [InlineData("lead time is the issue", Term.Delivery)]
    [InlineData("we're throwing in onboarding", Term.Scope)]
    [InlineData("add the analytics module", Term.Scope)]
    [InlineData("free training for their admins", Term.Scope)]
    [InlineData("bump the SLA to 99.95%", Term.ServiceLevel)]
    [InlineData("premium support with a 1-hour response time", Term.ServiceLevel)]
    [InlineData("they agreed to a two-year term", Term.ContractLength)]
    [InlineData("multi-year deal with auto-renewal", Term.ContractLength)]
    [InlineData("if they sign for 36 months", Term.ContractLength)]
    [InlineData("in return they'll sign by Friday", Term.Timeline)]
    [InlineData("go-live has to be before the deadline", Term.Timeline)]
    [InlineData("two engineers on site for a month", Term.Resources)]
    [InlineData("add 3 FTEs to the project", Term.Resources)]
    [InlineData("we approved an exception to the liability cap", Term.Policy)]
    [InlineData("they want mutual indemnity", Term.Policy)]
    [InlineData("waive the exclusivity clause", Term.Policy)]
    public void Detect_DealPhrase_ReturnsTerm(string text, Term expected)
    {
        Assert.Equal(expected, TermDetector.Detect(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("lunch at noon?")]
    [InlineData("thanks all, great call")]
    [InlineData("<script>alert(1)</script>")]
    public void Detect_NoDealWords_ReturnsOther(string text)
    {
        Assert.Equal(Term.Other, TermDetector.Detect(text));
    }

    [Fact]
    public void Detect_AmountsOnly_UsesAmountsAsEvidence()
    {
        Assert.Equal(Term.Price, TermDetector.Detect("we're at", [Amount.Money(92_000)]));
        Assert.Equal(Term.ContractLength, TermDetector.Detect("they'll do", [Amount.Duration(36, "months")]));
        Assert.Equal(Term.Resources, TermDetector.Detect("we can add", [Amount.Count(2, "engineers")]));
    }

    [Fact]
    public void Detect_HugeInput_ReturnsWithoutThrowing()
    {
        var text = string.Concat(Enumerable.Repeat("price ", 50_000));

        Assert.Equal(Term.Price, TermDetector.Detect(text));
    }
}
