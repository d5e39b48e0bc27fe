using System.Text;
using System.Text.Json.Nodes;
using Negotiation.Conversations.Handlers;
using Negotiation.Conversations.Outbound;

namespace Negotiation.Slack.Mapping;

/// <summary>Renders a channel-neutral <see cref="OutboundMessage"/> as Slack Block Kit messages within Slack's limits.</summary>
/// <remarks>
/// Every piece of text that reaches Slack is escaped (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>), bot wording included:
/// replies quote deal names, moves and owners people typed, so nothing in a reply may become a mention or a link.
/// Machine data (action ids, button values) is passed through as is. Output is a pure function of the message.
/// </remarks>
public static class SlackBlockKit
{
    public const int MaxBlocksPerMessage = 50;
    public const int MaxSectionText = 3000;
    public const int MaxHeaderText = 150;
    public const int MaxFieldsPerSection = 10;
    public const int MaxFieldText = 2000;
    public const int MaxButtonText = 75;
    public const int MaxButtonValue = 2000;
    public const int MaxIdLength = 255;
    public const int MaxActionsElements = 25;

    /// <summary>Longest notification fallback we send: Slack allows 40,000, but nobody reads past a screen.</summary>
    public const int MaxFallbackText = 3000;

    /// <summary>Most messages one reply becomes: each post is rate limited to about one a second per channel.</summary>
    public const int MaxMessages = 5;

    public const string TruncatedNote = "…(truncated; /deal export md for the full record)";

    private const string Ellipsis = "…";
    private const string SoftWarningPrefix = "Worth noticing:";

    /// <summary>Escapes text for mrkdwn: <c>&amp;</c> first, then <c>&lt;</c> and <c>&gt;</c>; nothing else is touched.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>The reply as one or more Slack messages (more when it needs over 50 blocks), each with its own fallback text.</summary>
    public static IReadOnlyList<SlackRendered> Render(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var blocks = new List<Placed>();
        for (var i = 0; i < message.Parts.Count; i++)
        {
            blocks.AddRange(RenderPart(message.Parts[i]).Select(b => new Placed(b, i)));
        }

        if (blocks.Count == 0)
        {
            // Nothing renderable (no parts, or only empty text): still a valid message with its fallback.
            return [new SlackRendered(Fallback(message.ToPlainText()), [])];
        }

        var chunks = Chunk(blocks);
        var truncated = chunks.Count > MaxMessages;
        if (truncated)
        {
            chunks.RemoveRange(MaxMessages, chunks.Count - MaxMessages);
            var last = chunks[^1];
            while (last.Count >= MaxBlocksPerMessage || (last.Count > 0 && IsType(last[^1].Block, "divider")))
            {
                last.RemoveAt(last.Count - 1);
            }

            last.Add(new Placed(Context(Escape(TruncatedNote)), last.Count > 0 ? last[^1].Part : 0));
        }

        var rendered = new List<SlackRendered>(chunks.Count);
        var seen = new HashSet<int>();
        foreach (var chunk in chunks)
        {
            string plain;
            if (chunks.Count == 1)
            {
                plain = message.ToPlainText();
            }
            else
            {
                var parts = chunk.Select(b => b.Part).Distinct().ToList();
                plain = string.Join("\n\n", parts.Select(p => (seen.Contains(p) ? "(continued) " : "") + message.Parts[p].Text));
                seen.UnionWith(parts);
            }

            rendered.Add(new SlackRendered(Fallback(plain), new JsonArray(chunk.Select(b => (JsonNode?)b.Block).ToArray())));
        }

        return rendered;
    }

    private static List<JsonObject> RenderPart(ReplyPart part)
    {
        var blocks = new List<JsonObject>();
        var body = part.Text ?? "";
        if (!string.IsNullOrWhiteSpace(part.Title))
        {
            blocks.Add(Header(part.Title));
            body = WithoutTitle(body, part.Title);
        }

        if (part.Kind == ReplyKind.AlignSummary && part.Sections.Count > 0)
        {
            AddSections(blocks, part.Sections);
        }
        else if (part.Table is { } table)
        {
            AddTable(blocks, table, body);
        }
        else
        {
            AddText(blocks, Mrkdwn(part, body));
        }

        AddFields(blocks, part.Fields);
        AddButtons(blocks, part.Buttons);
        return blocks;
    }

