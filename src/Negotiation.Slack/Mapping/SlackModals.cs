using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Negotiation.Conversations.Commands;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;

namespace Negotiation.Slack.Mapping;

/// <summary>
/// The bot's Slack modals: the deal plan form and the "log what we got" form, and reading what people submitted.
/// A submitted plan becomes ordinary <c>/deal</c> subcommands, so the form and the text commands share one grammar.
/// </summary>
public static partial class SlackModals
{
    public const string PlanCallbackId = "deal_plan";
    public const string LogGetCallbackId = "log_get";

    public const string TypeBlockId = "plan_type";
    public const string TypeActionId = "plan_type_select";
    public const string PhaseBlockId = "plan_phase";
    public const string PhaseActionId = "plan_phase_select";
    public const string CounterpartyBlockId = "plan_counterparty";
    public const string CounterpartyActionId = "plan_counterparty_input";
    public const string TermBlockId = "plan_term";
    public const string TermActionId = "plan_term_select";
    public const string OpeningBlockId = "plan_opening";
    public const string OpeningActionId = "plan_opening_input";
    public const string TargetBlockId = "plan_target";
    public const string TargetActionId = "plan_target_input";
    public const string WalkawayBlockId = "plan_walkaway";
    public const string WalkawayActionId = "plan_walkaway_input";
    public const string WantsBlockId = "plan_wants";
    public const string WantsActionId = "plan_wants_input";
    public const string GivesBlockId = "plan_gives";
    public const string GivesActionId = "plan_gives_input";

    public const string LogGetBlockId = "log_get_text";
    public const string LogGetActionId = "log_get_input";

    /// <summary>Slack's cap on <c>private_metadata</c>.</summary>
    public const int MaxPrivateMetadata = 3000;

    public const int MaxCounterpartyLength = 120;
    public const int MaxItemLength = 200;
    public const int MaxListLength = 3000;
    public const int MaxLogGetLength = 500;

    private const string AmountExamples = "Try $480k, 15%, net-60, 36 months or 10 seats.";

    private static readonly NegotiationType[] Types = [NegotiationType.Bargaining, NegotiationType.Trading, NegotiationType.Creating, NegotiationType.Partnering];
    private static readonly Phase[] Phases = [Phase.Prepare, Phase.Communicate, Phase.Propose, Phase.Align];

