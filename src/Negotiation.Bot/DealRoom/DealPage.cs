using System.Globalization;
using System.Net;
using System.Text;

namespace Negotiation.Bot.DealRoom;

/// <summary>The read-only deal view (<c>/deals/{id}</c>), rendered on the server: no script, nothing fetched from elsewhere.</summary>
public static class DealPage
{
    /// <summary>Only this host's own files; nothing from any other origin, no framing, no referrer (the link carries a token).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void Secure(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers.CacheControl = "no-store";
    }

    /// <summary>A refusal page: the reason and what to do, and nothing about any deal.</summary>
    public static IResult Refused(int status, string title, string explanation)
    {
        var html = Page(title, $"<main class=\"refused\"><h1>{E(title)}</h1><p>{E(explanation)}</p></main>");
        return new HtmlResult(status, html);
    }

    public static IResult View(DealView deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var b = new StringBuilder();
        b.Append("<main class=\"readonly\"><header class=\"deal-head\"><h1>").Append(E(deal.Name)).Append("</h1><p class=\"badges\">")
            .Append(Badge("Type", deal.Type)).Append(Badge("Phase", deal.Phase))
            .Append(deal.Counterparty is null ? "" : Badge("With", deal.Counterparty))
            .Append("</p><p class=\"muted\">Read-only view · started by ").Append(E(deal.StartedBy)).Append(" on ")
            .Append(deal.StartedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</p></header>");

        b.Append("<section aria-labelledby=\"ledger-h\"><h2 id=\"ledger-h\">Trade ledger</h2>");
        if (deal.Trades.Count == 0)
        {
            b.Append("<p class=\"muted\">No trades yet.</p>");
        }
        else
        {
            b.Append("<ul class=\"trades\">");
            foreach (var trade in deal.Trades)
            {
                b.Append("<li class=\"trade\"><span class=\"gives\">").Append(string.Join(" + ", trade.Gives.Select(Move)))
                    .Append("</span> <span class=\"arrow\" aria-label=\"traded for\">⇄</span> <span class=\"gets\">")
                    .Append(string.Join(" + ", trade.Gets.Select(Move))).Append("</span></li>");
            }

            b.Append("</ul>");
        }

        b.Append("<table class=\"ledger\"><caption>Every give and get</caption><thead><tr>");
        foreach (var h in deal.Ledger.Headers)
        {
            b.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
        }

        b.Append("</tr></thead><tbody>");
        foreach (var row in deal.Ledger.Rows)
        {
            b.Append("<tr>").Append(string.Concat(row.Select(c => "<td>" + E(c) + "</td>"))).Append("</tr>");
        }

        b.Append("</tbody></table></section>");

        b.Append("<section aria-labelledby=\"open-h\"><h2 id=\"open-h\">Open gives</h2>");
        b.Append(deal.OpenGives.Count == 0
            ? "<p class=\"muted\">None: every give has something in return.</p>"
            : "<ul>" + string.Concat(deal.OpenGives.Select(m => "<li>" + Move(m) + "</li>")) + "</ul>");
        b.Append("</section>");

        b.Append("<section aria-labelledby=\"chart-h\"><h2 id=\"chart-h\">Concession chart</h2><div class=\"chart\">").Append(deal.ChartSvg)
            .Append("</div><p class=\"chart-summary\">").Append(E(deal.ChartSummary)).Append("</p></section>");

        b.Append("<section aria-labelledby=\"plan-h\"><h2 id=\"plan-h\">Plan</h2><ul>");
        foreach (var t in deal.Plan.Terms)
        {
            b.Append("<li>").Append(E(t.Term)).Append(": ").Append(E(string.Join(", ", new[] { t.Opening is null ? null : "opening " + t.Opening, t.Target is null ? null : "target " + t.Target, t.Walkaway is null ? null : "walkaway " + t.Walkaway }.Where(x => x is not null)))).Append("</li>");
        }

        foreach (var w in deal.Plan.WantedGets)
        {
            b.Append("<li>want: ").Append(E(w.Item)).Append(w.Value is null ? "" : " (worth " + E(w.Value) + ")").Append(w.Got ? " — got it" : "").Append("</li>");
        }

        foreach (var g in deal.Plan.PossibleGives)
        {
            b.Append("<li>could give: ").Append(E(g.Item)).Append(g.Cost is null ? "" : " (costs " + E(g.Cost) + ")").Append("</li>");
        }

        b.Append("</ul></section>");

        if (deal.Align is { } align)
        {
            b.Append("<section aria-labelledby=\"align-h\" class=\"align\"><h2 id=\"align-h\">").Append(E(align.Title)).Append("</h2>");
            foreach (var s in align.Sections)
            {
                b.Append("<h3>").Append(E(s.Title)).Append("</h3><ul>").Append(string.Concat(s.Lines.Select(l => "<li>" + E(l) + "</li>"))).Append("</ul>");
            }

            b.Append("</section>");
        }

        b.Append("</main>");
        return new HtmlResult(StatusCodes.Status200OK, Page(deal.Name + " — deal", b.ToString()));
    }

    private static string Move(MoveView m) =>
        $"#{m.Number} {E(m.Description)}" + (m.Value is null ? "" : $" <span class=\"value\">({(m.Side == "us" ? "costs" : "worth")} {E(m.Value)})</span>");

    private static string Badge(string label, string value) => $"<span class=\"badge\"><span class=\"badge-label\">{E(label)}</span> {E(value)}</span> ";

    private static string Page(string title, string body) =>
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"referrer\" content=\"no-referrer\"><title>" + E(title) + " · Negotiation Coach</title>"
        + "<link rel=\"stylesheet\" href=\"/static/room.css\"></head><body class=\"page\">" + body + "</body></html>";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private sealed class HtmlResult(int status, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            Secure(httpContext.Response);
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            return httpContext.Response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
