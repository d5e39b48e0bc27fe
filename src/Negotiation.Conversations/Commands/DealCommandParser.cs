using System.Text.RegularExpressions;
using Negotiation.Domain.Align;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;

namespace Negotiation.Conversations.Commands;

/// <summary>Parses the text after <c>/deal</c> into a <see cref="DealCommand"/>; never throws on user input.</summary>
public static partial class DealCommandParser
{
    /// <summary>Longer commands are refused: nobody types a 2,000-character slash command on purpose.</summary>
    public const int MaxLength = 2000;

    public static DealCommand Parse(string? text, DateOnly today)
    {
        var input = Clean(text);
        if (input.Length > MaxLength)
        {
            return new InvalidCommand($"That command is {input.Length:N0} characters long; the most I read is {MaxLength:N0}.", CommandUsage.Help);
        }

        if (input.Length == 0)
        {
            return new HelpCommand();
        }

        var space = input.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? input : input[..space]).ToLowerInvariant();
        var rest = space < 0 ? "" : input[(space + 1)..].Trim();

        return verb switch
        {
            "start" => ParseStart(rest),
            "type" => ParseEnum<NegotiationType>(rest, CommandUsage.Type, t => new TypeCommand(t)),
            "phase" => ParsePhase(rest),
            "plan" => ParsePlan(rest, today),
            "give" => Required(rest, CommandUsage.Give, "what we gave", t => new GiveCommand(t)),
            "get" => Required(rest, CommandUsage.Get, "what we got", t => new GetCommand(t)),
            "rephrase" => Required(rest, CommandUsage.Rephrase, "the give to rephrase", t => new RephraseCommand(t)),
            "term" => ParseCommitment(rest, today, CommandUsage.Term, "the term", c => new TermCommand(c)),
            "next" => ParseCommitment(rest, today, CommandUsage.Next, "the step", c => new NextCommand(c)),
            "ledger" => rest.ToLowerInvariant() switch
            {
                "" => new LedgerCommand(),
                "share" => new LedgerCommand(Share: true),
                _ => new InvalidCommand("Say ledger, or ledger share to post it for the channel.", CommandUsage.Ledger),
            },
            "align" => NoArguments(rest, CommandUsage.Align, new AlignCommand()),
            "close" => NoArguments(rest, CommandUsage.Close, new CloseCommand()),
            "quiet" => rest.ToLowerInvariant() switch
            {
                "on" => new QuietCommand(true),
                "off" => new QuietCommand(false),
                _ => new InvalidCommand("Say quiet on or quiet off.", CommandUsage.Quiet),
            },
            "export" => rest.ToLowerInvariant() switch
            {
                "" or "md" or "markdown" => new ExportCommand(ExportFormat.Markdown),
                "csv" => new ExportCommand(ExportFormat.Csv),
                "json" => new ExportCommand(ExportFormat.Json),
                "labels" => new ExportCommand(ExportFormat.Labels),
                _ => new InvalidCommand($"I can export as md, csv, json or labels, not \"{Shorten(rest)}\".", CommandUsage.Export),
            },
            "forget" => rest.ToLowerInvariant() switch
            {
                "" => new ForgetCommand(false),
                "confirm" => new ForgetCommand(true),
                _ => new InvalidCommand("Say forget, then forget confirm to delete the deal.", CommandUsage.Forget),
            },
            "not-a-give" => int.TryParse(rest, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0
                ? new NotAGiveCommand(number)
                : new InvalidCommand("Say which move: the number after #.", CommandUsage.NotAGive),
            "help" or "?" => new HelpCommand(),
            _ => new InvalidCommand($"I don't know the command \"{Shorten(verb)}\".", CommandUsage.Help),
        };
    }

    private static DealCommand ParseStart(string rest)
    {
        if (rest.Length == 0)
        {
            return new InvalidCommand("Give the deal a name.", CommandUsage.Start);
        }

        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 1 && TryParseEnum<NegotiationType>(words[^1], out var type))
        {
            return new StartCommand(string.Join(' ', words[..^1]), type);
        }

