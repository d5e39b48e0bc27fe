using System.Text.Json.Nodes;
using Negotiation.Conversations.Handlers;
using Negotiation.Conversations.Outbound;
using Negotiation.Domain.Coaching;
using Negotiation.Domain.Deals;
using Negotiation.Teams.Mapping;
using Negotiation.Teams.Wire;

namespace Negotiation.Bot.Tests.Teams;

/// <summary>Adaptive Cards for every reply kind: schema 1.5, the prompt's Action.Execute buttons, tables, size limits and splitting.</summary>
public sealed class TeamsCardsTests
{
    private static OutboundMessage Message(params ReplyPart[] parts) =>
        new("a1", new ChannelKey(TeamsActivityReader.Platform, "tenant", "19:c@thread.tacv2"), "100", Visibility.Thread, "29:dana", parts);

    private static readonly ReplyPart Prompt = new(ReplyKind.ReciprocityPrompt, "What are we getting in return?\nGive logged (#1): net-60.\nIf you are making a concession, what are you getting in return?\nTry: \"If we extend payment terms to net-60, could you commit to a two-year term?\"")
    {
        Title = "What are we getting in return?",
        Fields = [new Field("Give", "net-60"), new Field("Term", "payment terms")],
        Buttons = [new ReplyButton(CoachingReplies.LogGetAction, "Log what we got", "1"), new ReplyButton(CoachingReplies.NotAGiveAction, "Not a give", "1"), new ReplyButton(CoachingReplies.QuietAction, "Quiet in this channel", "1")],
    };

    [Fact]
    public void EveryReplyKind_RendersAsOneSchema15CardWithItsText()
    {
        ReplyPart[] parts =
        [
            Prompt,
            new(ReplyKind.TradeLogged, "Trade logged: #2 for #1."),
            new(ReplyKind.Rephrase, "As a trade: \"If we X, could you Y?\""),
            new(ReplyKind.Warning, "Double give: two gives in a row.") { Rule = CoachingRule.DoubleGive },
            new(ReplyKind.AlignSummary, "Align summary") { Title = "Align summary", Sections = [new Section("Final terms", ["Price $450k (owner Dana, due 2026-12-15)"])] },
            new(ReplyKind.CommandReply, "Started \"Acme\"."),
            new(ReplyKind.Error, "No deal in this channel yet."),
        ];

        foreach (var part in parts)
        {
            var card = Assert.Single(TeamsCards.Render(Message(part)));
            Assert.Equal("AdaptiveCard", (string?)card["type"]);
            Assert.Equal("1.5", (string?)card["version"]);
            var text = string.Concat(Texts(card));
            Assert.Contains(part.Text.Split('\n')[^1].Trim(), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ReciprocityPrompt_HasExecuteButtonsWithSubmitFallbackAndAFactSet()
    {
        var card = Assert.Single(TeamsCards.Render(Message(Prompt)));
        var json = card.ToJsonString();

        var actions = Descendants(card).Where(o => (string?)o["type"] == "Action.Execute").ToList();
        Assert.Equal(["Log what we got", "Not a give", "Quiet here"], actions.Select(a => (string?)a["title"]));
        Assert.Equal(["log_get", "not_a_give", "quiet_channel"], actions.Select(a => (string?)a["verb"]));
        Assert.All(actions, a => Assert.Equal("Action.Submit", (string?)a["fallback"]!["type"]));
        Assert.All(actions, a => Assert.Equal("1", (string?)a["data"]!["value"]));
        Assert.Contains(Descendants(card), o => (string?)o["type"] == "FactSet");
        Assert.DoesNotContain("\"TextBlock\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_RendersAsATableWithAHeaderRow()
    {
        var ledger = new ReplyPart(ReplyKind.CommandReply, "Ledger\n#1 give\nTotal: 1 give") { Title = "Ledger", Table = new LedgerTable(["#", "Move", "Status"], [["1", "net-60", "open"]]) };

        var card = Assert.Single(TeamsCards.Render(Message(ledger)));

        var table = Assert.Single(Descendants(card), o => (string?)o["type"] == "Table");
        Assert.True((bool)table["firstRowAsHeaders"]!);
        Assert.Equal(2, table["rows"]!.AsArray().Count);
        Assert.Contains("net-60", Texts(card));
    }

    [Fact]
    public void HugeAlignSummary_IsSplitIntoCardsEachUnder80KB()
    {
        var lines = Enumerable.Range(1, 1500).Select(i => $"Term {i}: price moves to ${i}k with owner Dana Lee and a due date of 2026-12-15, agreed on the call").ToList();
        var summary = new ReplyPart(ReplyKind.AlignSummary, "Align summary") { Title = "Align summary", Sections = [new Section("Final terms", lines)] };

        var cards = TeamsCards.Render(Message(summary));

        Assert.True(cards.Count > 1);
        Assert.All(cards, c => Assert.True(TeamsCards.Size(c) < 80 * 1024, $"card of {TeamsCards.Size(c)} bytes"));
        var text = string.Join("\n", cards.SelectMany(Texts));
        Assert.Contains("Term 1: price", text, StringComparison.Ordinal);
        Assert.Contains("(continued)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FarTooLargeReply_StopsAtFiveCardsWithATruncationNote()
    {
        var lines = Enumerable.Range(1, 20000).Select(i => $"Term {i}: price moves to ${i}k with owner Dana Lee and a due date of 2026-12-15").ToList();
        var summary = new ReplyPart(ReplyKind.AlignSummary, "Align summary") { Title = "Align summary", Sections = [new Section("Final terms", lines)] };

        var cards = TeamsCards.Render(Message(summary));

        Assert.Equal(TeamsCards.MaxCards, cards.Count);
        Assert.All(cards, c => Assert.True(TeamsCards.Size(c) < 80 * 1024));
        Assert.Contains(TeamsCards.TruncatedNote, Texts(cards[^1]));
    }

    [Fact]
    public void PeoplesText_GoesIntoTextRunsNotMarkdown()
    {
        var card = Assert.Single(TeamsCards.Render(Message(new ReplyPart(ReplyKind.CommandReply, "Started \"[click](https://evil.example)\"."))));

        var run = Assert.Single(Descendants(card), o => (string?)o["type"] == "TextRun");
        Assert.Equal("Started \"[click](https://evil.example)\".", (string?)run["text"]);
    }

    internal static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.SelectMany(p => Descendants(p.Value))],
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };

    internal static IEnumerable<string> Texts(JsonNode card) =>
        Descendants(card).Where(o => (string?)o["type"] is "TextRun" or "TextBlock").Select(o => (string?)o["text"] ?? "");
}
