using System.Text.Encodings.Web;
using System.Text.Json;
using Negotiation.Conversations.Outbound;

namespace Negotiation.Bot.Cli;

/// <summary>Output formats of <c>replay</c> and <c>chat</c>.</summary>
public enum OutputFormat
{
    Text,
    Json,
}

/// <summary>Prints the bot's replies: readable text, or JSON Lines with one object per reply part.</summary>
public sealed class ReplyPrinter(TextWriter output, OutputFormat format)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Print(int line, OutboundMessage message, string author)
    {
        foreach (var part in message.Parts)
        {
            if (format == OutputFormat.Json)
            {
                PrintJson(line, part.WireKind, part.Text);
                continue;
            }

            var who = message.Visibility == Visibility.Ephemeral ? $"coach → {author} only" : "coach";
            var lines = part.Text.Split('\n');
            output.WriteLine($"    {who} [{part.WireKind}] {lines[0]}");
            foreach (var rest in lines.Skip(1))
            {
                output.WriteLine("        " + rest);
            }
        }
    }

    public void PrintSaid(TranscriptLine line)
    {
        if (format == OutputFormat.Text)
        {
            output.WriteLine($"{line.Number,3} {line.Author}: {line.Text}");
        }
    }

    public void PrintError(int line, string text)
    {
        if (format == OutputFormat.Json)
        {
            PrintJson(line, "error", text);
        }
        else
        {
            output.WriteLine($"    error: {text}");
        }
    }

    private void PrintJson(int line, string kind, string text) =>
        output.WriteLine(JsonSerializer.Serialize(new JsonLine(line, kind, text), Json));

    private sealed record JsonLine(
        [property: System.Text.Json.Serialization.JsonPropertyName("line")] int Line,
        [property: System.Text.Json.Serialization.JsonPropertyName("kind")] string Kind,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text);
}
