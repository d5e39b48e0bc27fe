using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Rendering;
using Negotiation.Domain.Align;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Bot.DealRoom;

/// <summary>One term's movement plan, as text.</summary>
public sealed record TermPlanView(string Term, string? Opening, string? Target, string? Walkaway);

/// <summary>The deal's plan: term plans, planned moves, wanted gets (and whether we got them), possible gives.</summary>
public sealed record PlanView(
    IReadOnlyList<TermPlanView> Terms,
    IReadOnlyList<string> PlannedMoves,
    IReadOnlyList<WantedGetView> WantedGets,
    IReadOnlyList<PossibleGiveView> PossibleGives);

public sealed record WantedGetView(string Item, string? Value, bool Got);

public sealed record PossibleGiveView(string Item, string? Cost);

/// <summary>A move in the ledger with what it cost or is worth.</summary>
public sealed record MoveView(int Number, string Side, string Term, string Description, string? Amount, string? Value, string Author, string Status);

/// <summary>Gives exchanged for gets.</summary>
public sealed record TradeView(IReadOnlyList<MoveView> Gives, IReadOnlyList<MoveView> Gets);

/// <summary>The Align summary as the renderers word it.</summary>
public sealed record AlignView(string Title, IReadOnlyList<Section> Sections);

/// <summary>A deal in the workspace's list.</summary>
public sealed record DealListItem(string Id, string Name, string Channel, string Type, string Phase, bool Closed, DateTimeOffset StartedAt);

/// <summary>Everything the deal panel and the read-only view show about one deal.</summary>
public sealed record DealView(
    string Id,
    string Name,
    string? Counterparty,
    string Channel,
    string Type,
    string Phase,
    bool Closed,
    bool Quiet,
    string StartedBy,
    DateTimeOffset StartedAt,
    PlanView Plan,
    LedgerTable Ledger,
    IReadOnlyList<MoveView> Moves,
    IReadOnlyList<TradeView> Trades,
    IReadOnlyList<MoveView> OpenGives,
    string ChartSvg,
    string ChartSummary,
    AlignView? Align)
{
    public static DealListItem ListItem(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return new(deal.Id.ToString("N"), deal.Name, deal.Channel.Channel, deal.Type.ToString(), deal.Phase.ToString(), deal.IsClosed, deal.StartedAt);
    }

    public static DealView Of(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var summary = AlignSummary.Of(deal);
        var chart = ConcessionChart.Render(deal);
        AlignView? align = null;
        if (deal.Phase >= Domain.Deals.Phase.Align)
        {
            var part = AlignSummaryRenderer.Part(summary);
            align = new AlignView(part.Title ?? "Align summary", part.Sections);
        }

        return new DealView(
            deal.Id.ToString("N"),
            deal.Name,
            deal.Counterparty,
            deal.Channel.Channel,
            deal.Type.ToString(),
            deal.Phase.ToString(),
            deal.IsClosed,
            deal.Quiet,
            deal.StartedBy,
            deal.StartedAt,
            new PlanView(
                deal.TermPlans.Select(p => new TermPlanView(
                    p.Term.ToDisplayName(),
                    p.Opening?.ToString(),
                    p.TargetLow is null ? null : p.TargetLow + (p.TargetHigh is null ? "" : "–" + p.TargetHigh),
                    p.Walkaway?.ToString())).ToList(),
                deal.PlannedMoves,
                deal.WantedGets.Select(w => new WantedGetView(w.Item, w.Value?.ToString(), !deal.OpenWantedGets.Contains(w))).ToList(),
                deal.PossibleGives.Select(g => new PossibleGiveView(g.Item, g.Cost?.ToString())).ToList()),
            LedgerRenderer.Table(deal),
            deal.Moves.Select(m => Move(deal, m)).ToList(),
            summary.Trades.Select(t => new TradeView(t.Gives.Select(l => Move(deal, l.Move)).ToList(), t.Gets.Select(l => Move(deal, l.Move)).ToList())).ToList(),
            deal.OpenGives.Select(m => Move(deal, m)).ToList(),
            chart.Svg,
            chart.Summary,
            align);
    }

    private static MoveView Move(Deal deal, Move m) => new(
        m.Number,
        m.IsGive ? "us" : "them",
        m.Term.ToDisplayName(),
        m.Description,
        m.Amount is null ? null : (m.AmountIsLevel ? "to " : "") + m.Amount,
        deal.ValueOf(m)?.ToString(),
        m.Author,
        LedgerRenderer.Status(deal, m));
}
