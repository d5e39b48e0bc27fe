namespace Negotiation.Language.Grammar;

/// <summary>A small verb lexicon: base forms, their inflections, and what each verb signals in a deal channel.</summary>
/// <remarks>Deliberately closed: an unknown word is not a verb here, which keeps the rules (and the rephraser) conservative.</remarks>
internal static class Verbs
{
    /// <summary>Verbs by which our side concedes something (given a suitable object).</summary>
    public static readonly HashSet<string> Give = new(StringComparer.Ordinal)
    {
        "give", "offer", "drop", "lower", "reduce", "cut", "discount", "knock", "take", "shave", "throw", "include", "add",
        "waive", "extend", "agree", "accept", "concede", "come", "go", "do", "move", "match", "meet", "honor", "honour",
        "split", "eat", "cover", "absorb", "bump", "upgrade", "let", "grant", "allow", "provide", "sweeten", "comp",
        "commit", "promise", "approve", "budge", "cave", "remove", "forgo", "forego", "skip", "defer", "relax", "loosen",
        "accelerate", "expedite", "shorten", "guarantee", "dedicate", "assign", "say", "settle", "land", "lock", "slash",
        "trim", "increase", "raise", "extend", "double", "halve", "refund", "credit", "freeze", "cap",
    };

    /// <summary>Verbs by which their side gives us something (given their subject).</summary>
    public static readonly HashSet<string> Get = new(StringComparer.Ordinal)
    {
        "agree", "accept", "sign", "countersign", "commit", "confirm", "approve", "pay", "prepay", "extend", "increase",
        "raise", "expand", "buy", "purchase", "renew", "move", "give", "offer", "drop", "concede", "cave", "budge", "come",
        "go", "bump", "up", "upgrade", "add", "introduce", "refer", "provide", "say", "take", "close", "choose", "pick",
        "select", "finalize", "finalise", "execute", "lock", "guarantee", "publish", "do", "be", "settle", "fund", "shorten",
        "remove", "waive", "relax", "loosen", "withdraw", "sweeten", "double", "book",
    };

    /// <summary>Verbs by which a side asks for something: their asks are not moves.</summary>
    public static readonly HashSet<string> Ask = new(StringComparer.Ordinal)
    {
        "want", "ask", "request", "push", "demand", "insist", "need", "expect", "require", "counter", "press", "hope",
        "look", "seek", "propose", "suggest", "balk", "complain", "threaten", "wish", "hint",
    };

    /// <summary>Verbs that frame reported speech: "I told them we'd …".</summary>
    public static readonly HashSet<string> Report = new(StringComparer.Ordinal)
    {
        "tell", "say", "mention", "explain", "inform", "email", "message", "ping", "write", "reply", "respond", "let", "confirm", "signal",
    };

    /// <summary>Verbs of considering: a give under consideration is a proposal.</summary>
    public static readonly HashSet<string> Hedge = new(StringComparer.Ordinal)
    {
        "think", "consider", "wonder", "propose", "suggest", "float", "plan", "debate", "weigh",
    };

    private static readonly string[] BaseForms =
    [
        .. Give, .. Get, .. Ask, .. Report, .. Hedge,
        "keep", "hold", "stay", "make", "get", "have", "put", "start", "launch", "send", "share", "deliver", "ship",
        "run", "host", "serve", "act", "join", "present", "speak", "become", "hit", "reach", "swap", "trade", "walk",
        "call", "review", "check", "try", "help", "use", "see", "know", "work", "wait", "hear", "stand", "sell", "bring",
        "set", "lose", "shut", "begin", "fold", "throw", "respond", "delay", "drop",
    ];

