using System.Globalization;
using System.Text;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Bot.DealRoom;

/// <summary>
/// The concession chart: one panel per term (and unit), a bar per move in the order made, ours and theirs side by side,
/// each bar as tall as the step was. Shrinking or growing steps show at a glance; the summary says the same in words.
/// Plain SVG with system fonts: no script, no network.
/// </summary>
public static class ConcessionChart
{
    private const int Width = 640;
    private const int PanelHeight = 164;
    private const int PlotTop = 42;
    private const int PlotHeight = 84;
    private const int Left = 56;
    private const int MaxSlot = 64;

    /// <summary>One charted step: a move and how far it moved its term.</summary>
    private sealed record Step(Move Move, Amount Size);

    public static (string Svg, string Summary) Render(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var steps = deal.Moves
            .Select(m => (Move: m, Size: SizeOf(deal, m)))
            .Where(s => s.Size is { Kind: not AmountKind.Date } && s.Size.CanonicalValue > 0)
            .Select(s => new Step(s.Move, s.Size!.WithCanonicalValue(s.Size.CanonicalValue)))
            .ToList();
        var panels = steps.GroupBy(s => (s.Move.Term, s.Size.Kind, s.Size.Unit)).ToList();
        var uncharted = deal.Moves.Count - steps.Count;

        var svg = new StringBuilder();
        var summary = new List<string>();
        var height = (panels.Count * PanelHeight) + 30;
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"concession-chart\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">");
        svg.Append("<title id=\"chart-title\">Concession chart: each side's moves per term, in the order made</title>");

        if (panels.Count == 0)
        {
            // Nothing to draw: the words say how to get a chart, and no empty picture takes the space.
            return ("", "No moves with amounts yet: log gives and gets with amounts (e.g. /deal give 5% off the list price) to see each side's steps.");
        }

        foreach (var panel in panels)
        {
            summary.Add(Describe(panel.Key.Term, panel.First().Size, panel.ToList()));
        }

        if (uncharted > 0)
        {
            summary.Add($"{uncharted} move{(uncharted == 1 ? "" : "s")} without a size to chart.");
        }

        var text = string.Join(" ", summary);
        svg.Append("<desc id=\"chart-desc\">").Append(Escape(text)).Append("</desc>");
        svg.Append("<g class=\"chart-legend\" transform=\"translate(12,16)\">")
            .Append("<rect width=\"12\" height=\"12\" y=\"-10\" class=\"bar-us\"/><text x=\"18\">our gives</text>")
            .Append("<rect x=\"110\" width=\"12\" height=\"12\" y=\"-10\" class=\"bar-them\"/><text x=\"128\">their moves (gets)</text></g>");

        var top = 30;
        foreach (var panel in panels)
        {
            Panel(svg, top, panel.Key.Term, panel.ToList());
            top += PanelHeight;
        }

        svg.Append("</svg>");
        return (svg.ToString(), text);
    }

    /// <summary>A give's step (a move to a new level counts the distance moved); a get's amount when it is a size.</summary>
    private static Amount? SizeOf(Deal deal, Move move) =>
        move.IsGive ? deal.SizeOf(move) : move.AmountIsLevel ? null : move.Amount;

    private static void Panel(StringBuilder svg, int top, Term term, List<Step> steps)
    {
        var unit = steps[0].Size;
        var max = steps.Max(s => s.Size.Value);
        var slot = Math.Min(MaxSlot, (Width - Left - 16) / steps.Count);
        var bar = Math.Max(8, slot - 14);
        var baseline = top + PlotTop + PlotHeight;
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"chart-panel\" data-term=\"{Escape(term.ToWireName())}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{top + 20}\" class=\"chart-term\">{Escape(Title(term, unit))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left - 6}\" y1=\"{baseline}\" x2=\"{Width - 12}\" y2=\"{baseline}\" class=\"chart-axis\"/>");

        var ours = new List<string>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var h = Math.Max(2, (int)Math.Round(step.Size.Value / max * PlotHeight));
            var x = Left + (i * slot);
            var side = step.Move.IsGive ? "us" : "them";
            var label = $"#{step.Move.Number} {(step.Move.IsGive ? "our give" : "their move")}: {step.Move.Description} — {step.Size}";
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"chart-step\" data-move=\"{step.Move.Number}\" data-side=\"{side}\"><title>{Escape(label)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{baseline - h}\" width=\"{bar}\" height=\"{h}\" class=\"bar-{side}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (bar / 2)}\" y=\"{baseline - h - 4}\" class=\"chart-value\" text-anchor=\"middle\">{Escape(step.Size.ToString())}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (bar / 2)}\" y=\"{baseline + 14}\" class=\"chart-label\" text-anchor=\"middle\">#{step.Move.Number} {side}</text></g>");
            if (step.Move.IsGive)
            {
                ours.Add(string.Create(CultureInfo.InvariantCulture, $"{x + (bar / 2)},{baseline - h}"));
            }
        }

        // Joining the tops of our steps makes the trend (shrinking, growing) the first thing the eye sees.
        if (ours.Count > 1)
        {
            svg.Append("<polyline class=\"chart-trend\" points=\"").Append(string.Join(' ', ours)).Append("\"/>");
        }

        svg.Append("</g>");
    }

    private static string Title(Term term, Amount unit)
    {
        var name = term.ToDisplayName();
        name = char.ToUpperInvariant(name[0]) + name[1..];
        var what = unit.Kind switch
        {
            AmountKind.Money => unit.Unit,
            AmountKind.Percent => "%",
            _ => unit.Unit,
        };
        return $"{name} ({what})";
    }

    private static string Describe(Term term, Amount unit, List<Step> steps)
    {
        var ours = steps.Where(s => s.Move.IsGive).Select(s => s.Size).ToList();
        var theirs = steps.Where(s => s.Move.IsGet).Select(s => s.Size).ToList();
        return $"{Title(term, unit)}: our steps {Sequence(ours)}; their steps {Sequence(theirs)}.";
    }

    private static string Sequence(List<Amount> sizes)
    {
        if (sizes.Count == 0)
        {
            return "none";
        }

        var text = string.Join(" → ", sizes);
        if (sizes.Count == 1)
        {
            return text;
        }

        var pairs = sizes.Zip(sizes.Skip(1)).ToList();
        var trend = pairs.All(p => p.Second.Value < p.First.Value) ? "shrinking"
            : pairs.All(p => p.Second.Value > p.First.Value) ? "growing"
            : "mixed";
        return $"{text} ({trend})";
    }

    internal static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