    /// <summary>The body as mrkdwn lines: escaped text with the kind's marker and light emphasis.</summary>
    private static List<string> Mrkdwn(ReplyPart part, string body)
    {
        var lines = SplitLines(body).Select(Escape).ToList();
        if (lines.Count == 0)
        {
            return lines;
        }

        switch (part.Kind)
        {
            case ReplyKind.Warning when body.TrimStart().StartsWith(SoftWarningPrefix, StringComparison.Ordinal):
                lines[0] = "💡 _" + SoftWarningPrefix + "_" + lines[0].TrimStart()[SoftWarningPrefix.Length..];
                break;
            case ReplyKind.Warning:
                var colon = lines[0].IndexOf(": ", StringComparison.Ordinal);
                lines[0] = colon is > 0 and <= 40
                    ? "⚠️ *" + lines[0][..(colon + 1)] + "*" + lines[0][(colon + 1)..]
                    : "⚠️ " + lines[0];
                break;
            case ReplyKind.TradeLogged:
                lines[0] = "🤝 " + lines[0];
                break;
            case ReplyKind.Error:
                lines[0] = "❗ " + lines[0];
                break;
            case ReplyKind.ReciprocityPrompt:
                for (var i = 0; i < lines.Count; i++)
                {
                    if (lines[i].StartsWith("Try: ", StringComparison.Ordinal))
                    {
                        lines[i] = "*Try:* " + lines[i]["Try: ".Length..];
                    }
                }

                break;
        }

        return lines;
    }

    private static void AddText(List<JsonObject> blocks, List<string> mrkdwnLines)
    {
        foreach (var text in Pack(mrkdwnLines, continued: null))
        {
            blocks.Add(Section(text));
        }
    }

    /// <summary>The Align summary: a section per titled group, bullet lines, dividers between groups.</summary>
    private static void AddSections(List<JsonObject> blocks, IReadOnlyList<Section> sections)
    {
        for (var i = 0; i < sections.Count; i++)
        {
            if (i > 0)
            {
                blocks.Add(Divider());
            }

            var title = "*" + Escape(sections[i].Title) + "*";
            var lines = new List<string> { title };
            lines.AddRange(sections[i].Lines.SelectMany(SplitLines).Select(l => "• " + Escape(l)));
            foreach (var text in Pack(lines, continued: title + " (continued)"))
            {
                blocks.Add(Section(text));
            }
        }
    }

