namespace Negotiation.Language.Grammar;

/// <summary>Whose action a clause reports.</summary>
internal enum Side
{
    Unknown,
    Ours,
    Theirs,
}

/// <summary>What the main verb of a clause does, as far as concessions go.</summary>
internal enum Act
{
    None,
    Give,
    Get,
    Ask,
}

/// <summary>What the rules read from one clause.</summary>
/// <param name="Act">What the main verb does.</param>
/// <param name="Side">Whose action it is.</param>
/// <param name="Negated">A negation governs the verb or empties its object ("we did not agree", "we gave them nothing").</param>
/// <param name="Hypothetical">The act is considered, not done ("should we", "we could", "maybe we", "I think we").</param>
/// <param name="Reported">The act came inside reported speech ("I told them we'd …").</param>
/// <param name="ExplicitSubject">A subject was written (not "gave them net-60").</param>
/// <param name="Words">The clause's words, as written.</param>
/// <param name="VerbIndex">Index of the main verb in <paramref name="Words"/>, or -1.</param>
/// <param name="Lemma">Base form of the main verb.</param>
internal sealed record ClauseReading(
    Act Act,
    Side Side,
    bool Negated,
    bool Hypothetical,
    bool Reported,
    bool ExplicitSubject,
    IReadOnlyList<string> Words,
    int VerbIndex,
    string Lemma)
{
    public static ClauseReading Empty(IReadOnlyList<string> words) => new(Act.None, Side.Unknown, false, false, false, false, words, -1, "");

    /// <summary>The words after the main verb.</summary>
    public IEnumerable<string> Object => VerbIndex < 0 ? [] : Words.Skip(VerbIndex + 1);

    public bool HasObject => Object.Any(w => !ClauseReader.IsPronounObject(w.ToLowerInvariant()));
}

/// <summary>Reads the subject, main verb, modality and polarity of a single clause with a closed word list.</summary>
internal static class ClauseReader
{
    private static readonly HashSet<string> OurSubjects = new(StringComparer.Ordinal) { "we", "i" };

