using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Domain.Align;

/// <summary>One move in the trade ledger, with what it cost us or is worth to us when the plan says.</summary>
public sealed record LedgerLine(Move Move, Amount? Value);

/// <summary>A trade in the ledger: the gives and the gets exchanged for them.</summary>
public sealed record LedgerTrade(IReadOnlyList<LedgerLine> Gives, IReadOnlyList<LedgerLine> Gets);

/// <summary>Someone and everything they own.</summary>
public sealed record OwnerDuties(string Owner, IReadOnlyList<Commitment> Items);

/// <summary>A final term or next step that still lacks an owner, a deadline, or both.</summary>
public sealed record MissingDetail(string Kind, Commitment Item)
{
    public string Describe() => (Item.IsMissingOwner, Item.IsMissingDue) switch
    {
        (true, true) => $"{Kind} \"{Item.Text}\" has no owner and no deadline",
        (true, false) => $"{Kind} \"{Item.Text}\" has no owner",
        _ => $"{Kind} \"{Item.Text}\" has no deadline",
    };
}

/// <summary>
/// The ASF Align step: final terms, owners, deadlines, next steps, the trade ledger, gives left unreciprocated,
/// and everything still missing an owner or a deadline — so nothing is left down to assumption.
/// </summary>
public sealed record AlignSummary(
    string DealName,
    string? Counterparty,
    NegotiationType Type,
    Phase Phase,
    IReadOnlyList<Commitment> FinalTerms,
    IReadOnlyList<OwnerDuties> Owners,
    IReadOnlyList<Commitment> Deadlines,
    IReadOnlyList<Commitment> NextSteps,
    IReadOnlyList<LedgerTrade> Trades,
    IReadOnlyList<LedgerLine> UnreciprocatedGives,
    IReadOnlyList<LedgerLine> UntradedGets,
    IReadOnlyList<MissingDetail> Missing)
{
    /// <summary>True when every term and step has an owner and a deadline and at least one term was agreed.</summary>
    public bool IsComplete => Missing.Count == 0 && FinalTerms.Count > 0;

    public static AlignSummary Of(Deal deal)
    {
        LedgerLine Line(Move m) => new(m, deal.ValueOf(m));
        Move MoveNumber(int n) => deal.Moves[n - 1];

        var all = deal.FinalTerms.Concat(deal.NextSteps).ToList();
        var owners = all
            .Where(c => !c.IsMissingOwner)
            .GroupBy(c => c.Owner!.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new OwnerDuties(g.First().Owner!.Trim(), g.ToList()))
            .OrderBy(o => o.Owner, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var deadlines = all.Where(c => c.Due is not null).OrderBy(c => c.Due).ToList();
        var trades = deal.Trades
            .Select(t => new LedgerTrade(t.GiveNumbers.Select(n => Line(MoveNumber(n))).ToList(), t.GetNumbers.Select(n => Line(MoveNumber(n))).ToList()))
            .ToList();
        var tradedGets = deal.Trades.SelectMany(t => t.GetNumbers).ToHashSet();
        var missing = deal.FinalTerms.Select(t => new MissingDetail("Term", t))
            .Concat(deal.NextSteps.Select(s => new MissingDetail("Next step", s)))
            .Where(m => m.Item.IsMissingOwner || m.Item.IsMissingDue)
            .ToList();

        return new AlignSummary(
            deal.Name,
            deal.Counterparty,
            deal.Type,
            deal.Phase,
            deal.FinalTerms.ToList(),
            owners,
            deadlines,
            deal.NextSteps.ToList(),
            trades,
            deal.OpenGives.Select(Line).ToList(),
            deal.Moves.Where(m => m.IsGet && !tradedGets.Contains(m.Number)).Select(Line).ToList(),
            missing);
    }
}
