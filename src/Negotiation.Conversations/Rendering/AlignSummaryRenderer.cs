using System.Globalization;
using System.Text;
using Negotiation.Conversations.Outbound;
using Negotiation.Domain.Align;

namespace Negotiation.Conversations.Rendering;

/// <summary>Renders the Align summary as titled sections and the equivalent plain text.</summary>
public static class AlignSummaryRenderer
{
    public static ReplyPart Part(AlignSummary summary)
    {
        var title = $"Align summary: {summary.DealName}" + (summary.Counterparty is null ? "" : $" with {summary.Counterparty}");
        var sections = new List<Section>
        {
            new("Final terms", Lines(summary.FinalTerms.Select(Describe), "No final terms recorded: add them with /deal term <term> owner <name> due <date>.")),
            new("Owners", Lines(summary.Owners.Select(o => $"{o.Owner}: {string.Join("; ", o.Items.Select(i => i.Text))}"), "Nobody owns anything yet.")),
            new("Deadlines", Lines(summary.Deadlines.Select(d => $"{Date(d.Due)}: {d.Text}"), "No deadlines set.")),
            new("Next steps", Lines(summary.NextSteps.Select(Describe), "No next steps recorded: add them with /deal next <step> owner <name> due <date>.")),
            new("Trade ledger", Lines(summary.Trades.Select(Trade), "No trades recorded.")),
            new("Gives with nothing in return", Lines(summary.UnreciprocatedGives.Select(Line), "None: every give was traded.")),
        };
        if (summary.UntradedGets.Count > 0)
        {
            sections.Add(new("Gets received", summary.UntradedGets.Select(Line).ToList()));
        }

        sections.Add(new(
            "Still missing an owner or a deadline",
            Lines(summary.Missing.Select(m => m.Describe()), summary.FinalTerms.Count + summary.NextSteps.Count == 0 ? "Nothing agreed yet, so nothing to own." : "Nothing: every term and step has an owner and a deadline.")));

        var text = new StringBuilder(title);
        foreach (var section in sections)
        {
            text.Append("\n\n").Append(section.Title).Append(':');
            foreach (var line in section.Lines)
            {
                text.Append("\n- ").Append(line);
            }
        }

        return new ReplyPart(ReplyKind.AlignSummary, text.ToString()) { Title = title, Sections = sections };
    }

    private static string Describe(Commitment c) =>
        c.Text + " (owner: " + (c.Owner ?? "none") + ", due: " + (c.Due is null ? "none" : Date(c.Due)) + ")";

    private static string Trade(LedgerTrade trade) =>
        string.Join(" + ", trade.Gives.Select(Line)) + " ⇄ " + string.Join(" + ", trade.Gets.Select(Line));

    private static string Line(LedgerLine line) =>
        $"#{line.Move.Number} {line.Move.Description}" + (line.Value is null ? "" : line.Move.IsGive ? $" (costs {line.Value})" : $" (worth {line.Value})");

    private static string Date(DateOnly? date) => date?.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static List<string> Lines(IEnumerable<string> lines, string whenEmpty)
    {
        var list = lines.ToList();
        return list.Count > 0 ? list : [whenEmpty];
    }
}
