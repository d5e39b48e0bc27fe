namespace Negotiation.Bot.Cli;

/// <summary>One line of a transcript: who said what, and whether it is a <c>/deal</c> command.</summary>
public sealed record TranscriptLine(int Number, string Author, string Text)
{
    public bool IsCommand => Text.StartsWith("/deal", StringComparison.OrdinalIgnoreCase) && (Text.Length == 5 || char.IsWhiteSpace(Text[5]));

    /// <summary>For a command, what follows <c>/deal</c>.</summary>
    public string CommandText => IsCommand ? Text[5..].Trim() : "";
}

/// <summary>
/// The transcript format: UTF-8, one message per line as <c>Name: text</c>; blank lines and lines starting with
/// <c>#</c> are ignored.
/// </summary>
public static class Transcript
{
    /// <summary>Reads one line; null for a line to skip; an error message in <paramref name="problem"/> for a malformed one.</summary>
    public static TranscriptLine? ParseLine(int number, string line, out string? problem)
    {
        problem = null;
        var text = line.Trim();
        if (text.Length == 0 || text.StartsWith('#'))
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1 || text[..colon].Trim().Length == 0)
        {
            problem = $"Line {number}: expected \"Name: text\".";
            return null;
        }

        return new TranscriptLine(number, text[..colon].Trim(), text[(colon + 1)..].Trim());
    }
}