    private static readonly HashSet<string> TheirSubjects = new(StringComparer.Ordinal)
    {
        "they", "you", "customer", "customers", "client", "procurement", "buyer", "buyers", "cfo", "cio", "cto", "ceo",
        "legal", "finance", "prospect", "champion", "purchasing", "sourcing",
    };

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "ok", "okay", "so", "and", "but", "also", "fyi", "update", "well", "then", "yeah", "yes", "great", "good", "news",
        "btw", "just", "alright", "right", "cool", "anyway", "hmm", "quick", "note", "k", "kk", "fine", "sure", "honestly",
        "basically", "actually", "finally", "oh", "ah", "hey", "team", "folks", "all", "guys", "heads", "up", "re", "fwiw",
        "sadly", "unfortunately", "luckily", "anyhow", "now",
    };

    // Words that may sit between a subject and its verb without changing who acts.
    private static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "will", "would", "can", "could", "shall", "should", "may", "might", "must", "just", "also", "already", "finally",
        "then", "now", "really", "actually", "basically", "still", "only", "to", "gonna", "going", "happy", "willing",
        "able", "ready", "prepared", "decided", "eventually", "ultimately", "officially", "verbally", "tentatively",
        "definitely", "probably", "ahead", "and", "even", "have", "has", "had", "do", "did", "does", "are", "is", "am",
        "was", "were", "be", "been", "being", "ended", "end", "ending", "need", "needs", "want", "wants", "open", "ok", "okay", "fine",
    };

    private static readonly HashSet<string> Modals = new(StringComparer.Ordinal)
    {
        "could", "might", "may", "should", "would", "shall", "need", "needs", "want", "wants", "open", "happy", "willing",
    };

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "never", "no", "hardly", "refuse", "refused", "refusing", "declined", "decline", "nope",
    };

    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "our", "their", "the", "a", "an", "my", "your", "this", "that", "his", "her", "its", "big", "final", "best", "new",
        "another", "first", "last", "latest", "initial", "revised", "counter", "of", "same", "any", "no", "every",
    };

    private static readonly string[] NegationPhrases =
    [
        "no way", "held firm", "hold firm", "holding firm", "stood firm", "held the line", "hold the line", "holding the line",
        "pushed back", "push back", "pushing back", "turned down", "turn down", "said no", "not going to", "walked away",
        "rejected", "nothing doing", "out of the question",
    ];

    private static readonly string[] NeutralisedNegations =
    [
        "no problem", "no worries", "no charge", "no cost", "no extra cost", "no additional cost", "no extra charge",
        "no-brainer", "not normally", "do not normally", "do not usually", "never do this", "never done this",
        "not usually", "not something we usually", "not only", "no later than", "not later than", "if not",
    ];

    private static readonly string[] HedgePrefixes =
    [
        "what if", "how about", "what about", "maybe", "perhaps", "i think", "i wonder", "thinking", "considering",
        "should we", "could we", "can we", "shall we", "would we", "do we", "are we ok", "are we okay", "would it",
        "is it worth", "worth", "option", "idea", "plan is", "the plan is", "i propose", "i suggest", "we propose",
        "proposal", "let us", "any objection", "ok to", "okay to", "can i", "could i", "should i", "i would",
    ];

    private static readonly string[] FactQuestionPrefixes = ["did we", "have we", "had we", "were we", "was i", "did i", "have i", "has anyone", "did they", "have they"];

    /// <summary>Reads one clause (no sentence punctuation, contractions already expanded).</summary>
    public static ClauseReading Read(string clause, bool question = false) => Read(MessageText.Words(clause), question, reported: false, depth: 0);

    public static bool IsPronounObject(string lower) => lower is "them" or "us" or "you" or "it" or "him" or "her" or "that" or "this" or "me";

    /// <summary>True when the clause opens by weighing an option rather than reporting one.</summary>
    public static bool StartsWithHedge(string lowerClause) => HedgePrefixes.Any(p => StartsWithPhrase(lowerClause, p));

    /// <summary>True when a question asks about something done, not something to do ("did we give them net-60?").</summary>
    public static bool IsFactQuestion(string lowerClause) => FactQuestionPrefixes.Any(p => StartsWithPhrase(lowerClause, p));

    private static ClauseReading Read(List<string> words, bool question, bool reported, int depth)
    {
        var lower = words.Select(w => w.ToLowerInvariant()).ToList();
        var start = 0;
        while (start < lower.Count && Fillers.Contains(lower[start]) && !(lower[start] == "up" && start > 0 && lower[start - 1] != "heads"))
        {
            start++;
        }

        var joined = string.Join(' ', lower.Skip(start));
        var hedged = StartsWithHedge(joined) || (question && !IsFactQuestion(joined));
        var negatedPhrase = HasNegationPhrase(joined);

        if (question && IsFactQuestion(joined))
        {
            // "did we give them net-60?", "have they signed?": asking what happened reports nothing.
            return ClauseReading.Empty(words);
        }

        var verb = FindVerb(lower, start);
        if (verb < 0)
        {
            return ClauseReading.Empty(words) with { Negated = negatedPhrase, Hypothetical = hedged, Reported = reported };
        }

        var lemma = Verbs.Lemma(lower[verb])!;
        var (side, subjectIndex) = SubjectBefore(lower, start, verb);

        // Reported speech and considering: read the embedded clause ("I told them we'd drop to $92k", "I think we should offer 5%").
        if (depth < 2 && (Verbs.Report.Contains(lemma) || Verbs.Hedge.Contains(lemma)) && EmbeddedSubject(lower, verb) is var embedded and >= 0)
        {
            var inner = Read(words.Skip(embedded).ToList(), question, reported || Verbs.Report.Contains(lemma), depth + 1);
            return Verbs.Hedge.Contains(lemma) ? inner with { Hypothetical = true } : inner;
        }

        var between = lower.Skip(Math.Max(subjectIndex, start)).Take(verb - Math.Max(subjectIndex, start)).ToList();
        var negated = negatedPhrase || between.Any(Negations.Contains) || ObjectIsEmpty(lower, verb);
        var hypothetical = hedged || (between.Any(Modals.Contains) && !(reported && between.Contains("would")))
            || (Verbs.Hedge.Contains(lemma) && side == Side.Ours);

        // The object tells whose act it is when the subject is missing or named: "gave them …" is ours, "gave us …" theirs.
        var next = verb + 1 < lower.Count ? lower[verb + 1] : "";
        if (side == Side.Unknown && next == "them")
        {
            side = Side.Ours;
        }
        else if (side == Side.Unknown && next == "us" && lemma is "give" or "offer")
        {
            side = Side.Theirs;
        }

        // Someone other than a pronoun acts: "our team …" and a colleague by first name ("Dana …") are us; "she …",
        // "Acme …", "Odette at Acme …" are their side.
        var named = false;
        if (side == Side.Unknown)
        {
            var before = words.Skip(start).Take(verb - start).Where(w => !Auxiliaries.Contains(w.ToLowerInvariant()) && !Negations.Contains(w.ToLowerInvariant())).ToList();
            if (before.Any(w => w.Equals("our", StringComparison.OrdinalIgnoreCase)))
            {
                side = Side.Ours;
            }
            else if (before.Any(w => w.ToLowerInvariant() is "he" or "she" || (w.Length > 1 && char.IsUpper(w[0]) && !Names.IsFirstName(w))))
            {
                side = Side.Theirs;
                named = true;
            }
            else if (before.Any(Names.IsFirstName))
            {
                side = Side.Ours;
            }
        }

        var act = Classify(lemma, side, lower, verb);
        return new ClauseReading(act, side, negated, hypothetical, reported, subjectIndex >= 0 && !named, words, verb, lemma);
    }

    private static Act Classify(string lemma, Side side, List<string> lower, int verb)
    {
        var rest = lower.Skip(verb + 1).Take(6).ToList();
        var next = rest.Count > 0 ? rest[0] : "";
        if (Verbs.Ask.Contains(lemma))
        {
            return Act.Ask;
        }

        if (side != Side.Theirs && Verbs.Give.Contains(lemma) && GiveShapeFits(lemma, next, rest))
        {
            return Act.Give;
        }

        if (side == Side.Theirs && Verbs.Get.Contains(lemma) && GetShapeFits(lemma, next, rest))
        {
            return Act.Get;
        }

        return Act.None;
    }

    // Verbs that give only in a particular shape: "go to $92k", "throw in onboarding", "take 8% off", "meet them halfway".
    private static bool GiveShapeFits(string lemma, string next, List<string> rest) => lemma switch
    {
        "go" => next is "to" or "down" or "up" or "lower" || (next == "as" && rest.Contains("low")),
        "come" => next is "down" or "in",
        "take" or "knock" or "shave" => rest.Contains("off"),
        "throw" => next == "in" || (rest.Count > 1 && rest[1] == "in"),
        "meet" => next is "them" or "halfway" or "in" or "you",
        "split" => rest.Contains("difference"),
        "say" => next == "yes" || (next == "ok" && rest.Contains("to")),
        "let" => next == "them" && rest.Count > 1 && rest[1] is "have" or "keep" or "use" or "pay" or "off" or "skip",
        "move" => next is "to" or "on" or "down" or "up",
        "land" or "settle" => next is "at" or "on",
        "bump" => !rest.Contains("price") && !rest.Contains("rate"),
        "agree" or "accept" or "concede" or "cave" or "budge" or "approve" => true,
        _ => next.Length > 0,
    };

    private static bool GetShapeFits(string lemma, string next, List<string> rest) => lemma switch
    {
        "give" or "offer" or "provide" => rest.Contains("us"),
        "go" => next is "up" or "with" or "to" or "for",
        "come" => next is "up" or "around" or "round" or "back" && rest.Contains("to"),
        "be" => false,
        "move" => next is "to" or "up" or "on" or "forward",
        "say" => next == "yes",
        "take" => next is "the" or "our" or "it" or "that",
        "do" or "up" or "bump" or "add" or "expand" or "increase" or "raise" or "extend" or "double" => next.Length > 0,
        _ => true,
    };

    private static int FindVerb(List<string> lower, int start)
    {
        for (var i = start; i < lower.Count; i++)
        {
            var w = lower[i];
            if (Verbs.Lemma(w) is not { } lemma || OurSubjects.Contains(w) || TheirSubjects.Contains(w))
            {
                continue;
            }

            // A noun after a determiner ("our offer", "their ask", "the drop") is not a verb.
            if (i > 0 && Determiners.Contains(lower[i - 1]))
            {
                continue;
            }

            // be/have/do before another verb are auxiliaries; "going to", "ended up" are frames.
            if (lemma is "be" or "have" or "do" or "need" or "want" && NextVerbAfterAdverbs(lower, i) >= 0 && !(lemma is "need" or "want" && lower.Skip(i + 1).FirstOrDefault() != "to"))
            {
                continue;
            }

            var following = i + 1 < lower.Count ? lower[i + 1] : "";
            if (lemma == "be" || (lemma == "go" && following == "ahead") || (lemma == "let" && following == "us"))
            {
                continue;
            }

            if (lemma == "up" && i > 0 && lower[i - 1] is "ended" or "end" or "ending" or "heads")
            {
                continue;
            }

            return i;
        }

        return -1;
    }

    private static int NextVerbAfterAdverbs(List<string> lower, int index)
    {
        for (var j = index + 1; j < lower.Count && j <= index + 4; j++)
        {
            var w = lower[j];
            if (Auxiliaries.Contains(w) || Negations.Contains(w))
            {
                if (Verbs.IsVerb(w) && w is not ("have" or "has" or "had" or "do" or "did" or "does" or "are" or "is" or "am" or "was" or "were" or "be" or "been" or "being"))
                {
                    return j;
                }

                continue;
            }

            return Verbs.IsVerb(w) ? j : -1;
        }

        return -1;
    }

    private static (Side Side, int Index) SubjectBefore(List<string> lower, int start, int verb)
    {
        for (var i = verb - 1; i >= start; i--)
        {
            var w = lower[i];
            if (OurSubjects.Contains(w) || (w == "us" && i > 0 && lower[i - 1] == "let"))
            {
                return (Side.Ours, i);
            }

            if (TheirSubjects.Contains(w))
            {
                // "our legal", "our CFO": the role is ours when we own it.
                var owned = (i > start && lower[i - 1] is "our" or "my") || (i > start + 1 && lower[i - 2] is "our" or "my");
                return (owned ? Side.Ours : Side.Theirs, i);
            }
        }

        return (Side.Unknown, -1);
    }

    private static int EmbeddedSubject(List<string> lower, int verb)
    {
        for (var j = verb + 1; j < lower.Count && j <= verb + 4; j++)
        {
            if (OurSubjects.Contains(lower[j]) || lower[j] == "they")
            {
                return j;
            }

            if (lower[j] is not ("them" or "that" or "him" or "her" or "you" or "know" or "the" or "customer" or "procurement" or "client" or "us"))
            {
                return -1;
            }
        }

        return -1;
    }

    private static bool ObjectIsEmpty(List<string> lower, int verb)
    {
        foreach (var w in lower.Skip(verb + 1).Take(3))
        {
            if (w is "nothing" or "no" or "zero" && !(w == "no" && lower.Skip(verb + 2).Take(2).Any(x => x is "charge" or "cost" or "extra" or "additional")))
            {
                return true;
            }

            if (!IsPronounObject(w))
            {
                return false;
            }
        }

        return false;
    }

    private static bool HasNegationPhrase(string lowerClause)
    {
        var text = " " + lowerClause + " ";
        foreach (var neutral in NeutralisedNegations)
        {
            text = text.Replace(" " + neutral + " ", " ", StringComparison.Ordinal);
        }

        return NegationPhrases.Any(p => text.Contains(" " + p + " ", StringComparison.Ordinal));
    }

    private static bool StartsWithPhrase(string text, string phrase) =>
        text.StartsWith(phrase, StringComparison.Ordinal) && (text.Length == phrase.Length || !char.IsLetter(text[phrase.Length]));
}
