using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Negotiation.Language.Grammar;

/// <summary>
/// Names replaced by what they are: a person's first name becomes <see cref="Person"/>, any other capitalised
/// name inside a sentence <see cref="Organisation"/>. The classifier then learns who moved from the words around a name
/// ("_person_ waived…", "_org_'s CFO _person_ agreed…") instead of memorising the names in its training data.
/// </summary>
internal static partial class Names
{
    private static readonly FrozenSet<string> FirstNames = LoadFirstNames();

    private static readonly FrozenSet<string> Calendar = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon", "Tue", "Tues", "Wed", "Thu", "Thurs", "Fri", "Sat", "Sun");

    public const string Person = "_person_";

    public const string Organisation = "_org_";

    /// <summary>A person's first name, in any case ("Dana", "dana"): in a deal channel, most likely a colleague.</summary>
    public static bool IsFirstName(string word) => FirstNames.Contains(word.ToLowerInvariant());

    public static string Mark(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Word().Replace(text, m =>
        {
            var word = m.Value;
            if (IsFirstName(word))
            {
                return Person;
            }

            var capitalised = char.IsUpper(word[0]) && word.Length >= 3 && word.Skip(1).Any(char.IsLower);
            return capitalised && !Calendar.Contains(word) && !StartsSentence(text, m.Index) ? Organisation : word;
        });
    }

    private static bool StartsSentence(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || c is ',' or ';' or '&' or '/')
            {
                return false;
            }

            if (c is '.' or '!' or '?' or ':' or '\n' or '(' or '"' or '-' or '—')
            {
                return true;
            }
        }

        return true;
    }

    private static FrozenSet<string> LoadFirstNames()
    {
        using var stream = typeof(Names).Assembly.GetManifestResourceStream("Negotiation.Language.Grammar.first-names.txt")
            ?? throw new InvalidOperationException("The first-names list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                names.Add(line.Trim());
            }
        }

        return names.ToFrozenSet(StringComparer.Ordinal);
    }

    // A word not glued to a mention or an email ("@dana", "dana@acme.com").
    [GeneratedRegex(@"(?<![@\w.-])\p{L}[\p{L}\p{Mn}]*(?![@\w])", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Word();
}
