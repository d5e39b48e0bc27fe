using Negotiation.Conversations.Language;
using Negotiation.Domain.Moves;
using Negotiation.Language.Grammar;

// The folder (and so the namespace) shares the port's result type name.
using Result = Negotiation.Conversations.Language.Rephrasing;

namespace Negotiation.Language.Rephrasing;

/// <summary>Rewrites a give as "If we {X}, could you {Y}?" with rules, and refuses rather than write a malformed sentence.</summary>
public sealed class TemplateRephraser : IRephraser
{
    /// <summary>Longest give or ask rephrased: longer text is a paragraph, not a move.</summary>
    public const int MaxPartLength = 300;

    private static readonly System.Buffers.SearchValues<char> CodeCharacters = System.Buffers.SearchValues.Create("(){}=;<>\\");

    private static readonly System.Buffers.SearchValues<char> MarkupCharacters = System.Buffers.SearchValues.Create("{}=;\\");

    private static readonly string[] Connectors =
    [
        " if ", " as long as ", " provided ", " on condition that ", " on the condition that ", " in exchange for ", " in return for ", " so long as ", " once ", " could you ", " can you ",
        " would you ", " will you ", ", could ", ", can ",
    ];

    /// <summary>What to ask for when the deal names nothing we want.</summary>
    public const string GenericAsk = "commit to something of equal value (name what you want in return)";

