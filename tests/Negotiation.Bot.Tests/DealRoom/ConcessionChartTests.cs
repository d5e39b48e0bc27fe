using Negotiation.Bot.DealRoom;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;

namespace Negotiation.Bot.Tests.DealRoom;

/// <summary>The concession chart: a bar per move and term, sized by the step, with the trend in words.</summary>
public sealed class ConcessionChartTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static Deal NewDeal()
    {
        var deal = Deal.Start(Guid.NewGuid(), new ChannelKey("room", "room", "c"), "1", "Acme", NegotiationType.Trading, "dana", Now);
        deal.PlanTerm(new TermPlan(Term.Price, Amount.Money(480_000), null, null, Amount.Money(430_000)));
        deal.MoveTo(Phase.Propose);
        return deal;
    }

    private static MoveDraft Give(Term term, string text, Amount amount, bool level = false) => new(MoveKind.Give, term, text, amount, level);

    [Fact]
    public void Render_ShrinkingGivesOnATerm_DrawsABarEachAndSaysShrinking()
    {
        var deal = NewDeal();
        deal.RecordGive(Give(Term.Price, "down to $465k", Amount.Money(465_000), level: true), Now);
        deal.RecordGet(new MoveDraft(MoveKind.Get, Term.Price, "they add 20 seats", Amount.Count(20, "seats")), Now);
        deal.RecordGive(Give(Term.Price, "down to $455k", Amount.Money(455_000), level: true), Now);

        var (svg, summary) = ConcessionChart.Render(deal);

        Assert.Contains("data-move=\"1\" data-side=\"us\"", svg, StringComparison.Ordinal);
        Assert.Contains("data-move=\"2\" data-side=\"them\"", svg, StringComparison.Ordinal);
        Assert.Contains("data-move=\"3\" data-side=\"us\"", svg, StringComparison.Ordinal);
        Assert.Contains("Price (USD): our steps $15,000 → $10,000 (shrinking); their steps none.", summary, StringComparison.Ordinal);
        Assert.Contains("Price (seats): our steps none; their steps 20 seats.", summary, StringComparison.Ordinal);
        Assert.Contains("class=\"chart-trend\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GrowingSteps_SaysGrowing()
    {
        var deal = NewDeal();
        deal.RecordGive(Give(Term.Price, "3% off", Amount.Percent(3)), Now);
        deal.RecordGive(Give(Term.Price, "5% off", Amount.Percent(5)), Now);

        Assert.Contains("our steps 3% → 5% (growing)", ConcessionChart.Render(deal).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoMovesWithAmounts_SaysHowToGetAChart()
    {
        var deal = NewDeal();
        deal.RecordGive(new MoveDraft(MoveKind.Give, Term.Other, "free onboarding"), Now);

        var (svg, summary) = ConcessionChart.Render(deal);

        Assert.StartsWith("No moves with amounts yet", summary, StringComparison.Ordinal);
        Assert.Equal("", svg);
    }

    [Fact]
    public void Render_MoveTextWithMarkup_IsEscaped()
    {
        var deal = NewDeal();
        deal.RecordGive(Give(Term.Price, "<script>alert(1)</script> 5% off", Amount.Percent(5)), Now);

        var (svg, _) = ConcessionChart.Render(deal);

        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", svg, StringComparison.Ordinal);
    }
}
