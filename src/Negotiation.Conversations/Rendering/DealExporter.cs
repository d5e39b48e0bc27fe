using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Negotiation.Conversations.Commands;
using Negotiation.Domain.Align;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Conversations.Rendering;

/// <summary>A deal's full record as Markdown, CSV or JSON, for people to keep outside the chat.</summary>
public static class DealExporter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Lines = new(Json) { WriteIndented = false };

    public static string Export(Deal deal, ExportFormat format) => format switch
    {
        ExportFormat.Json => JsonSerializer.Serialize(Record(deal), Json),
        ExportFormat.Csv => Csv(deal),
        ExportFormat.Labels => Labels(deal),
        _ => Markdown(deal),
    };

    private static object Record(Deal deal) => new
    {
        Id = deal.Id,
        Name = deal.Name,
        Counterparty = deal.Counterparty,
        Type = deal.Type.ToString().ToLowerInvariant(),
        Phase = deal.Phase.ToString().ToLowerInvariant(),
        StartedBy = deal.StartedBy,
        StartedAt = deal.StartedAt,
        ClosedAt = deal.ClosedAt,
        Plan = new
        {
            Terms = deal.TermPlans.Select(p => new
            {
                Term = p.Term.ToWireName(),
                Opening = p.Opening?.ToString(),
                TargetLow = p.TargetLow?.ToString(),
                TargetHigh = p.TargetHigh?.ToString(),
                Walkaway = p.Walkaway?.ToString(),
            }),
            PlannedMoves = deal.PlannedMoves,
            WantedGets = deal.WantedGets.Select(w => new { w.Item, Value = w.Value?.ToString() }),
            PossibleGives = deal.PossibleGives.Select(g => new { g.Item, Cost = g.Cost?.ToString() }),
        },
        Moves = deal.Moves.Select(m => new
        {
            m.Number,
            Kind = m.Kind.ToString().ToLowerInvariant(),
            Term = m.Term.ToWireName(),
            m.Description,
            Amount = m.Amount?.ToString(),
            m.AmountIsLevel,
            m.Conditional,
            m.Labelled,
            m.Author,
            m.At,
            Value = deal.ValueOf(m)?.ToString(),
            Status = LedgerRenderer.Status(deal, m),
        }),
        Trades = deal.Trades.Select(t => new { Gives = t.GiveNumbers, Gets = t.GetNumbers }),
        FinalTerms = deal.FinalTerms.Select(Commitment),
        NextSteps = deal.NextSteps.Select(Commitment),
        Corrections = deal.Corrections.Select(Correction),
    };

    private static object Correction(LabelCorrection c) => new { Move = c.MoveNumber, c.Text, c.Label, Term = c.Term.ToWireName(), c.CorrectedBy, c.At };

    /// <summary>One JSON object per line, the shape of the training data (text, label, term) plus who corrected it.</summary>
    private static string Labels(Deal deal)
    {
        var lines = new StringBuilder();
        foreach (var c in deal.Corrections)
        {
            lines.Append(JsonSerializer.Serialize(Correction(c), Lines)).Append('\n');
        }

        return lines.Length == 0 ? "No corrections yet: press \"Not a give\" on a prompt that misread a message." : lines.ToString();
    }

    private static object Commitment(Commitment c) => new { c.Text, c.Owner, Due = c.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

    private static string Csv(Deal deal)
    {
        var csv = new StringBuilder("record,number,kind,term,text,amount,value,owner,due,status\n");
        foreach (var m in deal.Moves)
        {
            Row(csv, "move", m.Number.ToString(CultureInfo.InvariantCulture), m.Kind.ToString().ToLowerInvariant(), m.Term.ToWireName(), m.Description, m.Amount?.ToString(), deal.ValueOf(m)?.ToString(), m.Author, null, LedgerRenderer.Status(deal, m));
        }

        foreach (var (c, i) in deal.FinalTerms.Select((c, i) => (c, i)))
        {
            Row(csv, "final_term", (i + 1).ToString(CultureInfo.InvariantCulture), null, null, c.Text, null, null, c.Owner, Due(c), null);
        }

        foreach (var (c, i) in deal.NextSteps.Select((c, i) => (c, i)))
        {
            Row(csv, "next_step", (i + 1).ToString(CultureInfo.InvariantCulture), null, null, c.Text, null, null, c.Owner, Due(c), null);
        }

        return csv.ToString();
    }

    private static void Row(StringBuilder csv, params string?[] cells) =>
        csv.Append(string.Join(',', cells.Select(Cell))).Append('\n');

    /// <summary>RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula.</summary>
    private static string Cell(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && "=+-@\t\r".Contains(v[0], StringComparison.Ordinal))
        {
            v = "'" + v;
        }

        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }

    private static string Markdown(Deal deal)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Escape(deal.Name)).Append('\n');
        md.Append(CultureInfo.InvariantCulture, $"\n{deal.Type}, {deal.Phase}. Started by {Escape(deal.StartedBy)} on {deal.StartedAt:yyyy-MM-dd}.\n");
        md.Append("\n## Moves\n\n| # | Kind | Term | Move | Amount | Value | Status |\n|---|---|---|---|---|---|---|\n");
        foreach (var m in deal.Moves)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {m.Number} | {m.Kind.ToString().ToLowerInvariant()} | {m.Term.ToDisplayName()} | {Escape(m.Description)} | {m.Amount} | {deal.ValueOf(m)} | {LedgerRenderer.Status(deal, m)} |\n");
        }

        md.Append("\n## Final terms\n\n");
        Commitments(md, deal.FinalTerms);
        md.Append("\n## Next steps\n\n");
        Commitments(md, deal.NextSteps);
        return md.ToString();
    }

    private static void Commitments(StringBuilder md, IReadOnlyList<Commitment> items)
    {
        if (items.Count == 0)
        {
            md.Append("None recorded.\n");
        }

        foreach (var c in items)
        {
            md.Append("- ").Append(Escape(c.Text)).Append(" — owner: ").Append(Escape(c.Owner ?? "none")).Append(", due: ").Append(Due(c) ?? "none").Append('\n');
        }
    }

    private static string? Due(Commitment c) => c.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