    /// <inheritdoc />
    public ValueTask<Result> RephraseAsync(RephraseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Rephrase(request));
    }

    /// <summary>
    /// What to rephrase for a chat message: the interpreter's X when it found one, else the message; Y from the
    /// interpreter, else a condition about them in the message ("… if they sign by Friday"), else the deal's asks.
    /// </summary>
    public static RephraseRequest RequestFor(string message, Interpretation understood, IReadOnlyList<string> asks)
    {
        ArgumentNullException.ThrowIfNull(understood);
        var get = understood.GetText;
        var give = understood.GiveText;
        if (get is not null && give is not null && (give.Contains(get, StringComparison.OrdinalIgnoreCase) || get.Contains(give, StringComparison.OrdinalIgnoreCase)))
        {
            // The same words can't be both what we give and what we ask for: the reader mixed them up.
            get = null;
        }

        get ??= understood.Label == MessageLabel.Trade ? GiveFocus.Condition(MessageText.Normalise(message)) : null;
        return new RephraseRequest(give ?? message, get, asks);
    }

    /// <summary>The sentence for <paramref name="request"/>, or the reason it cannot be written well.</summary>
    public static Result Rephrase(RephraseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return RephraseCore(request);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return Result.Refused("I can't rephrase that: the text is too unusual to read reliably.");
        }
    }

    private static Result RephraseCore(RephraseRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Give))
        {
            return Result.Refused("I can't rephrase an empty give.");
        }

        if (request.Give.Length > MaxPartLength)
        {
            return Result.Refused($"I can't rephrase that: the give is over {MaxPartLength} characters. Log the move in a few words.");
        }

        var x = GivePhrase(request.Give, request.Get, out var refusal, out var attachedGet);
        if (x is null)
        {
            return Result.Refused(refusal);
        }

        var asks = (request.Asks ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
        string? y;
        if (!string.IsNullOrWhiteSpace(request.Get))
        {
            y = AskPhrase(request.Get);
        }
        else if (asks.Count >= 2)
        {
            var first = AskPhrase(asks[0]);
            var second = AskPhrase(asks[1]);
            y = first is null || second is null ? null : first + " and " + second;
        }
        else if (asks.Count == 1)
        {
            y = AskPhrase(asks[0]);
        }
        else
        {
            // "we'll throw in support if they sign for 3 years": the give already names what we want.
            y = attachedGet is not null ? AskPhrase(attachedGet) ?? GenericAsk : GenericAsk;
        }

        if (y is not null && string.Equals(y, x, StringComparison.OrdinalIgnoreCase))
        {
            // Asking for what we give back would be nonsense: the reader took our give for their get.
            y = attachedGet is not null && AskPhrase(attachedGet) is { } attached && !string.Equals(attached, x, StringComparison.OrdinalIgnoreCase) ? attached : GenericAsk;
        }

        if (y is null)
        {
            return Result.Refused("I can't turn what you want in return into something to ask for. Name it as an action, e.g. \"sign by Friday\".");
        }

        if (x.Length > MaxPartLength || y.Length > MaxPartLength)
        {
            return Result.Refused("I can't rephrase that: it is too long to say in one sentence.");
        }

        return Result.Of(x, y);
    }

    private static string? GivePhrase(string give, string? get, out string refusal, out string? attachedGet)
    {
        refusal = "";
        attachedGet = null;
        if (LooksLikeMarkup(give))
        {
            refusal = "I can't rephrase that: it looks like code or markup, not a move.";
            return null;
        }

        var text = MessageText.Normalise(give);
        var sentence = GiveFocus.Of(text);
        if (get is not null && GiveFocus.WithoutGet(sentence, MessageText.Normalise(get)) is { } withoutGet)
        {
            sentence = withoutGet;
        }
        if (sentence.StartsWith("if ", StringComparison.OrdinalIgnoreCase))
        {
            sentence = sentence[3..];
        }

        // The rephraser writes its own condition: drop one already attached ("… if they sign by Friday").
        var (cut, connector) = IndexOfCondition(sentence);
        if (cut > 0)
        {
            var condition = sentence[(cut + connector.Length)..].Trim();
            if (connector.Contains("you", StringComparison.Ordinal) || connector is " in exchange for " or " in return for " || condition.StartsWith("they ", StringComparison.OrdinalIgnoreCase) || condition.StartsWith("you ", StringComparison.OrdinalIgnoreCase))
            {
                attachedGet = condition;
            }

            sentence = sentence[..cut].TrimEnd(' ', ',');
        }

        var words = MessageText.Words(sentence);
        if (words.Count == 0)
        {
            refusal = "I can't rephrase an empty give.";
            return null;
        }

        if (words.Any(LooksLikeCode))
        {
            refusal = "I can't rephrase that: it looks like code or markup, not a move.";
            return null;
        }

        var reading = ClauseReader.Read(sentence);
        if (reading.Side == Side.Theirs && reading.ExplicitSubject)
        {
            refusal = "That reads as their move, not ours, so there is no give to rephrase.";
            return null;
        }

        if (reading.Negated)
        {
            refusal = "That reads as something we did not give, so there is nothing to rephrase.";
            return null;
        }

        string? phrase;
        if (reading.VerbIndex >= 0 && LeadsToVerb(reading))
        {
            phrase = VerbPhrases.FromClause(reading);
        }
        else
        {
            phrase = FromNounPhrase(words);
            if (phrase is null)
            {
                refusal = "I can't find the action in that give. Write it as what we do, e.g. \"extend payment terms to net-60\".";
                return null;
            }
        }

        if (string.IsNullOrWhiteSpace(phrase))
        {
            refusal = "I can't find the action in that give.";
            return null;
        }

        if (!phrase.Contains(' ', StringComparison.Ordinal) && phrase is not ("budge" or "cave" or "concede" or "compromise"))
        {
            refusal = "I can't rephrase that: it doesn't say what we give.";
            return null;
        }

        phrase = VerbPhrases.ToSecondPerson(phrase);
        var firstWord = phrase.Split(' ')[0].ToLowerInvariant();
        if (firstWord is "we" or "i" or "if" or "could" or "you")
        {
            refusal = "I can't rephrase that without repeating words.";
            return null;
        }

        return phrase;
    }

    // The verb found must open the phrase once subject, modals and fillers are set aside; otherwise the
    // words before it would be lost ("onboarding, which we'd throw in" is better read as a noun phrase).
    private static bool LeadsToVerb(ClauseReading reading)
    {
        for (var i = 0; i < reading.VerbIndex; i++)
        {
            var w = reading.Words[i].ToLowerInvariant();
            if (w is not ("we" or "i" or "will" or "would" or "can" or "could" or "are" or "am" or "is" or "have" or "has" or "had"
                or "just" or "also" or "already" or "happy" or "willing" or "to" or "going" or "ok" or "okay" or "so" or "and"
                or "then" or "did" or "do" or "let" or "us" or "told" or "them" or "said" or "that" or "tell" or "say" or "should"
                or "might" or "may" or "able" or "ready" or "decided" or "ahead" or "went" or "our" or "team" or "side" or "finally" or "basically" or "actually" or "yes" or "yeah" or "fine"))
            {
                return false;
            }
        }

        return true;
    }

    private static string? FromNounPhrase(List<string> words)
    {
        var lower = words.Select(w => w.ToLowerInvariant()).ToList();
        var first = lower[0];
        var np = string.Join(' ', words);
        var second = lower.Count > 1 ? lower[1] : "";
        var secondIsDeterminer = second is "the" or "a" or "an" or "our" or "their" or "your" or "it" or "them" or "us" or "you" or "this" or "that";
        if (first.EndsWith("ed", StringComparison.Ordinal) || (first.EndsWith("ing", StringComparison.Ordinal) && secondIsDeterminer))
        {
            // An inflected verb we don't know: we can't put it in its base form reliably.
            return null;
        }

        if (lower.Count > 1 && (lower[1] == "off" || (lower.Count > 2 && lower[2] == "off")) && AmountParser.TryParse(string.Join(' ', words.Take(lower[1] == "off" ? 1 : 2)), DateOnly.MinValue, out _))
        {
            return "take " + np;
        }

        if (AmountParser.TryParse(np, DateOnly.MinValue, out var amount) && amount.Kind == AmountKind.Duration && first.StartsWith("net", StringComparison.Ordinal))
        {
            return "extend payment terms to " + np;
        }

        if (AmountParser.TryParse(np, DateOnly.MinValue, out amount) && amount.Kind == AmountKind.Money)
        {
            return "come down to " + np;
        }

        if (Verbs.IsVerb(first) && !char.IsDigit(first[0]))
        {
            // A verb the lexicon knows but the clause reader did not take as the main verb ("send the contract early").
            return Verbs.Lemma(first) + (words.Count > 1 ? " " + string.Join(' ', words.Skip(1)) : "");
        }

        if (first is "we" or "i" or "they" or "you" or "if" or "could" or "can" or "would" or "will")
        {
            return null;
        }

        if (secondIsDeterminer)
        {
            // "fast-track the security review": an unknown word before a determiner is most likely the verb.
            return np;
        }

        return "offer " + np;
    }

    private static string? AskPhrase(string item)
    {
        if (item.Length > MaxPartLength)
        {
            return null;
        }

        if (LooksLikeMarkup(item))
        {
            return null;
        }

        var phrase = VerbPhrases.Askable(item);
        if (phrase is null)
        {
            return null;
        }

        var firstWord = phrase.Split(' ')[0].ToLowerInvariant();
        return firstWord is "could" or "you" or "we" or "if" ? null : phrase;
    }

    private static (int Index, string Connector) IndexOfCondition(string sentence)
    {
        var best = (Index: -1, Connector: "");
        foreach (var connector in Connectors)
        {
            var i = sentence.IndexOf(connector, StringComparison.OrdinalIgnoreCase);
            if (i > 0 && (best.Index < 0 || i < best.Index))
            {
                best = (i, connector);
            }
        }

        return best;
    }

    // Raw text, before normalisation strips the tags: "<script>", "</b>", "{...}", "a=b;".
    private static bool LooksLikeMarkup(string raw) =>
        raw.Contains("</", StringComparison.Ordinal) || raw.Contains("<script", StringComparison.OrdinalIgnoreCase) || raw.AsSpan().IndexOfAny(MarkupCharacters) >= 0;

    private static bool LooksLikeCode(string word) => word.AsSpan().IndexOfAny(CodeCharacters) >= 0;
}
