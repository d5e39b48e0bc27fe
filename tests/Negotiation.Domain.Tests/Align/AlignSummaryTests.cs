using Negotiation.Domain.Align;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;

using static Negotiation.Domain.Tests.TestDeals;

namespace Negotiation.Domain.Tests.Align;

public class AlignSummaryTests
{
    private static readonly DateOnly March20 = new(2026, 3, 20);
    private static readonly DateOnly March31 = new(2026, 3, 31);
    private static readonly DateOnly April15 = new(2026, 4, 15);

    [Fact]
    public void Of_Deal_CarriesItsHeader()
    {
        var deal = Start(NegotiationType.Trading, Phase.Align);
        deal.NameCounterparty("Acme Corp");

        var summary = AlignSummary.Of(deal);

        Assert.Equal("Acme renewal", summary.DealName);
        Assert.Equal("Acme Corp", summary.Counterparty);
        Assert.Equal(NegotiationType.Trading, summary.Type);
        Assert.Equal(Phase.Align, summary.Phase);
    }

    [Fact]
    public void Of_TermsAndSteps_ListsFinalTermsAndNextStepsInOrder()
    {
        var deal = Start();
        var net45 = new Commitment("Net-45 payment terms", "Maria", March31);
        var twoYears = new Commitment("Two-year term");
        var redlines = new Commitment("Send redlines", "Ben", March20);
        deal.AgreeTerm(net45);
        deal.AgreeTerm(twoYears);
        deal.AddNextStep(redlines);

        var summary = AlignSummary.Of(deal);

        Assert.Equal([net45, twoYears], summary.FinalTerms);
        Assert.Equal([redlines], summary.NextSteps);
    }

    [Fact]
    public void Of_Owners_GroupedAcrossTermsAndStepsIgnoringCaseAndSorted()
    {
        var deal = Start();
        deal.AgreeTerm(new Commitment("Net-45", "Maria"));
        deal.AgreeTerm(new Commitment("Two-year term", " ben "));
        deal.AddNextStep(new Commitment("Countersign", "maria "));
        deal.AddNextStep(new Commitment("Kick-off call"));
        deal.AddNextStep(new Commitment("Invoice", " "));

        var owners = AlignSummary.Of(deal).Owners;

        Assert.Equal(["ben", "Maria"], owners.Select(o => o.Owner));
        Assert.Equal(["Two-year term"], owners[0].Items.Select(i => i.Text));
        Assert.Equal(["Net-45", "Countersign"], owners[1].Items.Select(i => i.Text));
    }

    [Fact]
    public void Of_Deadlines_OnlyDatedItemsSortedByDate()
    {
        var deal = Start();
        deal.AgreeTerm(new Commitment("Go-live", "Ben", April15));
        deal.AgreeTerm(new Commitment("Two-year term", "Maria"));
        deal.AddNextStep(new Commitment("Send redlines", "Ben", March20));
        deal.AddNextStep(new Commitment("Countersign", null, March31));

        var deadlines = AlignSummary.Of(deal).Deadlines;

        Assert.Equal(["Send redlines", "Countersign", "Go-live"], deadlines.Select(d => d.Text));
    }

    [Fact]
    public void Of_Trades_LedgerCarriesCostsOfGivesAndValuesOfGets()
    {
        var deal = Start();
        deal.OfferGive(new PossibleGive("net-60 payment terms", Amount.Money(12_000)));
        deal.OfferGive(new PossibleGive("free onboarding", Amount.Money(3_000)));
        deal.WantGet(new WantedGet("two-year term", Amount.Money(40_000)));
        deal.Record(Give("extend payment terms to net-60", Term.PaymentTerms));
        deal.Record(Give("5% off", Term.Price));
        deal.Record(Get("they commit to a two year term", Term.ContractLength));
        deal.RecordTrade(Give("free onboarding"), Get("logo on their website"), Now);

        var trades = AlignSummary.Of(deal).Trades;

        Assert.Equal(2, trades.Count);
        Assert.Equal([(1, Amount.Money(12_000)), (2, (Amount?)null)], trades[0].Gives.Select(l => (l.Move.Number, l.Value)));
        Assert.Equal((3, Amount.Money(40_000)), (Assert.Single(trades[0].Gets).Move.Number, trades[0].Gets[0].Value));
        Assert.Equal((4, Amount.Money(3_000)), (Assert.Single(trades[1].Gives).Move.Number, trades[1].Gives[0].Value));
        Assert.Equal("logo on their website", Assert.Single(trades[1].Gets).Move.Description);
        Assert.Null(trades[1].Gets[0].Value);
    }

