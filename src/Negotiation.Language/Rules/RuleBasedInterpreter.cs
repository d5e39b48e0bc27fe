using System.Text;
using System.Text.RegularExpressions;

using Negotiation.Conversations.Language;
using Negotiation.Domain.Moves;
using Negotiation.Language.Amounts;
using Negotiation.Language.Grammar;
using Negotiation.Language.Terms;

namespace Negotiation.Language.Rules;

/// <summary>
/// The offline interpreter: person, polarity, modality and conditional cues read by hand-written rules.
/// It prefers "other" when unsure, because a false give is noise in the channel.
/// </summary>
public sealed partial class RuleBasedInterpreter : IMessageInterpreter
{
    private static readonly string[] Logistics =
    [
        "call", "meeting", "sync", "demo", "intro", "update", "heads-up", "feedback", "deck", "slides", "agenda", "recap",
        "notes", "email", "look", "shot", "try", "ring", "ping", "chance", "thought", "thoughts", "hand", "ride", "lunch",
        "coffee", "dinner", "shout", "shoutout", "minute", "second", "while", "walkthrough", "tour",
    ];

    /// <inheritdoc />
    public ValueTask<Interpretation> InterpretAsync(string text, InterpretationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Interpret(AsThey(text, context.Counterparty), context.Today));
    }

    /// <summary>
    /// The counterparty named ("northwind agreed…", "Northwind Health's team") reads as "they", so their moves
    /// aren't taken for ours. The full name and its first word both count.
    /// </summary>
    internal static string AsThey(string text, string? counterparty)
    {
        var name = counterparty?.Trim();
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(name) || name.Length > 100)
        {
            return text;
        }

        var first = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var names = first.Length >= 3 && !string.Equals(first, name, StringComparison.OrdinalIgnoreCase)
            ? Regex.Escape(name) + "|" + Regex.Escape(first)
            : Regex.Escape(name);
        return Regex.Replace(
            text,
            $@"\b(?:{names})\b('s\b|’s\b)?",
            m => m.Groups[1].Success ? "their" : "they",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(250));
    }

    /// <summary>Reads one message. Never throws for any text; a message over <see cref="MessageText.MaxLength"/> characters is read from its start.</summary>
    public static Interpretation Interpret(string? text, DateOnly today)
    {
        try
        {
            return InterpretNormalised(MessageText.Normalise(text), today);
        }
        catch (RegexMatchTimeoutException)
        {
            return Interpretation.Nothing with { Confidence = 0.5 };
        }
    }

    internal static Interpretation InterpretNormalised(string norm, DateOnly today) => Read(norm, today).Interpretation;

    /// <summary>
    /// The interpretation, and what each clause says in a few tokens ("_give_ours_", "_get_theirs_negated_",
    /// "_trade_if_") for the classifier to weigh beside the words: both from one pass over the clauses.
    /// </summary>
    internal static (Interpretation Interpretation, string ClauseSignals) Read(string norm, DateOnly today)
    {
        if (norm.Length == 0)
        {
            return (Interpretation.Nothing, "");
        }

        var amounts = AmountExtractor.Extract(norm, today);
        var labelled = LabelCue().IsMatch(norm) && !TheirLabel().IsMatch(norm);

        var candidates = new List<Candidate>();
        var clauses = new List<(ClauseReading Reading, string Text, bool Linked)>();
        var signals = new StringBuilder();
        foreach (var (sentence, question) in MessageText.Sentences(norm))
        {
            if (ReadConditional(sentence, question) is { } conditional)
            {
                candidates.Add(conditional);
                signals.Append(" _").Append(conditional.Label.ToString().ToLowerInvariant()).Append("_if_");
                continue;
            }

            foreach (var (clause, linked) in SplitClauses(sentence))
            {
                var reading = ClauseReader.Read(clause, question);
                clauses.Add((reading, clause, linked));
                candidates.Add(FromClause(reading, clause, today));
                AppendSignal(signals, reading, linked);
            }
        }

        // "we gave them net-60 and in return they agreed to a two-year term": a give and a linked get make a trade.
        var give = candidates.FirstOrDefault(c => c.Label == MessageLabel.Give);
        var linkedGet = clauses.FirstOrDefault(c => c.Linked && c.Reading.Act == Act.Get && !c.Reading.Negated);
        if (give is not null && linkedGet.Reading is not null)
        {
            candidates.Add(give with
            {
                Label = MessageLabel.Trade,
                Confidence = Math.Min(give.Confidence, 0.85),
                GetText = GetPhrase(linkedGet.Reading),
            });
        }

        // "they asked for net-60 and we gave it to them": the give's object is their ask.
        ResolvePronounGive(candidates, clauses, today);

        var best = candidates.OrderByDescending(c => Rank(c.Label)).ThenByDescending(c => c.Confidence).FirstOrDefault();
        if (best is null || best.Label == MessageLabel.Other)
        {
            var confidence = candidates.Count == 0 ? 0.95 : candidates.Min(c => c.Confidence);
            // Amounts still say whether they are a position, for callers that already know the label (/deal give).
            var mentions = AmountExtractor.Find(norm, today);
            return (new Interpretation(MessageLabel.Other, confidence, TermDetector.Detect(norm, amounts), amounts, AmountIsLevel: mentions.Count > 0 && mentions[0].IsLevel, Labelled: labelled), signals.ToString());
        }

        var focus = best.FocusText ?? norm;
        var focusMentions = AmountExtractor.Find(focus, today);
        var term = TermDetector.Detect(focus, [.. focusMentions.Select(m => m.Amount)]);
        if (term == Term.Other)
        {
            term = TermDetector.Detect(norm, amounts);
        }

        return (new Interpretation(
            best.Label,
            best.Confidence,
            term,
            amounts,
            AmountIsLevel: focusMentions.Count > 0 && focusMentions[0].IsLevel,
            Labelled: labelled && best.Label is MessageLabel.Give or MessageLabel.Trade or MessageLabel.Proposal,
            GiveText: best.GiveText,
            GetText: best.GetText), signals.ToString());
    }

    private static int Rank(MessageLabel label) => label switch
    {
        MessageLabel.Trade => 5,
        MessageLabel.Give => 4,
        MessageLabel.Proposal => 3,
        MessageLabel.Get => 2,
        _ => 1,
    };

    private static Candidate FromClause(ClauseReading r, string text, DateOnly today)
    {
        var evidence = HasEvidence(text, today);
        switch (r.Act)
        {
            case Act.Give when r.Side != Side.Theirs:
                if (r.Negated)
                {
                    return Candidate.Other(0.85);
                }

                if (IsLogistics(r))
                {
                    return Candidate.Other(0.8);
                }

                if (!evidence)
                {
                    // A give verb with nothing we can name ("we gave it a go", "we agreed"): not enough to call a give.
                    return Candidate.Other(r.Object.Any() ? 0.6 : 0.7, pronounGive: r);
                }

                if (r.Hypothetical)
                {
                    return new Candidate(MessageLabel.Proposal, r.Side == Side.Ours ? 0.8 : 0.65, VerbPhrases.FromClause(r), null, text);
                }

                var confidence = r.Side == Side.Ours && r.ExplicitSubject ? (r.Reported ? 0.85 : 0.9) : 0.75;
                return new Candidate(MessageLabel.Give, confidence, VerbPhrases.FromClause(r), null, text);

            case Act.Get when r.Side == Side.Theirs:
                if (r.Negated)
                {
                    return Candidate.Other(0.8);
                }

                if (r.Hypothetical)
                {
                    return Candidate.Other(0.65);
                }

                var getConfidence = !r.ExplicitSubject ? 0.65 : r.HasObject && evidence ? 0.9 : 0.75;
                return new Candidate(MessageLabel.Get, getConfidence, null, GetPhrase(r), text);

            case Act.Ask:
                return Candidate.Other(0.85, ask: r);

            default:
                // "what about net-45?", "how about 5% off?": weighing an amount with no verb.
                if (r.Hypothetical && r.Side != Side.Theirs && !r.Negated && r.VerbIndex < 0 && AmountExtractor.Find(text, today).Count > 0)
                {
                    return new Candidate(MessageLabel.Proposal, 0.6, null, null, text);
                }

                return Candidate.Other(r.Negated ? 0.85 : 0.95);
        }
    }

    /// <summary>A sentence with a condition: "we'll do net-45 if they sign for 3 years", "if you commit to 2 years we'll drop to $90k".</summary>
    private static Candidate? ReadConditional(string sentence, bool question)
    {
        var m = LeadingCondition().Match(sentence);
        if (!m.Success)
        {
            m = TrailingCondition().Match(sentence);
        }

        if (!m.Success)
        {
            return null;
        }

        var connector = m.Groups["conn"].Value.ToLowerInvariant();
        var mainText = m.Groups["main"].Value.Trim(' ', ',');
        var condText = m.Groups["cond"].Value.Trim(' ', ',');
        var main = ClauseReader.Read(mainText, question);
        var cond = ClauseReader.Read(condText);
        var nounCondition = connector is "in exchange for" or "in return for" or "contingent on" or "subject to";

        var ourGive = main.Act == Act.Give && main.Side != Side.Theirs && !IsLogistics(main) && (!main.Negated || connector == "unless");
        var theirGet = (cond.Act == Act.Get && !cond.Negated) || (nounCondition && cond.Act != Act.Ask && cond.Side != Side.Ours);
        if (ourGive && theirGet)
        {
            var getText = cond.Act == Act.Get ? GetPhrase(cond) : VerbPhrases.Askable(condText);
            var confidence = question ? 0.75 : nounCondition ? 0.85 : 0.9;
            return new Candidate(MessageLabel.Trade, confidence, VerbPhrases.FromClause(main), getText, mainText);
        }

        if (ourGive)
        {
            // A give held in reserve: "if they push back, we can go to 8%", "we'd do net-45 if needed".
            return new Candidate(MessageLabel.Proposal, 0.7, VerbPhrases.FromClause(main), null, mainText);
        }

        if (cond.Act == Act.Give && cond.Side != Side.Theirs && !cond.Negated)
        {
            if (main.Side == Side.Theirs && main.Act == Act.Get && question)
            {
                // "If we do net-45, could you sign for 3 years?": a trade drafted for them.
                return new Candidate(MessageLabel.Trade, 0.75, VerbPhrases.FromClause(cond), GetPhrase(main), condText);
            }

            if (main.Side == Side.Theirs)
            {
                // Their condition on us ("they'll only sign if we give them net-60") is an ask, not our move.
                return Candidate.Other(0.75);
            }

            return new Candidate(MessageLabel.Proposal, 0.7, VerbPhrases.FromClause(cond), null, condText);
        }

        return null;
    }

    private static void ResolvePronounGive(List<Candidate> candidates, List<(ClauseReading Reading, string Text, bool Linked)> clauses, DateOnly today)
    {
        var pronounGive = candidates.FirstOrDefault(c => c.PronounGive is not null);
        var ask = candidates.FirstOrDefault(c => c.Ask is { Side: Side.Theirs });
        if (pronounGive?.PronounGive is not { } give || ask?.Ask is not { } theirAsk || clauses.Count == 0)
        {
            return;
        }

        var objectWords = give.Object.Select(w => w.ToLowerInvariant()).ToList();
        if (give.Negated || give.Hypothetical || objectWords.Count == 0 || !objectWords.All(w => ClauseReader.IsPronounObject(w) || w is "to" or "for"))
        {
            return;
        }

        var asked = string.Join(' ', theirAsk.Object.SkipWhile(w => w.Equals("for", StringComparison.OrdinalIgnoreCase) || w.Equals("us", StringComparison.OrdinalIgnoreCase)));
        if (asked.Length == 0 || !HasEvidence(asked, today))
        {
            return;
        }

        var phrase = VerbPhrases.FromClause(ClauseReader.Read($"we {give.Lemma} them {asked}"));
        candidates.Add(new Candidate(MessageLabel.Give, 0.75, phrase, null, asked));
    }

    private static string? GetPhrase(ClauseReading reading) =>
        VerbPhrases.FromClause(reading) is { } phrase ? VerbPhrases.ToSecondPerson(phrase) : null;

    private static bool HasEvidence(string text, DateOnly today) =>
        TermDetector.Detect(text) != Term.Other || AmountExtractor.Find(text, today).Count > 0;

    private static void AppendSignal(StringBuilder signals, ClauseReading r, bool linked)
    {
        if (r.Act == Act.None && !r.Negated)
        {
            return;
        }

        signals.Append(" _").Append(r.Act.ToString().ToLowerInvariant()).Append('_').Append(r.Side.ToString().ToLowerInvariant())
            .Append(r.Negated ? "_negated" : "").Append(r.Hypothetical ? "_considered" : "").Append(r.Reported ? "_reported" : "")
            .Append(linked ? "_linked" : "").Append('_');
    }

    private static bool IsLogistics(ClauseReading r)
    {
        var head = r.Object.Take(4).Select(w => w.ToLowerInvariant());
        return head.Any(w => Logistics.Contains(w));
    }

    private static IEnumerable<(string Clause, bool Linked)> SplitClauses(string sentence)
    {
        foreach (var part in ClauseBreak().Split(sentence))
        {
            var clause = part.Trim(' ', ',', ':');
            if (clause.Length == 0)
            {
                continue;
            }

            var linked = LinkWords().Match(clause);
            yield return linked.Success ? (clause[linked.Length..].Trim(' ', ','), true) : (clause, false);
        }
    }

    private sealed record Candidate(MessageLabel Label, double Confidence, string? GiveText, string? GetText, string? FocusText)
    {
        public ClauseReading? PronounGive { get; init; }

        public ClauseReading? Ask { get; init; }

        public static Candidate Other(double confidence, ClauseReading? pronounGive = null, ClauseReading? ask = null) =>
            new(MessageLabel.Other, confidence, null, null, null) { PronounGive = pronounGive, Ask = ask };
    }

    [GeneratedRegex(@"^(?:(?:so|ok|okay|and|but|then|fyi)\s+)?(?<conn>if|as long as|provided(?: that)?|so long as|assuming|on condition that|in exchange for|in return for|once)\s+(?<cond>.+?)(?:\s*,\s*(?:then\s+)?|\s+then\s+|\s+(?=(?:we|i)\s))(?<main>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex LeadingCondition();

    [GeneratedRegex(@"^(?<main>.+?)(?:\s*,)?\s+(?<conn>but only if|only if|if|unless|as long as|so long as|provided(?: that)?|on condition that|on the condition that|assuming|in exchange for|in return for|contingent on|subject to|once)\s+(?<cond>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex TrailingCondition();

    [GeneratedRegex(@"\s*,?\s+(?:but|and|so|then|because|while|whereas|although|though|plus)\s+(?=(?:in return|in exchange|we|i|they|you|the customer|procurement|customer|client)\b)|\s*[,:]\s+(?=(?:in return|in exchange|we|i|they|you)\b)|\s+(?=in return\b|in exchange\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"^(?:and\s+)?in (?:return|exchange)\b,?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex LinkWords();

    [GeneratedRegex(@"\b(?:meaningful|significant|big|huge|major|real|serious|substantial|large|massive)\s+(?:move|concession|step|give)\b|\bto be clear\b|\b(?:do|did) not (?:normally|usually|typically) do this\b|\bnever do this\b|\bexception for (?:you|them)\b|\bone-?time\b|\bstretch for us\b|\b(?:hard|painful|not easy|tough) for us\b|\bfought for\b|\bhad to go to (?:my|our) (?:vp|cfo|boss|ceo|manager)\b|\bfirst time we\b|\bspecial approval\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex LabelCue();

    [GeneratedRegex(@"\b(?:they|procurement|the customer)\s+(?:said|say|called|think|claim)\b.{0,40}\b(?:move|concession)\b|\bfor them\b.{0,20}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex TheirLabel();
}