    /// <summary>
    /// The ledger as section fields, one per row (Slack has no table block in messages): the first two columns as the
    /// row's heading, the others labelled beneath it, the last (the status) in italics.
    /// </summary>
    private static void AddTable(List<JsonObject> blocks, LedgerTable table, string body)
    {
        var fields = table.Rows.Select(row => Cell(table, row)).ToList();
        foreach (var group in fields.Chunk(MaxFieldsPerSection))
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray(group.Select(f => (JsonNode?)MrkdwnText(f)).ToArray()),
            });
        }

        // The plain text is the title, a line per row and a footer; show the footer when the text has that shape.
        var lines = SplitLines(body);
        if (lines.Count == table.Rows.Count + 1 && lines[^1].Trim().Length > 0)
        {
            blocks.Add(Context(Truncate(Escape(lines[^1]), MaxSectionText)));
        }
    }

    private static string Cell(LedgerTable table, IReadOnlyList<string> row)
    {
        var text = new StringBuilder();
        text.Append('*').Append(Escape(row.Count > 0 ? row[0] : "")).Append('*');
        if (row.Count > 1)
        {
            text.Append(' ').Append(Escape(row[1]));
        }

        var details = new List<string>();
        for (var i = 2; i < row.Count - 1; i++)
        {
            if (row[i].Length > 0)
            {
                details.Add(i < table.Headers.Count ? Escape(table.Headers[i]) + ": " + Escape(row[i]) : Escape(row[i]));
            }
        }

        if (details.Count > 0)
        {
            text.Append('\n').Append(string.Join(" · ", details));
        }

        if (row.Count > 2 && row[^1].Length > 0)
        {
            text.Append("\n_").Append(Escape(row[^1])).Append('_');
        }

        return Truncate(text.ToString(), MaxFieldText);
    }

    private static void AddFields(List<JsonObject> blocks, IReadOnlyList<Field> fields)
    {
        foreach (var group in fields.Chunk(MaxFieldsPerSection))
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray(group
                    .Select(f => (JsonNode?)MrkdwnText(Truncate("*" + Escape(f.Label) + "*\n" + Escape(f.Value), MaxFieldText)))
                    .ToArray()),
            });
        }
    }

    private static void AddButtons(List<JsonObject> blocks, IReadOnlyList<ReplyButton> buttons)
    {
        foreach (var group in buttons.Chunk(MaxActionsElements))
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(group.Select(b => (JsonNode?)Button(b)).ToArray()),
            });
        }
    }

    private static JsonObject Button(ReplyButton button)
    {
        var element = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(Truncate(Escape(button.Label.Length > 0 ? button.Label : button.ActionId), MaxButtonText)),
            ["action_id"] = Cut(button.ActionId, MaxIdLength),
        };
        if (button.Value.Length > 0)
        {
            element["value"] = Cut(button.Value, MaxButtonValue);
        }

        if (button.ActionId == CoachingReplies.LogGetAction)
        {
            element["style"] = "primary";
        }

        // A link button opens the page in the browser; Slack still sends the click, which the dispatcher ignores.
        if (button.Url is { } url)
        {
            element["url"] = url.AbsoluteUri;
        }

        return element;
    }

    /// <summary>
    /// Packs lines into section texts of at most 3,000 characters: whole lines where they fit, a line longer than a
    /// section split across several. <paramref name="continued"/> heads every section after the first.
    /// </summary>
    private static List<string> Pack(List<string> lines, string? continued)
    {
        if (continued is not null && continued.Length > MaxSectionText / 2)
        {
            continued = null;
        }

        var fresh = MaxSectionText - (continued is null ? 0 : continued.Length + 1);
        var texts = new List<string>();
        var current = new StringBuilder();
        foreach (var line in lines)
        {
            var rest = line;
            while (rest.Length > 0)
            {
                var separator = current.Length > 0 ? 1 : 0;
                if (current.Length + separator + rest.Length <= MaxSectionText)
                {
                    current.Append(separator > 0 ? "\n" : "").Append(rest);
                    break;
                }

                // A line that fits a fresh section moves there whole; a longer one fills this section first.
                var room = MaxSectionText - current.Length - separator;
                if (HasContent() && (rest.Length <= fresh || room < 200))
                {
                    Flush();
                    continue;
                }

                var cut = SafeLength(rest, room);
                if (cut == 0)
                {
                    cut = Math.Min(rest.Length, room);
                }

                current.Append(separator > 0 ? "\n" : "").Append(rest[..cut]);
                rest = rest[cut..];
                Flush();
            }
        }

        if (HasContent())
        {
            texts.Add(current.ToString());
        }

        return texts;

        bool HasContent() => current.Length > 0 && current.ToString() != continued && current.ToString().Trim().Length > 0;

        void Flush()
        {
            if (HasContent())
            {
                texts.Add(current.ToString());
            }

            current.Clear();
            if (continued is not null)
            {
                current.Append(continued);
            }
        }
    }

    /// <summary>Splits blocks into messages of at most 50, never ending a message on a header or divider.</summary>
    private static List<List<Placed>> Chunk(List<Placed> blocks)
    {
        var chunks = new List<List<Placed>>();
        var current = new List<Placed>();
        foreach (var block in blocks)
        {
            if (current.Count == MaxBlocksPerMessage)
            {
                var carry = new List<Placed>();
                while (current.Count > 1 && (IsType(current[^1].Block, "header") || IsType(current[^1].Block, "divider")))
                {
                    carry.Insert(0, current[^1]);
                    current.RemoveAt(current.Count - 1);
                }

                chunks.Add(current);
                current = carry.Where(b => !IsType(b.Block, "divider")).ToList();
            }

            if (current.Count == 0 && IsType(block.Block, "divider"))
            {
                continue;
            }

            current.Add(block);
        }

        if (current.Count > 0)
        {
            chunks.Add(current);
        }

        return chunks;
    }

    private static JsonObject Header(string title) => new()
    {
        ["type"] = "header",
        ["text"] = PlainText(Truncate(Escape(SingleLine(title)), MaxHeaderText)),
    };

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = MrkdwnText(mrkdwn),
    };

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(MrkdwnText(mrkdwn)),
    };

    private static JsonObject Divider() => new() { ["type"] = "divider" };

    // verbatim: Slack must not turn bare names or URLs in people's text into links or mentions either.
    private static JsonObject MrkdwnText(string text) => new() { ["type"] = "mrkdwn", ["text"] = text, ["verbatim"] = true };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static bool IsType(JsonObject block, string type) => (string?)block["type"] == type;

    private static string Fallback(string plain)
    {
        var text = Truncate(Escape(plain.Trim()), MaxFallbackText);
        return text.Length > 0 ? text : "(empty reply)";
    }

    private static string WithoutTitle(string body, string title) =>
        body == title ? "" : body.StartsWith(title + "\n", StringComparison.Ordinal) ? body[(title.Length + 1)..] : body;

    private static List<string> SplitLines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0).ToList();

    private static string SingleLine(string text) => string.Join(' ', SplitLines(text).Select(l => l.Trim()));

    /// <summary>Shortens escaped text to <paramref name="max"/> characters ending in an ellipsis, never splitting an entity or a surrogate pair.</summary>
    internal static string Truncate(string escaped, int max) =>
        escaped.Length <= max ? escaped : escaped[..SafeLength(escaped, max - Ellipsis.Length)] + Ellipsis;

    /// <summary>Cuts raw (unescaped) machine data to a length, keeping surrogate pairs whole.</summary>
    private static string Cut(string raw, int max) => raw.Length <= max ? raw : raw[..SafeLength(raw, max, entities: false)];

    /// <summary>The longest prefix length ≤ <paramref name="max"/> that ends neither inside an entity nor between surrogates.</summary>
    private static int SafeLength(string text, int max, bool entities = true)
    {
        var length = Math.Min(max, text.Length);
        if (length < text.Length && length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        if (entities && length < text.Length)
        {
            var amp = text.LastIndexOf('&', Math.Max(length - 1, 0));
            if (amp >= 0 && amp >= length - 4)
            {
                var semicolon = text.IndexOf(';', amp);
                if (semicolon < 0 || semicolon >= length)
                {
                    length = amp;
                }
            }
        }

        return length;
    }

    /// <summary>A block and the index of the part it came from (for each message's fallback text).</summary>
    private readonly record struct Placed(JsonObject Block, int Part);
}
