using System.Text.Json.Nodes;
using Negotiation.Conversations.Language;
using Negotiation.Conversations.Outbound;
using Negotiation.Domain.Deals;
using Negotiation.Slack.Mapping;

namespace Negotiation.Slack.Tests.Mapping;

/// <summary>Messages, deals and a Block Kit limit check shared by the mapping tests.</summary>
internal static class SlackTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    public static OutboundMessage Message(params ReplyPart[] parts) =>
        new("evt-1", new ChannelKey("slack", "T1", "C1"), "1700000000.000100", Visibility.Thread, "U1", parts);

    public static Deal NewDeal(string name = "Acme renewal", NegotiationType type = NegotiationType.Bargaining) =>
        Deal.Start(Guid.Parse("11111111-2222-3333-4444-555555555555"), new ChannelKey("slack", "T1", "C1"), "1700000000.000100", name, type, "dana", Now);

    /// <summary>Every string value anywhere in the JSON (texts, ids, values).</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    /// <summary>The mrkdwn and plain texts of the blocks, in order.</summary>
    public static IEnumerable<string> Texts(JsonArray blocks) => blocks.OfType<JsonObject>().SelectMany(b => (string?)b["type"] switch
    {
        "header" or "section" when b["text"] is { } t => [(string)t["text"]!, .. FieldTexts(b)],
        "section" => FieldTexts(b),
        "context" => b["elements"]!.AsArray().Select(e => (string)e!["text"]!),
        "actions" => b["elements"]!.AsArray().Select(e => (string)e!["text"]!["text"]!),
        _ => [],
    });

    private static IEnumerable<string> FieldTexts(JsonObject section) =>
        section["fields"] is JsonArray fields ? fields.Select(f => (string)f!["text"]!) : [];

    public static IEnumerable<JsonObject> OfType(JsonArray blocks, string type) =>
        blocks.OfType<JsonObject>().Where(b => (string?)b["type"] == type);

    /// <summary>Fails when a rendered message breaks any Block Kit limit Slack enforces with invalid_blocks.</summary>
    public static void AssertWithinLimits(SlackRendered rendered)
    {
        Assert.False(string.IsNullOrWhiteSpace(rendered.Text));
        Assert.True(rendered.Text.Length <= SlackBlockKit.MaxFallbackText, $"fallback is {rendered.Text.Length} chars");
        Assert.True(rendered.Blocks.Count <= 50, $"{rendered.Blocks.Count} blocks");
        foreach (var block in rendered.Blocks.OfType<JsonObject>())
        {
            switch ((string?)block["type"])
            {
                case "header":
                    var header = (string)block["text"]!["text"]!;
                    Assert.InRange(header.Length, 1, 150);
                    Assert.Equal("plain_text", (string?)block["text"]!["type"]);
                    break;
                case "section":
                    Assert.True(block["text"] is not null || block["fields"] is not null, "a section needs text or fields");
                    if (block["text"] is { } text)
                    {
                        Assert.InRange(((string)text["text"]!).Length, 1, 3000);
                    }

                    if (block["fields"] is JsonArray fields)
                    {
                        Assert.InRange(fields.Count, 1, 10);
                        Assert.All(fields, f => Assert.InRange(((string)f!["text"]!).Length, 1, 2000));
                    }

                    break;
                case "actions":
                    var elements = block["elements"]!.AsArray();
                    Assert.InRange(elements.Count, 1, 25);
                    Assert.All(elements, e =>
                    {
                        Assert.InRange(((string)e!["text"]!["text"]!).Length, 1, 75);
                        Assert.InRange(((string)e["action_id"]!).Length, 1, 255);
                        Assert.True(e["value"] is null || ((string)e["value"]!).Length <= 2000);
                    });
                    break;
                case "context":
                    Assert.InRange(block["elements"]!.AsArray().Count, 1, 10);
                    Assert.All(block["elements"]!.AsArray(), e => Assert.InRange(((string)e!["text"]!).Length, 1, 3000));
                    break;
                case "divider":
                    break;
                default:
                    Assert.Fail($"Unexpected block type {block["type"]}.");
                    break;
            }
        }
    }
}

/// <summary>A rephraser that always writes the same sentence: the prompt's wording is not what these tests check.</summary>
internal sealed class FixedRephraser(string sentence) : IRephraser
{
    public ValueTask<Rephrasing> RephraseAsync(RephraseRequest request, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Rephrasing.Of(sentence));
}
