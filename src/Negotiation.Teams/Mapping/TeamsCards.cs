using System.Text;
using System.Text.Json.Nodes;
using Negotiation.Conversations.Handlers;
using Negotiation.Conversations.Outbound;

namespace Negotiation.Teams.Mapping;

/// <summary>
/// Renders a channel-neutral <see cref="OutboundMessage"/> as Adaptive Cards (schema 1.5, what Teams renders),
/// each card under 80 KB (Teams refuses bot messages near 100 KB, counted in UTF-16), split into several cards when
/// larger. People's text goes into <c>TextRun</c>s and table cells, which Teams does not read as markdown, so a deal
/// name can't become a link. Output is a pure function of the message.
/// </summary>
public static class TeamsCards
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";

    /// <summary>A card's JSON in UTF-16 stays under this (80 KB less room for the activity around it).</summary>
    public const int MaxCardBytes = 78 * 1024;

    /// <summary>Most cards one reply becomes; past that the rest is cut with a note.</summary>
    public const int MaxCards = 5;

    /// <summary>Lines per rich text block, so one long section can still be split between cards.</summary>
    private const int LinesPerBlock = 40;

    public const string TruncatedNote = "…(truncated; @Coach export md for the full record)";

    /// <summary>Button labels for Teams, shorter than the neutral ones.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [CoachingReplies.LogGetAction] = "Log what we got",
        [CoachingReplies.NotAGiveAction] = "Not a give",
        [CoachingReplies.QuietAction] = "Quiet here",
    };

    /// <summary>The reply as one or more cards.</summary>
    public static IReadOnlyList<JsonObject> Render(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var elements = message.Parts.SelectMany(RenderPart).ToList();
        if (elements.Count == 0)
        {
            elements.Add(Text(message.ToPlainText().Trim() is { Length: > 0 } plain ? plain : "(empty reply)"));
        }

        var cards = new List<JsonObject>();
        var current = new List<JsonObject>();
        foreach (var element in elements)
        {
            if (current.Count > 0 && Size(Card([.. current, element])) > MaxCardBytes)
            {
                cards.Add(Card(current));
                current = [Subtle("(continued)")];
            }

            current.Add(Size(Card([element])) > MaxCardBytes ? Text(Shorten(PlainOf(element), MaxCardBytes / 4)) : element);
        }

        cards.Add(Card(current));
        if (cards.Count > MaxCards)
        {
            cards.RemoveRange(MaxCards, cards.Count - MaxCards);
            var body = (JsonArray)cards[^1]["body"]!;
            while (body.Count > 1 && Size(cards[^1]) + 2048 > MaxCardBytes)
            {
                body.RemoveAt(body.Count - 1);
            }

            body.Add(Subtle(TruncatedNote));
        }

        return cards;
    }

    /// <summary>An Adaptive Card around the given body elements.</summary>
    public static JsonObject Card(IEnumerable<JsonNode> body) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = Version,
        ["body"] = new JsonArray(body.Select(b => (JsonNode?)(b.Parent is null ? b : b.DeepClone())).ToArray()),
    };

    /// <summary>The card as a Bot Framework attachment.</summary>
    public static JsonObject Attachment(JsonObject card) => new() { ["contentType"] = ContentType, ["content"] = card };

    /// <summary>How big a card is as Teams counts it (UTF-16 bytes of its JSON).</summary>
    public static int Size(JsonObject card) => Encoding.Unicode.GetByteCount(card.ToJsonString());

    /// <summary>The prompt after one of its buttons was used: what was given, and what happened, with no buttons left.</summary>
    public static JsonObject Resolved(string title, string? give, string outcome)
    {
        var body = new List<JsonNode> { Title(title) };
        if (!string.IsNullOrEmpty(give))
        {
            body.Add(Text(give));
        }

        body.Add(Text("✔ " + outcome));
        return Card(body);
    }

    /// <summary>"Log what we got": the prompt becomes a small form; its submit records a get against the give.</summary>
    public static JsonObject LogGetForm(string value, string? give, string? error = null)
    {
        var body = new List<JsonNode> { Title("What did they give in return?") };
        if (!string.IsNullOrEmpty(give))
        {
            body.Add(Text(give));
        }

        body.Add(new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = LogGetInput,
            ["label"] = "What they gave",
            ["placeholder"] = "e.g. a two-year term",
            ["isRequired"] = true,
            ["maxLength"] = 500,
            ["errorMessage"] = "Say what they gave.",
        });
        if (error is not null)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = error, ["color"] = "Attention", ["wrap"] = true });
        }

        body.Add(Actions([Execute(LogGetSubmitVerb, "Log it", new JsonObject { ["action"] = LogGetSubmitVerb, ["value"] = value, ["give"] = give })]));
        return Card(body);
    }

    public const string LogGetInput = "got";
    public const string LogGetSubmitVerb = "log_get_submit";

    /// <summary>A card with a title and plain lines (message-action results, greetings).</summary>
    public static JsonObject Simple(string? title, params string[] lines)
    {
        var body = new List<JsonNode>();
        if (!string.IsNullOrEmpty(title))
        {
            body.Add(Title(title));
        }

        body.AddRange(lines.Where(l => l.Length > 0).Select(l => (JsonNode)Text(l)));
        return Card(body);
    }

    private static IEnumerable<JsonObject> RenderPart(ReplyPart part)
    {
        var body = part.Text ?? "";
        if (!string.IsNullOrWhiteSpace(part.Title))
        {
            yield return Title(part.Title);
            body = body == part.Title ? "" : body.StartsWith(part.Title + "\n", StringComparison.Ordinal) ? body[(part.Title.Length + 1)..] : body;
        }

        if (part.Kind == ReplyKind.AlignSummary && part.Sections.Count > 0)
        {
            foreach (var section in part.Sections)
            {
                var heading = Title(section.Title, size: "Default");
                heading["separator"] = true;
                yield return heading;
                foreach (var block in section.Lines.SelectMany(SplitLines).Chunk(LinesPerBlock))
                {
                    yield return Rich(block.Select(l => "• " + l));
                }
            }
        }
        else if (part.Table is { } table)
        {
            yield return Table(table);
            var lines = SplitLines(body);
            if (lines.Count == table.Rows.Count + 1 && lines[^1].Trim().Length > 0)
            {
                yield return Subtle(lines[^1]);
            }
        }
        else
        {
            foreach (var block in Marked(part, SplitLines(body)).Chunk(LinesPerBlock))
            {
                yield return Rich(block);
            }
        }

        if (part.Fields.Count > 0)
        {
            yield return new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(part.Fields.Select(f => (JsonNode?)new JsonObject { ["title"] = f.Label, ["value"] = f.Value }).ToArray()),
            };
        }

        if (part.Buttons.Count > 0)
        {
            var give = part.Fields.FirstOrDefault(f => f.Label == "Give")?.Value;
            yield return Actions(part.Buttons.Select(b => Execute(
                b.ActionId,
                Labels.GetValueOrDefault(b.ActionId, b.Label),
                new JsonObject { ["action"] = b.ActionId, ["value"] = b.Value, ["give"] = give })));
        }
    }

    /// <summary>The kind's marker on the first line, as on Slack.</summary>
    private static List<string> Marked(ReplyPart part, List<string> lines)
    {
        if (lines.Count == 0)
        {
            return lines;
        }

        lines[0] = part.Kind switch
        {
            ReplyKind.Warning when lines[0].StartsWith("Worth noticing:", StringComparison.Ordinal) => "💡 " + lines[0],
            ReplyKind.Warning => "⚠️ " + lines[0],
            ReplyKind.TradeLogged => "🤝 " + lines[0],
            ReplyKind.Error => "❗ " + lines[0],
            _ => lines[0],
        };
        return lines;
    }

    private static JsonObject Table(LedgerTable table)
    {
        var columns = Math.Max(1, table.Headers.Count);
        var rows = new JsonArray { Row(table.Headers, columns) };
        foreach (var row in table.Rows)
        {
            rows.Add(Row(row, columns));
        }

        return new JsonObject
        {
            ["type"] = "Table",
            ["columns"] = new JsonArray(Enumerable.Range(0, columns).Select(_ => (JsonNode?)new JsonObject { ["width"] = 1 }).ToArray()),
            ["rows"] = rows,
            ["firstRowAsHeaders"] = true,
            ["showGridLines"] = true,
        };
    }

    private static JsonObject Row(IReadOnlyList<string> cells, int columns) => new()
    {
        ["type"] = "TableRow",
        ["cells"] = new JsonArray(Enumerable.Range(0, columns).Select(i => (JsonNode?)new JsonObject
        {
            ["type"] = "TableCell",
            ["items"] = new JsonArray(Rich([i < cells.Count ? cells[i] : ""])),
        }).ToArray()),
    };

    private static JsonObject Execute(string verb, string title, JsonObject data) => new()
    {
        ["type"] = "Action.Execute",
        ["title"] = title,
        ["verb"] = verb,
        ["data"] = data,
        // Older and mobile clients without Universal Actions send a message activity with the same data instead.
        ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data.DeepClone() },
    };

    private static JsonObject Actions(IEnumerable<JsonObject> actions) => new()
    {
        ["type"] = "ActionSet",
        ["actions"] = new JsonArray(actions.Select(a => (JsonNode?)a).ToArray()),
    };

    private static JsonObject Title(string text, string size = "Medium") => new()
    {
        ["type"] = "RichTextBlock",
        ["inlines"] = new JsonArray(new JsonObject { ["type"] = "TextRun", ["text"] = SingleLine(text), ["weight"] = "Bolder", ["size"] = size }),
    };

    /// <summary>Plain text (a TextRun: never markdown) as one block.</summary>
    private static JsonObject Text(string text) => Rich(SplitLines(text));

    private static JsonObject Subtle(string text) => new()
    {
        ["type"] = "RichTextBlock",
        ["inlines"] = new JsonArray(new JsonObject { ["type"] = "TextRun", ["text"] = text, ["isSubtle"] = true, ["size"] = "Small" }),
    };

    /// <summary>Lines as rich text, one block per line (a newline inside a TextRun is not a line break everywhere); "Try:" in bold.</summary>
    private static JsonObject Rich(IEnumerable<string> lines)
    {
        var blocks = lines.Select(Line).ToList();
        return blocks.Count == 1 ? blocks[0] : new JsonObject { ["type"] = "Container", ["items"] = new JsonArray([.. blocks]) };
    }

    private static JsonObject Line(string line)
    {
        var inlines = new JsonArray();
        if (line.StartsWith("Try: ", StringComparison.Ordinal))
        {
            inlines.Add(new JsonObject { ["type"] = "TextRun", ["text"] = "Try: ", ["weight"] = "Bolder" });
            inlines.Add(new JsonObject { ["type"] = "TextRun", ["text"] = line["Try: ".Length..] });
        }
        else
        {
            inlines.Add(new JsonObject { ["type"] = "TextRun", ["text"] = line });
        }

        return new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = inlines, ["spacing"] = "None" };
    }

    /// <summary>The text of a rendered element, for the rare element too large for any card.</summary>
    private static string PlainOf(JsonObject element) =>
        string.Join("\n", element.DescendantsText().DefaultIfEmpty("(too large to show)"));

    private static IEnumerable<string> DescendantsText(this JsonNode node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextRun" => [(string?)o["text"] ?? ""],
        JsonObject o => o.Select(p => p.Value).Where(v => v is not null).SelectMany(v => v!.DescendantsText()),
        JsonArray a => a.Where(v => v is not null).SelectMany(v => v!.DescendantsText()),
        _ => [],
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1)] + "…";

    private static List<string> SplitLines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0).ToList();

    private static string SingleLine(string text) => string.Join(' ', SplitLines(text).Select(l => l.Trim()));
}