        if (words.Length == 1 && TryParseEnum<NegotiationType>(words[0], out _))
        {
            return new InvalidCommand("Give the deal a name before its type.", CommandUsage.Start);
        }

        return rest.Length > 120
            ? new InvalidCommand("Keep the deal name under 120 characters.", CommandUsage.Start)
            : new StartCommand(rest, NegotiationType.Bargaining);
    }

    private static DealCommand ParsePhase(string rest)
    {
        if (!TryParseEnum<Phase>(rest, out var phase) || phase == Phase.Closed)
        {
            return new InvalidCommand(rest.Length == 0 ? "Name the phase." : $"\"{Shorten(rest)}\" isn't a phase.", CommandUsage.Phase);
        }

        return new PhaseCommand(phase);
    }

    private static DealCommand ParsePlan(string rest, DateOnly today)
    {
        if (rest.Length == 0)
        {
            return new ShowPlanCommand();
        }

        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var head = (space < 0 ? rest : rest[..space]).ToLowerInvariant();
        var tail = space < 0 ? "" : rest[(space + 1)..].Trim();
        switch (head)
        {
            case "want":
                return ParseItem(tail, "value", today, CommandUsage.Plan, (item, amount) => new PlanWantCommand(new WantedGet(item, amount)));
            case "offer":
                return ParseItem(tail, "cost", today, CommandUsage.Plan, (item, amount) => new PlanOfferCommand(new PossibleGive(item, amount)));
            case "move":
                return Required(tail, CommandUsage.Plan, "the planned move", t => new PlanMoveCommand(t));
            case "counterparty":
                return Required(tail, CommandUsage.Plan, "the counterparty's name", t => new PlanCounterpartyCommand(t));
        }

        return ParseTermPlan(rest, today);
    }

    private static DealCommand ParseTermPlan(string rest, DateOnly today)
    {
        var first = PlanKeyword().Match(rest);
        var termText = (first.Success ? rest[..first.Index] : rest).Trim();
        if (!TermNames.TryParse(termText, out var term))
        {
            return new InvalidCommand($"\"{Shorten(termText)}\" isn't a term or a plan item. {CommandUsage.Terms}", CommandUsage.Plan);
        }

        if (!first.Success)
        {
            return new InvalidCommand($"Say where {term.ToDisplayName()} opens, the target and the walkaway.", CommandUsage.Plan);
        }

        Amount? opening = null, low = null, high = null, walkaway = null;
        var matches = PlanKeyword().Matches(rest);
        for (var i = 0; i < matches.Count; i++)
        {
            var keyword = matches[i].Groups[1].Value.ToLowerInvariant();
            var end = i + 1 < matches.Count ? matches[i + 1].Index : rest.Length;
            var value = rest[(matches[i].Index + matches[i].Length)..end].Trim();
            if (keyword == "target")
            {
                // One amount ("net-45") or a range ("$95k-$105k", "$95k to $105k").
                if (TryAmount(value, today, out low, out var problem))
                {
                    continue;
                }

                var split = RangeSeparator().Matches(value).FirstOrDefault(m =>
                    TryAmount(value[..m.Index], today, out low, out _) && TryAmount(value[(m.Index + m.Length)..], today, out high, out _));
                if (split is null)
                {
                    return new InvalidCommand(problem, CommandUsage.Plan);
                }

                continue;
            }

            if (!TryAmount(value, today, out var amount, out var error))
            {
                return new InvalidCommand(error, CommandUsage.Plan);
            }

            if (keyword == "opening")
            {
                opening = amount;
            }
            else
            {
                walkaway = amount;
            }
        }

        return new PlanTermCommand(new TermPlan(term, opening, low, high, walkaway));
    }

    private static DealCommand ParseItem(string tail, string keyword, DateOnly today, string usage, Func<string, Amount?, DealCommand> build)
    {
        var at = tail.LastIndexOf(" " + keyword + " ", StringComparison.OrdinalIgnoreCase);
        var item = (at < 0 ? tail : tail[..at]).Trim();
        if (item.Length == 0)
        {
            return new InvalidCommand("Name the item.", usage);
        }

        if (at < 0)
        {
            return build(item, null);
        }

        return TryAmount(tail[(at + keyword.Length + 2)..], today, out var amount, out var problem)
            ? build(item, amount)
            : new InvalidCommand(problem, usage);
    }

    private static DealCommand ParseCommitment(string rest, DateOnly today, string usage, string what, Func<Commitment, DealCommand> build)
    {
        string? dateProblem = null;
        foreach (Match candidate in ClauseKeyword().Matches(rest))
        {
            var tail = rest[candidate.Index..];
            var clauses = ClauseKeyword().Matches(tail);
            string? owner = null;
            DateOnly? due = null;
            var valid = true;
            for (var i = 0; i < clauses.Count && valid; i++)
            {
                var keyword = clauses[i].Groups[1].Value.ToLowerInvariant();
                var end = i + 1 < clauses.Count ? clauses[i + 1].Index : tail.Length;
                var value = tail[(clauses[i].Index + clauses[i].Length)..end].Trim();
                if (keyword == "owner")
                {
                    valid = owner is null && value.Length is > 0 and <= 80;
                    owner = value;
                }
                else if (due is null && DateText.TryParse(value, today, out var date))
                {
                    due = date;
                }
                else
                {
                    dateProblem ??= $"I couldn't read the date \"{Shorten(value)}\". {CommandUsage.Dates}";
                    valid = false;
                }
            }

            var main = rest[..candidate.Index].Trim();
            if (valid && main.Length > 0)
            {
                return build(new Commitment(main, owner, due));
            }
        }

        if (dateProblem is not null)
        {
            return new InvalidCommand(dateProblem, usage);
        }

        return Required(rest, usage, what, t => build(new Commitment(t)));
    }

    private static bool TryAmount(string text, DateOnly today, out Amount? amount, out string problem)
    {
        problem = "";
        if (AmountParser.TryParse(text, today, out var parsed))
        {
            amount = parsed;
            return true;
        }

        amount = null;
        problem = text.Trim().Length == 0
            ? "An amount is missing."
            : $"I couldn't read the amount \"{Shorten(text.Trim())}\". Try $120k, 15%, net-60, 36 months or 10 seats.";
        return false;
    }

    private static DealCommand Required(string rest, string usage, string what, Func<string, DealCommand> build) =>
        rest.Length == 0 ? new InvalidCommand($"Say {what}.", usage) : build(rest);

    private static DealCommand NoArguments(string rest, string usage, DealCommand command) =>
        rest.Length == 0 ? command : new InvalidCommand($"This command takes nothing after it (got \"{Shorten(rest)}\").", usage);

    private static DealCommand ParseEnum<T>(string rest, string usage, Func<T, DealCommand> build)
        where T : struct, Enum =>
        TryParseEnum<T>(rest, out var value)
            ? build(value)
            : new InvalidCommand(rest.Length == 0 ? "Say which one." : $"\"{Shorten(rest)}\" isn't one of them.", usage);

    private static bool TryParseEnum<T>(string text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out value) && !int.TryParse(text, out _) && Enum.IsDefined(value);

    /// <summary>Collapses whitespace and drops control characters, so hostile input can't shape the reply.</summary>
    private static string Clean(string? text) =>
        Whitespace().Replace(new string((text ?? "").Where(c => !char.IsControl(c) || char.IsWhiteSpace(c)).ToArray()), " ").Trim();

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?:^|\s)(opening|target|walkaway|limit)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex PlanKeyword();

    [GeneratedRegex(@"\s*(?:–|-|\bto\b)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex RangeSeparator();

    [GeneratedRegex(@"(?:^|\s)(owner|due)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseKeyword();
}
