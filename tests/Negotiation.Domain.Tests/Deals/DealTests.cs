using Microsoft.Extensions.Time.Testing;

using Negotiation.Domain.Align;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;

using static Negotiation.Domain.Tests.TestDeals;

namespace Negotiation.Domain.Tests.Deals;

public class DealTests
{
    [Fact]
    public void Start_NewDeal_IsInPrepareWithTrimmedNameAndNothingRecorded()
    {
        var deal = Deal.Start(Guid.NewGuid(), Channel, "1741685400.000100", "  Acme renewal ", NegotiationType.Trading, "U-ana", Now);

        Assert.Equal("Acme renewal", deal.Name);
        Assert.Equal(Phase.Prepare, deal.Phase);
        Assert.Equal(NegotiationType.Trading, deal.Type);
        Assert.Equal(Now, deal.StartedAt);
        Assert.Equal("1741685400.000100", deal.ThreadId);
        Assert.False(deal.IsClosed);
        Assert.Null(deal.ClosedAt);
        Assert.Empty(deal.Moves);
        Assert.Empty(deal.Trades);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Start_BlankName_Throws(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => Deal.Start(Guid.NewGuid(), Channel, "t", name, NegotiationType.Bargaining, "U-ana", Now));

    [Fact]
    public void ChannelKey_ToString_JoinsPlatformWorkspaceAndChannel() =>
        Assert.Equal("slack:T0001:C0001", Channel.ToString());

    [Fact]
    public void MoveTo_Phase_ChangesPhase()
    {
        var deal = Start(phase: Phase.Prepare);

        deal.MoveTo(Phase.Communicate);

        Assert.Equal(Phase.Communicate, deal.Phase);
    }

    [Fact]
    public void MoveTo_Closed_ThrowsAndKeepsPhase()
    {
        var deal = Start();

        Assert.Throws<DealRuleException>(() => deal.MoveTo(Phase.Closed));
        Assert.Equal(Phase.Propose, deal.Phase);
    }

    [Fact]
    public void Close_OpenDeal_RecordsWhenItClosed()
    {
        var time = new FakeTimeProvider(Now);
        var deal = Start();
        time.Advance(TimeSpan.FromDays(3));

        deal.Close(time.GetUtcNow());

        Assert.True(deal.IsClosed);
        Assert.Equal(Phase.Closed, deal.Phase);
        Assert.Equal(Now.AddDays(3), deal.ClosedAt);
    }

    [Fact]
    public void ClosedDeal_Changes_ThrowWithTheDealName()
    {
        var deal = Start();
        deal.Close(Now);

        var error = Assert.Throws<DealRuleException>(() => deal.RecordGive(Give("5% off"), Now));
        Assert.Contains("Acme renewal", error.Message, StringComparison.Ordinal);
        Assert.Throws<DealRuleException>(() => deal.RecordGet(Get("two-year term"), Now));
        Assert.Throws<DealRuleException>(() => deal.MoveTo(Phase.Align));
        Assert.Throws<DealRuleException>(() => deal.Close(Now));
        Assert.Throws<DealRuleException>(() => deal.ChangeType(NegotiationType.Partnering));
        Assert.Throws<DealRuleException>(() => deal.PlanTerm(new TermPlan(Term.Price)));
        Assert.Throws<DealRuleException>(() => deal.AgreeTerm(new Commitment("Net-45")));
        Assert.Throws<DealRuleException>(() => deal.AddNextStep(new Commitment("Send redlines")));
        Assert.Empty(deal.Moves);
    }

    [Fact]
    public void SetQuiet_ClosedDeal_StillAllowed()
    {
        var deal = Start();
        deal.Close(Now);

        deal.SetQuiet(true);

        Assert.True(deal.Quiet);
    }

    [Fact]
    public void ChangeType_OpenDeal_ChangesType()
    {
        var deal = Start();

        deal.ChangeType(NegotiationType.Partnering);

        Assert.Equal(NegotiationType.Partnering, deal.Type);
    }

    [Fact]
    public void NameCounterparty_PaddedName_IsTrimmed()
    {
        var deal = Start();

        deal.NameCounterparty("  Acme Corp ");

        Assert.Equal("Acme Corp", deal.Counterparty);
    }

    [Fact]
    public void PlanTerm_SecondPlanForSameTerm_MergesKeepingValuesItLeavesOut()
    {
        var deal = Start();
        deal.PlanTerm(new TermPlan(Term.Price, Opening: Amount.Money(100_000), Walkaway: Amount.Money(80_000)));

        var merged = deal.PlanTerm(new TermPlan(Term.Price, TargetLow: Amount.Money(88_000), Walkaway: Amount.Money(85_000)));

        Assert.Equal(new TermPlan(Term.Price, Amount.Money(100_000), Amount.Money(88_000), null, Amount.Money(85_000)), merged);
        Assert.Equal(merged, Assert.Single(deal.TermPlans));
        Assert.Equal(merged, deal.PlanFor(Term.Price));
        Assert.Null(deal.PlanFor(Term.Delivery));
    }

    [Fact]
    public void PlanMove_Text_IsTrimmedAndKeptInOrder()
    {
        var deal = Start();

        deal.PlanMove(" 5% off ");
        deal.PlanMove("net-45");

        Assert.Equal(["5% off", "net-45"], deal.PlannedMoves);
    }

    [Fact]
    public void WantGet_SameItemDifferentCase_ReplacesIt()
    {
        var deal = Start();
        deal.WantGet(new WantedGet("Two-year term", Amount.Money(30_000)));

        deal.WantGet(new WantedGet("two-year TERM", Amount.Money(40_000)));

        Assert.Equal(new WantedGet("two-year TERM", Amount.Money(40_000)), Assert.Single(deal.WantedGets));
    }

    [Fact]
    public void OfferGive_SameItemDifferentCase_ReplacesIt()
    {
        var deal = Start();
        deal.OfferGive(new PossibleGive("Net-60", Amount.Money(5_000)));

        deal.OfferGive(new PossibleGive("net-60", Amount.Money(6_000)));

        Assert.Equal(new PossibleGive("net-60", Amount.Money(6_000)), Assert.Single(deal.PossibleGives));
    }

    [Fact]
    public void RecordGive_Draft_NumbersMovesFromOneAndKeepsFacts()
    {
        var time = new FakeTimeProvider(Now);
        var deal = Start();

        var first = deal.RecordGive(Give(" 5% off list ", Term.Price, Amount.Percent(5), labelled: true), time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(10));
        var second = deal.RecordGive(Give("net-60", Term.PaymentTerms, conditional: true), time.GetUtcNow());

        Assert.Equal(1, first.Number);
        Assert.Equal(2, second.Number);
        Assert.Equal("5% off list", first.Description);
        Assert.Equal(Term.Price, first.Term);
        Assert.Equal(Amount.Percent(5), first.Amount);
        Assert.True(first.Labelled);
        Assert.True(first.IsGive);
        Assert.Equal("U-ana", first.Author);
        Assert.Equal("msg-give", first.SourceMessageId);
        Assert.Equal(Now, first.At);
        Assert.Equal(Now.AddMinutes(10), second.At);
        Assert.True(second.Conditional);
        Assert.Equal([first, second], deal.Moves);
    }

    [Fact]
    public void RecordGive_GetDraft_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => Start().RecordGive(Get("two-year term"), Now));

