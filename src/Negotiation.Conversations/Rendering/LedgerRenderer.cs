using Negotiation.Conversations.Outbound;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Conversations.Rendering;

/// <summary>The trade ledger: every give and get, what it cost or is worth, and what it was traded for.</summary>
public static class LedgerRenderer
{
    public static readonly IReadOnlyList<string> Headers = ["#", "Move", "Term", "Amount", "Value", "Status"];

    public static LedgerTable Table(Deal deal) =>
        new(Headers, deal.Moves.Select(m => (IReadOnlyList<string>)
        [
            "#" + m.Number,
            (m.IsGive ? "give: " : "get: ") + m.Description,
            m.Term.ToDisplayName(),
            m.Amount is null ? "" : (m.AmountIsLevel ? "to " : "") + m.Amount,
            deal.ValueOf(m)?.ToString() ?? "",
            Status(deal, m),
        ]).ToList());

    public static ReplyPart Part(Deal deal)
    {
        var table = Table(deal);
        var title = $"Ledger: {deal.Name}";
        if (table.Rows.Count == 0)
        {
            return new ReplyPart(ReplyKind.CommandReply, title + "\nNo gives or gets logged yet.") { Title = title };
        }

        var lines = table.Rows.Select(r => $"{r[0]} {r[1]} ({r[2]}{(r[3].Length > 0 ? ", " + r[3] : "")}){(r[4].Length > 0 ? " value " + r[4] : "")}: {r[5]}");
        var open = deal.OpenGives.Count;
        var footer = open == 0 ? "Every give has something in return." : $"{open} give{(open == 1 ? "" : "s")} with nothing in return yet.";
        return new ReplyPart(ReplyKind.CommandReply, title + "\n" + string.Join("\n", lines) + "\n" + footer) { Title = title, Table = table };
    }

    /// <summary>"traded for #4", "open", "conditional", or for a get "for #2, #3".</summary>
    public static string Status(Deal deal, Move move)
    {
        if (move.IsGive)
        {
            var trade = deal.Trades.FirstOrDefault(t => t.GiveNumbers.Contains(move.Number));
            return trade is not null ? "traded for " + Numbers(trade.GetNumbers) : move.Conditional ? "conditional" : "open";
        }

        var got = deal.Trades.FirstOrDefault(t => t.GetNumbers.Contains(move.Number));
        return got is not null ? "in return for " + Numbers(got.GiveNumbers) : "received";
    }

    public static string Numbers(IEnumerable<int> numbers) => string.Join(", ", numbers.Select(n => "#" + n));
}
