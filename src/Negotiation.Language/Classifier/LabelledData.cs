using System.Text.Json;
using Negotiation.Conversations.Language;

namespace Negotiation.Language.Classifier;

/// <summary>A message and its gold label, as read from a JSON Lines data file.</summary>
/// <param name="Templated">True for rows composed by the template generator (<c>"source": "template"</c>), not written by hand.</param>
public sealed record LabelledMessage(string? Id, string Text, MessageLabel Label, bool Templated = false);

/// <summary>A line of a data file that can't be read: its 1-based number and what is wrong.</summary>
public sealed class LabelledDataException(int line, string problem) : Exception($"line {line}: {problem}")
{
    public int Line { get; } = line;
}

/// <summary>Reads <c>{"text": "...", "label": "give|get|trade|proposal|other"}</c> lines; other fields are ignored.</summary>
public static class LabelledData
{
    public static IReadOnlyList<LabelledMessage> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<LabelledMessage>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            rows.Add(Parse(line, number));
        }

        return rows;
    }

    public static IReadOnlyList<LabelledMessage> ReadFile(string path) => Read(File.ReadAllBytes(path));

    /// <summary>Reads a data file's content (UTF-8; invalid bytes throw <see cref="System.Text.DecoderFallbackException"/>).</summary>
    public static IReadOnlyList<LabelledMessage> Read(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content), new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        return Read(reader);
    }

    public static bool TryParseLabel(string? value, out MessageLabel label)
    {
        label = MessageLabel.Other;
        return value is "give" or "get" or "trade" or "proposal" or "other" && Enum.TryParse(value, ignoreCase: true, out label);
    }

    public static string Name(MessageLabel label) => label.ToString().ToLowerInvariant();

    private static LabelledMessage Parse(string line, int number)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new LabelledDataException(number, "not a JSON object");
            }

            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw new LabelledDataException(number, "\"text\" is missing or not a string");
            }

            if (!root.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String || !TryParseLabel(label.GetString(), out var parsed))
            {
                throw new LabelledDataException(number, "\"label\" must be one of give, get, trade, proposal, other");
            }

            var id = root.TryGetProperty("id", out var idValue) ? (idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : idValue.GetRawText()) : null;
            var templated = root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String && source.GetString() == "template";
            return new LabelledMessage(id, text.GetString()!, parsed, templated);
        }
        catch (JsonException e)
        {
            throw new LabelledDataException(number, "not valid JSON (" + e.Message.Split('.')[0] + ")");
        }
    }
}