    // Irregular inflections, and regular-looking ones the suffix rules get wrong.
    private static readonly (string Base, string[] Forms)[] Irregular =
    [
        ("give", ["gave", "given"]), ("take", ["took", "taken"]), ("throw", ["threw", "thrown"]), ("come", ["came"]),
        ("go", ["went", "gone", "goes"]), ("do", ["did", "done", "does"]), ("eat", ["ate", "eaten"]), ("meet", ["met"]),
        ("cut", ["cut", "cutting"]), ("let", ["let", "letting"]), ("split", ["split", "splitting"]), ("say", ["said"]),
        ("tell", ["told"]), ("send", ["sent"]), ("keep", ["kept"]), ("hold", ["held"]), ("make", ["made"]),
        ("get", ["got", "gotten", "getting"]), ("have", ["had", "has"]), ("put", ["put", "putting"]), ("run", ["ran", "running"]),
        ("write", ["wrote", "written"]), ("choose", ["chose", "chosen"]), ("pay", ["paid"]), ("prepay", ["prepaid"]),
        ("buy", ["bought"]), ("forgo", ["forwent", "forgone"]), ("forego", ["forewent", "foregone"]), ("commit", ["committed", "committing"]),
        ("refer", ["referred", "referring"]), ("up", ["upped", "upping"]), ("speak", ["spoke", "spoken"]), ("become", ["became"]),
        ("hit", ["hit", "hitting"]), ("sell", ["sold"]), ("bring", ["brought"]), ("set", ["set", "setting"]), ("stand", ["stood"]),
        ("lose", ["lost"]), ("shut", ["shut"]), ("begin", ["began", "begun"]), ("think", ["thought"]), ("see", ["saw", "seen"]),
        ("know", ["knew", "known"]), ("hear", ["heard"]), ("be", ["was", "were", "been", "is", "are", "am", "being"]),
        ("seek", ["sought"]), ("withdraw", ["withdrew", "withdrawn"]), ("comp", ["comped", "comping"]), ("cap", ["capped", "capping"]),
        ("slash", ["slashes"]), ("push", ["pushes"]), ("press", ["presses"]), ("wish", ["wishes"]), ("match", ["matches"]),
        ("refund", ["refunded"]), ("double", ["doubled"]), ("halve", ["halved"]),
    ];

    private static readonly Dictionary<string, string> Lemmas = BuildLemmas();

    /// <summary>The base form of a known verb form ("gave" → "give", "throwing" → "throw"), or null.</summary>
    public static string? Lemma(string word)
    {
        return Lemmas.GetValueOrDefault(word.ToLowerInvariant());
    }

    /// <summary>True when <paramref name="word"/> is a known verb in its base form or any inflection.</summary>
    public static bool IsVerb(string word) => Lemma(word) is not null;

    private static Dictionary<string, string> BuildLemmas()
    {
        var lemmas = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var b in BaseForms)
        {
            lemmas.TryAdd(b, b);
        }

        foreach (var (b, forms) in Irregular)
        {
            lemmas[b] = b;
            foreach (var f in forms)
            {
                lemmas[f] = b;
            }
        }

        foreach (var b in BaseForms)
        {
            if (b == "be")
            {
                continue;
            }

            foreach (var f in RegularForms(b))
            {
                lemmas.TryAdd(f, b);
            }
        }

        return lemmas;
    }

    private static IEnumerable<string> RegularForms(string b)
    {
        var last = b[^1];
        var consonantY = last == 'y' && b.Length > 1 && !IsVowel(b[^2]);
        var doubles = b.Length <= 4 && b.Length >= 3 && !IsVowel(last) && last is not ('w' or 'x' or 'y') && IsVowel(b[^2]) && !IsVowel(b[^3]);

        yield return b.EndsWith('s') || b.EndsWith("sh", StringComparison.Ordinal) || b.EndsWith("ch", StringComparison.Ordinal) || last is 'x' or 'z' or 'o'
            ? b + "es"
            : consonantY ? b[..^1] + "ies" : b + "s";

        if (consonantY)
        {
            yield return b[..^1] + "ied";
        }
        else if (last == 'e')
        {
            yield return b + "d";
        }
        else
        {
            yield return doubles ? b + last + "ed" : b + "ed";
        }

        if (b.EndsWith("ie", StringComparison.Ordinal))
        {
            yield return b[..^2] + "ying";
        }
        else if (last == 'e' && !b.EndsWith("ee", StringComparison.Ordinal) && b.Length > 2)
        {
            yield return b[..^1] + "ing";
        }
        else
        {
            yield return doubles ? b + last + "ing" : b + "ing";
        }
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