    [Fact]
    public void RecordGet_GiveDraft_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => Start().RecordGet(Give("5% off"), Now));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void RecordGive_EmptyText_ThrowsDealRuleExceptionAndRecordsNothing(string text)
    {
        var deal = Start();

        Assert.Throws<DealRuleException>(() => deal.RecordGive(Give(text), Now));
        Assert.Empty(deal.Moves);
    }

    [Fact]
    public void RecordGet_OpenGives_LinksAllOfThemAsOneTrade()
    {
        var deal = Start();
        deal.Record(Give("5% off", Term.Price));
        deal.Record(Give("net-60", Term.PaymentTerms));

        var (get, trade) = deal.RecordGet(Get("they sign a two-year term", Term.ContractLength), Now);

        Assert.True(get.IsGet);
        Assert.Equal(3, get.Number);
        Assert.NotNull(trade);
        Assert.Equal([1, 2], trade.GiveNumbers);
        Assert.Equal([3], trade.GetNumbers);
        Assert.Equal(trade, Assert.Single(deal.Trades));
        Assert.Empty(deal.OpenGives);
    }

    [Fact]
    public void RecordGet_NoOpenGive_RecordsGetWithoutTrade()
    {
        var deal = Start();

        var (get, trade) = deal.RecordGet(Get("case study"), Now);

        Assert.Null(trade);
        Assert.Equal(get, Assert.Single(deal.Moves));
        Assert.Empty(deal.Trades);
    }

    [Fact]
    public void RecordGet_OnlyConditionalGives_DoesNotTradeThem()
    {
        var deal = Start();
        deal.Record(Give("if you sign for two years, net-60", conditional: true));

        var (_, trade) = deal.RecordGet(Get("case study"), Now);

        Assert.Null(trade);
    }

    [Fact]
    public void RecordGet_AfterEarlierTrade_LinksOnlyGivesSinceThen()
    {
        var deal = Start();
        deal.Record(Give("5% off"));
        deal.Record(Get("two-year term"));
        deal.Record(Give("net-60"));

        var (_, trade) = deal.RecordGet(Get("case study"), Now);

        Assert.NotNull(trade);
        Assert.Equal([3], trade.GiveNumbers);
        Assert.Equal([4], trade.GetNumbers);
    }

    [Fact]
    public void RecordTrade_GiveAndGet_RecordsConditionalGiveLinkedToGet()
    {
        var deal = Start();
        deal.Record(Give("5% off"));

        var trade = deal.RecordTrade(Give("net-45", Term.PaymentTerms), Get("two-year term", Term.ContractLength), Now);

        Assert.Equal([2], trade.GiveNumbers);
        Assert.Equal([3], trade.GetNumbers);
        Assert.True(deal.Moves[1].Conditional);
        Assert.True(deal.Moves[2].IsGet);
        Assert.Equal(deal.Moves[0], Assert.Single(deal.OpenGives));
    }

    [Fact]
    public void RecordTrade_EmptyGet_ThrowsAndRecordsNeitherMove()
    {
        var deal = Start();

        Assert.Throws<DealRuleException>(() => deal.RecordTrade(Give("net-45"), Get("  "), Now));

        Assert.Empty(deal.Moves);
        Assert.Empty(deal.Trades);
    }

    [Fact]
    public void OpenGives_MixOfGives_OnlyUnconditionalUntradedGives()
    {
        var deal = Start();
        deal.Record(Give("5% off"));
        deal.Record(Get("two-year term"));
        deal.Record(Give("net-60", conditional: true));
        deal.Record(Give("free onboarding"));

        Assert.Equal("free onboarding", Assert.Single(deal.OpenGives).Description);
    }

    [Fact]
    public void OpenWantedGets_MixedValues_MoneyByValueThenTheRestInPlannedOrder()
    {
        var deal = Start();
        deal.WantGet(new WantedGet("logo rights"));
        deal.WantGet(new WantedGet("case study", Amount.Money(5_000)));
        deal.WantGet(new WantedGet("extra seats", Amount.Count(50, "seats")));
        deal.WantGet(new WantedGet("two-year term", Amount.Money(30_000)));
        deal.WantGet(new WantedGet("reference call"));

        Assert.Equal(
            ["two-year term", "case study", "logo rights", "extra seats", "reference call"],
            deal.OpenWantedGets.Select(w => w.Item));
    }

    [Fact]
    public void OpenWantedGets_GetAlreadyObtained_IsLeftOut()
    {
        var deal = Start();
        deal.WantGet(new WantedGet("two-year term", Amount.Money(30_000)));
        deal.WantGet(new WantedGet("case study", Amount.Money(5_000)));

        deal.Record(Get("they agreed to a two year term"));

        Assert.Equal("case study", Assert.Single(deal.OpenWantedGets).Item);
    }

    [Fact]
    public void SizeOf_PlainAmount_IsTheAmount() =>
        Assert.Equal(Amount.Percent(5), Start().SizeOf(Give("5% off", Term.Price, Amount.Percent(5))));

    [Fact]
    public void SizeOf_NoAmount_IsNull() =>
        Assert.Null(Start().SizeOf(Give("free onboarding")));

    [Fact]
    public void SizeOf_FirstLevelMove_IsDistanceFromPlanOpening()
    {
        var deal = Start();
        deal.PlanTerm(new TermPlan(Term.Price, Opening: Amount.Money(100_000)));

        Assert.Equal(Amount.Money(8_000), deal.SizeOf(Give("down to $92k", Term.Price, Amount.Money(92_000), level: true)));
    }

    [Fact]
    public void SizeOf_LaterLevelMove_IsDistanceFromPreviousLevel()
    {
        var deal = Start();
        deal.PlanTerm(new TermPlan(Term.Price, Opening: Amount.Money(100_000)));
        var first = deal.Record(Give("down to $92k", Term.Price, Amount.Money(92_000), level: true));
        var second = deal.Record(Give("down to $89k", Term.Price, Amount.Money(89_000), level: true));

        Assert.Equal(Amount.Money(8_000), deal.SizeOf(first));
        Assert.Equal(Amount.Money(3_000), deal.SizeOf(second));
        Assert.Equal(Amount.Money(4_000), deal.SizeOf(Give("down to $85k", Term.Price, Amount.Money(85_000), level: true)));
    }

    [Fact]
    public void SizeOf_LevelMoveInWeeksAfterDays_IsInDays()
    {
        var deal = Start();
        deal.PlanTerm(new TermPlan(Term.Delivery, Opening: Amount.Duration(8, "weeks")));

        Assert.Equal(Amount.Duration(14, "days"), deal.SizeOf(Give("delivery in 42 days", Term.Delivery, Amount.Duration(42, "days"), level: true)));
    }

    [Fact]
    public void SizeOf_LevelMoveWithoutOpeningOrPreviousLevel_IsNull() =>
        Assert.Null(Start().SizeOf(Give("down to $92k", Term.Price, Amount.Money(92_000), level: true)));

    [Fact]
    public void SizeOf_LevelMoveInOtherCurrencyThanOpening_IsNull()
    {
        var deal = Start();
        deal.PlanTerm(new TermPlan(Term.Price, Opening: Amount.Money(100_000)));

        Assert.Null(deal.SizeOf(Give("down to €92k", Term.Price, Amount.Money(92_000, "EUR"), level: true)));
    }

    [Fact]
    public void ValueOf_GiveMatchingPossibleGive_IsItsCost()
    {
        var deal = Start();
        deal.OfferGive(new PossibleGive("net-60 payment terms", Amount.Money(12_000)));
        var give = deal.Record(Give("extend payment terms to net-60"));

        Assert.Equal(Amount.Money(12_000), deal.ValueOf(give));
    }

    [Fact]
    public void ValueOf_GetMatchingWantedGet_IsItsValue()
    {
        var deal = Start();
        deal.WantGet(new WantedGet("two-year term", Amount.Money(40_000)));
        var get = deal.Record(Get("they commit to a two year term"));

        Assert.Equal(Amount.Money(40_000), deal.ValueOf(get));
    }

    [Fact]
    public void ValueOf_GetDoesNotLookAtPossibleGives()
    {
        var deal = Start();
        deal.OfferGive(new PossibleGive("two-year term", Amount.Money(40_000)));
        var get = deal.Record(Get("they commit to a two year term"));

        Assert.Null(deal.ValueOf(get));
    }

    [Fact]
    public void ValueOf_UnvaluedOrUnmatched_IsNull()
    {
        var deal = Start();
        deal.OfferGive(new PossibleGive("free onboarding"));
        var give = deal.Record(Give("free onboarding"));
        var other = deal.Record(Give("5% off"));

        Assert.Null(deal.ValueOf(give));
        Assert.Null(deal.ValueOf(other));
    }

    [Fact]
    public void AgreeTermAndAddNextStep_EmptyText_Throw()
    {
        var deal = Start();

        Assert.Throws<DealRuleException>(() => deal.AgreeTerm(new Commitment(" ")));
        Assert.Throws<DealRuleException>(() => deal.AddNextStep(new Commitment("")));
        Assert.Empty(deal.FinalTerms);
        Assert.Empty(deal.NextSteps);
    }
}