    [Fact]
    public void Of_UnreciprocatedGives_OnlyUnconditionalGivesOutsideTrades()
    {
        var deal = Start();
        deal.OfferGive(new PossibleGive("free onboarding", Amount.Money(3_000)));
        deal.Record(Give("5% off"));
        deal.Record(Get("two-year term"));
        deal.Record(Give("if you sign this week, net-45", conditional: true));
        deal.Record(Give("free onboarding"));

        var line = Assert.Single(AlignSummary.Of(deal).UnreciprocatedGives);

        Assert.Equal(4, line.Move.Number);
        Assert.Equal(Amount.Money(3_000), line.Value);
    }

    [Fact]
    public void Of_UntradedGets_GetsThatNoGiveAnswered()
    {
        var deal = Start();
        deal.WantGet(new WantedGet("case study", Amount.Money(5_000)));
        deal.Record(Get("they offered a case study"));

        var line = Assert.Single(AlignSummary.Of(deal).UntradedGets);

        Assert.Equal(1, line.Move.Number);
        Assert.Equal(Amount.Money(5_000), line.Value);
    }

    [Fact]
    public void Of_GetThenGive_TradesThemSoNeitherIsLeftOver()
    {
        var deal = Start();
        deal.Record(Get("they offered a case study"));
        deal.Record(Give("5% off"));

        var summary = AlignSummary.Of(deal);

        Assert.Empty(summary.UntradedGets);
        Assert.Empty(summary.UnreciprocatedGives);
        var trade = Assert.Single(summary.Trades);
        Assert.Equal(2, Assert.Single(trade.Gives).Move.Number);
        Assert.Equal(1, Assert.Single(trade.Gets).Move.Number);
    }

    [Fact]
    public void Of_Missing_EveryTermAndStepWithoutOwnerOrDeadline()
    {
        var deal = Start();
        deal.AgreeTerm(new Commitment("Net-45", "Maria", March31));
        deal.AgreeTerm(new Commitment("Two-year term"));
        deal.AgreeTerm(new Commitment("Price $88k", "Ben"));
        deal.AddNextStep(new Commitment("Countersign", null, March20));
        deal.AddNextStep(new Commitment("Kick-off call", "Ben", April15));

        var missing = AlignSummary.Of(deal).Missing;

        Assert.Equal(
            [
                "Term \"Two-year term\" has no owner and no deadline",
                "Term \"Price $88k\" has no deadline",
                "Next step \"Countersign\" has no owner",
            ],
            missing.Select(m => m.Describe()));
    }

    [Fact]
    public void Of_BlankOwner_CountsAsMissing() =>
        Assert.Equal("Term \"Net-45\" has no owner", Assert.Single(AlignSummaryWith(new Commitment("Net-45", "  ", March31)).Missing).Describe());

    [Fact]
    public void IsComplete_EveryItemOwnedAndDated_True() =>
        Assert.True(AlignSummaryWith(new Commitment("Net-45", "Maria", March31)).IsComplete);

    [Fact]
    public void IsComplete_SomethingMissing_False() =>
        Assert.False(AlignSummaryWith(new Commitment("Net-45", "Maria")).IsComplete);

    [Fact]
    public void IsComplete_NoFinalTerms_False()
    {
        var deal = Start();
        deal.AddNextStep(new Commitment("Countersign", "Maria", March31));

        Assert.False(AlignSummary.Of(deal).IsComplete);
    }

    [Fact]
    public void Of_EmptyDeal_HasEmptySections()
    {
        var summary = AlignSummary.Of(Start());

        Assert.Empty(summary.FinalTerms);
        Assert.Empty(summary.Owners);
        Assert.Empty(summary.Deadlines);
        Assert.Empty(summary.NextSteps);
        Assert.Empty(summary.Trades);
        Assert.Empty(summary.UnreciprocatedGives);
        Assert.Empty(summary.UntradedGets);
        Assert.Empty(summary.Missing);
    }

    [Fact]
    public void Of_ClosedDeal_StillSummarises()
    {
        var deal = Start();
        deal.AgreeTerm(new Commitment("Net-45", "Maria", March31));
        deal.Close(Now);

        var summary = AlignSummary.Of(deal);

        Assert.Equal(Phase.Closed, summary.Phase);
        Assert.True(summary.IsComplete);
    }

    [Fact]
    public void Of_DealChangedAfterwards_SummaryKeepsWhatWasAgreedThen()
    {
        var deal = Start();
        deal.AddNextStep(new Commitment("Countersign", "Maria", March31));
        var summary = AlignSummary.Of(deal);

        deal.AgreeTerm(new Commitment("Net-45", "Maria", March31));
        deal.AddNextStep(new Commitment("Kick-off call"));

        Assert.Empty(summary.FinalTerms);
        Assert.Single(summary.NextSteps);
        Assert.Empty(summary.Missing);
        Assert.False(summary.IsComplete);
    }

    private static AlignSummary AlignSummaryWith(Commitment term)
    {
        var deal = Start();
        deal.AgreeTerm(term);
        return AlignSummary.Of(deal);
    }
}