    /// <summary>The deal plan modal, filled in with what the deal already has (the price plan, or the first term planned).</summary>
    public static JsonObject PlanModal(Deal deal, string privateMetadata)
    {
        ArgumentNullException.ThrowIfNull(deal);
        CheckMetadata(privateMetadata);
        var plan = deal.PlanFor(Term.Price) ?? (deal.TermPlans.Count > 0 ? deal.TermPlans[0] : null);
        var term = plan?.Term ?? Term.Price;
        var intro = "*" + SlackBlockKit.Escape(deal.Name) + "*"
            + (deal.Counterparty is null ? "" : " with " + SlackBlockKit.Escape(deal.Counterparty))
            + "\nSaving runs the matching `/deal` commands in the deal's channel.";

        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = SlackBlockKit.Truncate(intro, SlackBlockKit.MaxSectionText), ["verbatim"] = true } },
            Input(TypeBlockId, "Negotiation type", optional: false, Select(TypeActionId, Types.Select(t => (t.ToString(), Lower(t))), Lower(deal.Type))),
            Input(PhaseBlockId, "Phase", optional: false, Select(PhaseActionId, Phases.Select(p => (p.ToString(), Lower(p))), deal.Phase == Phase.Closed ? null : Lower(deal.Phase))),
            Input(CounterpartyBlockId, "Counterparty", optional: true, TextInput(CounterpartyActionId, deal.Counterparty, "Acme Corp", MaxCounterpartyLength)),
            new JsonObject { ["type"] = "divider" },
            Input(TermBlockId, "Term to plan", optional: false, Select(TermActionId, Enum.GetValues<Term>().OrderBy(t => t == Term.Other).Select(t => (Capitalise(t.ToDisplayName()), t.ToWireName())), term.ToWireName()),
                hint: "Opening, target and walkaway below are for this term."),
            Input(OpeningBlockId, "Opening", optional: true, TextInput(OpeningActionId, plan?.Opening?.ToString(), "$480k", AmountParser.MaxLength)),
            Input(TargetBlockId, "Target", optional: true, TextInput(TargetActionId, Target(plan), "$450k-$465k", (AmountParser.MaxLength * 2) + 4),
                hint: "One amount or a range."),
            Input(WalkawayBlockId, "Walkaway", optional: true, TextInput(WalkawayActionId, plan?.Walkaway?.ToString(), "$430k", AmountParser.MaxLength)),
            new JsonObject { ["type"] = "divider" },
            Input(WantsBlockId, "What we want from them", optional: true,
                TextInput(WantsActionId, List(deal.WantedGets.Select(w => (w.Item, w.Value))), "three-year term = $60k", MaxListLength, multiline: true),
                hint: "One per line: item = what it is worth to us (the value is optional)."),
            Input(GivesBlockId, "What we could give", optional: true,
                TextInput(GivesActionId, List(deal.PossibleGives.Select(g => (g.Item, g.Cost))), "free onboarding = $12k", MaxListLength, multiline: true),
                hint: "One per line: item = what it costs us (the cost is optional)."),
        };

        return Modal(PlanCallbackId, "Deal plan", "Save", privateMetadata, blocks);
    }

    /// <summary>
    /// Reads a submitted plan modal's <c>view.state.values</c> into <c>/deal</c> subcommands, or into errors per block when
    /// something can't be read (then no commands, so nothing is half-applied).
    /// </summary>
    public static PlanSubmission ReadPlanSubmission(JsonElement viewStateValues, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var commands = new List<string>();

        if (SelectedValue(viewStateValues, TypeBlockId, TypeActionId) is { } typeText)
        {
            if (Array.Find(Types, t => Lower(t) == typeText) is var type && Lower(type) == typeText)
            {
                Add(commands, errors, TypeBlockId, "type " + Lower(type), today, c => c is TypeCommand t && t.Type == type);
            }
            else
            {
                errors[TypeBlockId] = "Pick one of the four negotiation types.";
            }
        }

        if (SelectedValue(viewStateValues, PhaseBlockId, PhaseActionId) is { } phaseText)
        {
            if (Array.Find(Phases, p => Lower(p) == phaseText) is var phase && Lower(phase) == phaseText)
            {
                Add(commands, errors, PhaseBlockId, "phase " + Lower(phase), today, c => c is PhaseCommand p && p.Phase == phase);
            }
            else
            {
                errors[PhaseBlockId] = "Pick one of the four phases.";
            }
        }

        var counterparty = Clean(TextValue(viewStateValues, CounterpartyBlockId, CounterpartyActionId));
        if (counterparty.Length > MaxCounterpartyLength)
        {
            errors[CounterpartyBlockId] = $"Keep the counterparty's name under {MaxCounterpartyLength} characters.";
        }
        else if (counterparty.Length > 0)
        {
            Add(commands, errors, CounterpartyBlockId, "plan counterparty " + counterparty, today, c => c is PlanCounterpartyCommand p && p.Counterparty == counterparty);
        }

        ReadTermPlan(viewStateValues, today, errors, commands);
        ReadList(viewStateValues, WantsBlockId, WantsActionId, "want", "value", "three-year term = $60k", today, errors, commands);
        ReadList(viewStateValues, GivesBlockId, GivesActionId, "offer", "cost", "free onboarding = $12k", today, errors, commands);

        return errors.Count > 0
            ? new PlanSubmission(errors, [])
            : new PlanSubmission(errors, commands);
    }

    /// <summary>The small "what did they give in return?" modal opened from a reciprocity prompt's button.</summary>
    public static JsonObject LogGetModal(string privateMetadata)
    {
        CheckMetadata(privateMetadata);
        var blocks = new JsonArray
        {
            Input(LogGetBlockId, "What did they give in return?", optional: false,
                TextInput(LogGetActionId, null, "a three-year term", MaxLogGetLength)),
        };
        return Modal(LogGetCallbackId, "Log what we got", "Log it", privateMetadata, blocks);
    }

    /// <summary>The get typed into the log-get modal, trimmed; null with <paramref name="error"/> (for <see cref="LogGetBlockId"/>) when empty or too long.</summary>
    public static string? ReadLogGet(JsonElement viewStateValues, out string? error)
    {
        var text = (TextValue(viewStateValues, LogGetBlockId, LogGetActionId) ?? "").Trim();
        if (text.Length == 0)
        {
            error = "Say what they gave, e.g. a three-year term.";
            return null;
        }

        if (text.Length > MaxLogGetLength)
        {
            error = $"Keep it under {MaxLogGetLength} characters (this is {text.Length:N0}).";
            return null;
        }

        error = null;
        return text;
    }

    private static void ReadTermPlan(JsonElement values, DateOnly today, Dictionary<string, string> errors, List<string> commands)
    {
        var termText = SelectedValue(values, TermBlockId, TermActionId);
        var term = Term.Price;
        if (termText is not null && !TermNames.TryParse(termText, out term))
        {
            errors[TermBlockId] = "Pick a term from the list.";
            return;
        }

        var opening = Clean(TextValue(values, OpeningBlockId, OpeningActionId));
        var target = Clean(TextValue(values, TargetBlockId, TargetActionId));
        var walkaway = Clean(TextValue(values, WalkawayBlockId, WalkawayActionId));
        if (opening.Length + target.Length + walkaway.Length == 0)
        {
            return;
        }

        Amount? open = null, low = null, high = null, walk = null;
        var valid = true;
        if (opening.Length > 0 && !AmountParser.TryParse(opening, today, out open!))
        {
            errors[OpeningBlockId] = $"I couldn't read \"{Shorten(opening)}\" as an amount. {AmountExamples}";
            valid = false;
        }

        if (target.Length > 0 && !TryRange(target, today, out low, out high))
        {
            errors[TargetBlockId] = $"I couldn't read \"{Shorten(target)}\" as an amount or a range. Try $450k or $450k-$465k.";
            valid = false;
        }

        if (walkaway.Length > 0 && !AmountParser.TryParse(walkaway, today, out walk!))
        {
            errors[WalkawayBlockId] = $"I couldn't read \"{Shorten(walkaway)}\" as an amount. {AmountExamples}";
            valid = false;
        }

        if (!valid)
        {
            return;
        }

        var command = new StringBuilder("plan ").Append(term.ToWireName());
        Append(command, "opening", opening);
        Append(command, "target", target);
        Append(command, "walkaway", walkaway);
        var expected = new TermPlan(term, open, low, high, walk);
        Add(commands, errors, TermBlockId, command.ToString(), today, c => c is PlanTermCommand p && p.Plan == expected);

        static void Append(StringBuilder command, string keyword, string value)
        {
            if (value.Length > 0)
            {
                command.Append(' ').Append(keyword).Append(' ').Append(value);
            }
        }
    }

    /// <summary>Reads "item = amount" lines (the amount optional) into <c>plan want|offer</c> commands.</summary>
    private static void ReadList(
        JsonElement values, string blockId, string actionId, string verb, string keyword, string example, DateOnly today, Dictionary<string, string> errors, List<string> commands)
    {
        var text = TextValue(values, blockId, actionId) ?? "";
        var problems = new List<string>();
        var lineCommands = new List<string>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = Clean(lines[i]);
            if (line.Length == 0)
            {
                continue;
            }

            var number = i + 1;
            var equals = line.LastIndexOf('=');
            var item = Clean(equals < 0 ? line : line[..equals]);
            var amountText = equals < 0 ? "" : Clean(line[(equals + 1)..]);
            if (item.Length == 0)
            {
                problems.Add($"Line {number}: name the item before the =, e.g. {example}.");
                continue;
            }

            if (item.Length > MaxItemLength)
            {
                problems.Add($"Line {number}: keep the item under {MaxItemLength} characters.");
                continue;
            }

            Amount? amount = null;
            if (amountText.Length > 0)
            {
                if (!AmountParser.TryParse(amountText, today, out var parsed))
                {
                    problems.Add($"Line {number}: I couldn't read \"{Shorten(amountText)}\" as an amount. {AmountExamples}");
                    continue;
                }

                amount = parsed;
            }

            var command = $"plan {verb} {item}" + (amount is null ? "" : $" {keyword} {amountText}");
            if (!Matches(DealCommandParser.Parse(command, today), verb, item, amount))
            {
                problems.Add($"Line {number}: I can't save \"{Shorten(item)}\" as written. Write it as item = amount, e.g. {example}.");
                continue;
            }

            lineCommands.Add(command);
        }

        if (problems.Count > 0)
        {
            errors[blockId] = problems[0] + (problems.Count > 1 ? $" ({problems.Count - 1} more line{(problems.Count == 2 ? "" : "s")} to fix.)" : "");
            return;
        }

        commands.AddRange(lineCommands);

        static bool Matches(DealCommand parsed, string verb, string item, Amount? amount) => verb == "want"
            ? parsed is PlanWantCommand w && w.Get == new WantedGet(item, amount)
            : parsed is PlanOfferCommand o && o.Give == new PossibleGive(item, amount);
    }

    /// <summary>Adds a command only if the shared parser reads it back as meant; otherwise an error on the block.</summary>
    private static void Add(List<string> commands, Dictionary<string, string> errors, string blockId, string command, DateOnly today, Func<DealCommand, bool> meant)
    {
        if (meant(DealCommandParser.Parse(command, today)))
        {
            commands.Add(command);
        }
        else
        {
            errors.TryAdd(blockId, "I couldn't save this as written. " + CommandUsage.Plan);
        }
    }

    /// <summary>One amount, or a range "low-high" / "low to high" (the same reading as <c>/deal plan … target</c>).</summary>
    private static bool TryRange(string text, DateOnly today, out Amount? low, out Amount? high)
    {
        low = high = null;
        if (AmountParser.TryParse(text, today, out var single))
        {
            low = single;
            return true;
        }

        foreach (Match m in RangeSeparator().Matches(text))
        {
            if (AmountParser.TryParse(text[..m.Index], today, out var a) && AmountParser.TryParse(text[(m.Index + m.Length)..], today, out var b))
            {
                (low, high) = (a, b);
                return true;
            }
        }

        return false;
    }

    private static string? Target(TermPlan? plan) => plan switch
    {
        { TargetLow: { } low, TargetHigh: { } high } => $"{low} to {high}",
        { TargetLow: { } low } => low.ToString(),
        { TargetHigh: { } high } => high.ToString(),
        _ => null,
    };

    /// <summary>"item = amount" lines that fit the input; an item holding "=" with no amount gets a trailing " =" so it reads back whole.</summary>
    private static string? List(IEnumerable<(string Item, Amount? Amount)> items)
    {
        var text = new StringBuilder();
        foreach (var (item, amount) in items)
        {
            var line = amount is not null ? $"{item} = {amount}" : item.Contains('=', StringComparison.Ordinal) ? item + " =" : item;
            if (text.Length + line.Length + 1 > MaxListLength)
            {
                break;
            }

            text.Append(text.Length > 0 ? "\n" : "").Append(line);
        }

        return text.Length > 0 ? text.ToString() : null;
    }

    private static JsonObject Modal(string callbackId, string title, string submit, string privateMetadata, JsonArray blocks) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = callbackId,
        ["title"] = Plain(title),
        ["submit"] = Plain(submit),
        ["close"] = Plain("Cancel"),
        ["private_metadata"] = privateMetadata,
        ["blocks"] = blocks,
    };

    private static JsonObject Input(string blockId, string label, bool optional, JsonObject element, string? hint = null)
    {
        var input = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = blockId,
            ["label"] = Plain(label),
            ["optional"] = optional,
            ["element"] = element,
        };
        if (hint is not null)
        {
            input["hint"] = Plain(hint);
        }

        return input;
    }

    private static JsonObject Select(string actionId, IEnumerable<(string Text, string Value)> options, string? initial)
    {
        var list = options.Select(o => new JsonObject { ["text"] = Plain(o.Text), ["value"] = o.Value }).ToList();
        var select = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = actionId,
            ["placeholder"] = Plain("Choose"),
            ["options"] = new JsonArray(list.Select(o => (JsonNode?)o).ToArray()),
        };
        if (list.Find(o => (string?)o["value"] == initial) is { } chosen)
        {
            select["initial_option"] = chosen.DeepClone();
        }

        return select;
    }

    /// <summary>A text input; its initial value is what people edit and send back, so it is not escaped.</summary>
    private static JsonObject TextInput(string actionId, string? initial, string placeholder, int maxLength, bool multiline = false)
    {
        var input = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = actionId,
            ["multiline"] = multiline,
            ["max_length"] = maxLength,
            ["placeholder"] = Plain(placeholder),
        };
        if (!string.IsNullOrEmpty(initial))
        {
            input["initial_value"] = initial.Length <= maxLength ? initial : initial[..maxLength];
        }

        return input;
    }

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static void CheckMetadata(string privateMetadata)
    {
        ArgumentNullException.ThrowIfNull(privateMetadata);
        if (privateMetadata.Length > MaxPrivateMetadata)
        {
            throw new ArgumentException($"private_metadata is {privateMetadata.Length} characters; Slack allows {MaxPrivateMetadata}.", nameof(privateMetadata));
        }
    }

    private static JsonElement? Action(JsonElement values, string blockId, string actionId) =>
        values.ValueKind == JsonValueKind.Object
        && values.TryGetProperty(blockId, out var block) && block.ValueKind == JsonValueKind.Object
        && block.TryGetProperty(actionId, out var action) && action.ValueKind == JsonValueKind.Object
            ? action
            : null;

    private static string? TextValue(JsonElement values, string blockId, string actionId) =>
        Action(values, blockId, actionId) is { } action && action.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? SelectedValue(JsonElement values, string blockId, string actionId) =>
        Action(values, blockId, actionId) is { } action
        && action.TryGetProperty("selected_option", out var option) && option.ValueKind == JsonValueKind.Object
        && option.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Single spaces, no control characters: the form the command parser reads text in.</summary>
    private static string Clean(string? text) =>
        Whitespace().Replace(new string((text ?? "").Where(c => !char.IsControl(c) || char.IsWhiteSpace(c)).ToArray()), " ").Trim();

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s*(?:–|-|\bto\b)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex RangeSeparator();
}
