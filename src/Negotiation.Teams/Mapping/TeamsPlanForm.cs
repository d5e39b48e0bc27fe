using System.Text.Json;
using System.Text.Json.Nodes;
using Negotiation.Conversations.Commands;
using Negotiation.Domain.Moves;

namespace Negotiation.Teams.Mapping;

/// <summary>
/// The deal plan as an Adaptive Card form (what Slack shows as a modal): a term's opening, target and walkaway, a want
/// with its value, an offer with its cost, the counterparty. A submit is read back into the same <c>plan …</c>
/// commands people type, checked by the shared parser; problems come back on the form, nothing recorded.
/// </summary>
public static class TeamsPlanForm
{
    public const string SubmitVerb = "plan_submit";

    private static readonly string[] Movement = ["opening", "target", "walkaway"];

    private static readonly (string Id, string Label, string Placeholder)[] Inputs =
    [
        ("opening", "Opening", "e.g. $480k"),
        ("target", "Target", "e.g. $450k-$465k"),
        ("walkaway", "Walkaway", "e.g. $430k"),
        ("want", "Something we want from them", "e.g. two-year term"),
        ("wantValue", "What it is worth to us", "e.g. $40k"),
        ("offer", "Something we could give", "e.g. extended payment terms"),
        ("offerCost", "What it costs us", "e.g. $5k"),
        ("counterparty", "Counterparty", "e.g. Acme"),
    ];

    public static JsonObject Card(string dealName, IReadOnlyDictionary<string, string>? values = null, IReadOnlyList<string>? errors = null)
    {
        var body = new List<JsonNode>
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = "Plan: " + dealName, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            new JsonObject
            {
                ["type"] = "Input.ChoiceSet",
                ["id"] = "term",
                ["label"] = "Term",
                ["value"] = values?.GetValueOrDefault("term") ?? Term.Price.ToWireName(),
                ["choices"] = new JsonArray(Enum.GetValues<Term>().Select(t => (JsonNode?)new JsonObject { ["title"] = t.ToDisplayName(), ["value"] = t.ToWireName() }).ToArray()),
            },
        };
        foreach (var (id, label, placeholder) in Inputs)
        {
            var input = new JsonObject { ["type"] = "Input.Text", ["id"] = id, ["label"] = label, ["placeholder"] = placeholder, ["maxLength"] = 200 };
            if (values?.GetValueOrDefault(id) is { Length: > 0 } value)
            {
                input["value"] = value;
            }

            body.Add(input);
        }

        foreach (var error in errors ?? [])
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = error, ["color"] = "Attention", ["wrap"] = true });
        }

        body.Add(new JsonObject
        {
            ["type"] = "ActionSet",
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.Execute", ["title"] = "Save plan", ["verb"] = SubmitVerb, ["data"] = new JsonObject { ["action"] = SubmitVerb, ["deal"] = dealName } }),
        });
        return TeamsCards.Card(body);
    }

    /// <summary>The submitted values, the <c>plan …</c> commands they make, and every problem (none recorded when there is one).</summary>
    public static (Dictionary<string, string> Values, List<string> Commands, List<string> Errors) Read(JsonElement data, DateOnly today)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in Inputs.Select(i => i.Id).Append("term"))
        {
            if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty(id, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Trim() is { Length: > 0 } text)
            {
                values[id] = text.Length > 200 ? text[..200] : text;
            }
        }

        var commands = new List<string>();
        var errors = new List<string>();
        var movement = Movement.Where(values.ContainsKey).Select(k => $"{k} {values[k]}").ToList();
        if (movement.Count > 0)
        {
            Check($"plan {values.GetValueOrDefault("term", "price")} {string.Join(' ', movement)}", "Term plan");
        }

        Pair("want", "wantValue", "value", "Want");
        Pair("offer", "offerCost", "cost", "Offer");
        if (values.TryGetValue("counterparty", out var counterparty))
        {
            Check($"plan counterparty {counterparty}", "Counterparty");
        }

        if (commands.Count == 0 && errors.Count == 0)
        {
            errors.Add("Fill in at least one part of the plan.");
        }

        return (values, errors.Count > 0 ? [] : commands, errors);

        void Pair(string item, string amount, string keyword, string label)
        {
            if (values.TryGetValue(item, out var what))
            {
                Check($"plan {item} {what}" + (values.TryGetValue(amount, out var a) ? $" {keyword} {a}" : ""), label);
            }
            else if (values.ContainsKey(amount))
            {
                errors.Add($"{label}: say what it is, not only its {keyword}.");
            }
        }

        void Check(string command, string label)
        {
            if (DealCommandParser.Parse(command, today) is InvalidCommand invalid)
            {
                errors.Add($"{label}: {invalid.Problem}");
            }
            else
            {
                commands.Add(command);
            }
        }
    }
}
