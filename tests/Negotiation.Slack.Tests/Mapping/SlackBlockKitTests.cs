using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Negotiation.Conversations.Handlers;
using Negotiation.Conversations.Outbound;
using Negotiation.Conversations.Rendering;
using Negotiation.Domain.Align;
using Negotiation.Domain.Coaching;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;
using Negotiation.Slack.Mapping;
using static Negotiation.Slack.Tests.Mapping.SlackTestData;

namespace Negotiation.Slack.Tests.Mapping;

public sealed class SlackBlockKitTests
{
    private const string Sentence = "If we include onboarding, could you sign for three years?";

    [Fact]
    public async Task Render_ReciprocityPrompt_HasHeaderQuestionTryLineAndGiveTermFields()
    {
        var parts = await GiveAsync(NewDeal(), "free onboarding", detectedInChat: true);

        var rendered = Assert.Single(SlackBlockKit.Render(Message([.. parts])));

        AssertWithinLimits(rendered);
        Assert.Equal("What are we getting in return?", (string?)OfType(rendered.Blocks, "header").Single()["text"]!["text"]);
        var body = (string)OfType(rendered.Blocks, "section").First()["text"]!["text"]!;
        Assert.Contains("Give logged (#1): free onboarding.", body, StringComparison.Ordinal);
        Assert.Contains(CoachingVoice.ReciprocityQuestion, body, StringComparison.Ordinal);
        Assert.Contains("*Try:* \"" + Sentence + "\"", body, StringComparison.Ordinal);
        var fields = OfType(rendered.Blocks, "section").Single(b => b["fields"] is not null)["fields"]!.AsArray().Select(f => (string)f!["text"]!).ToList();
        Assert.Equal(["*Give*\nfree onboarding", "*Term*\nprice"], fields);
    }

    [Fact]
    public async Task Render_PromptDetectedInChat_ButtonsCarryActionIdsValuesAndPrimaryLogGet()
    {
        var parts = await GiveAsync(NewDeal(), "free onboarding", detectedInChat: true);

        var rendered = Assert.Single(SlackBlockKit.Render(Message([.. parts])));

        var buttons = OfType(rendered.Blocks, "actions").Single()["elements"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal([CoachingReplies.LogGetAction, CoachingReplies.NotAGiveAction, CoachingReplies.QuietAction], buttons.Select(b => (string?)b["action_id"]));
        Assert.All(buttons, b => Assert.Equal("1", (string?)b["value"]));
        Assert.Equal(["Log what we got", "Not a give", "Quiet in this channel"], buttons.Select(b => (string?)b["text"]!["text"]));
        Assert.Equal("primary", (string?)buttons[0]["style"]);
        Assert.All(buttons.Skip(1), b => Assert.Null(b["style"]));
    }

    [Fact]
    public async Task Render_DoubleGiveWarning_SectionStartsWithWarningSign()
    {
        var deal = NewDeal();
        await GiveAsync(deal, "free onboarding", detectedInChat: false);
        var parts = await GiveAsync(deal, "net-60 payment terms", detectedInChat: false);
        var warning = Assert.Single(parts, p => p.Kind == ReplyKind.Warning);

        var rendered = Assert.Single(SlackBlockKit.Render(Message(warning)));

        AssertWithinLimits(rendered);
        var text = (string)Assert.Single(rendered.Blocks)!["text"]!["text"]!;
        Assert.StartsWith("⚠️ *Double-give:*", text, StringComparison.Ordinal);
        Assert.Contains("second give right after #1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WorthNoticingWarning_UsesSofterMarkerThanWarningSign()
    {
        var deal = NewDeal(type: NegotiationType.Partnering);
        await GiveAsync(deal, "free onboarding", detectedInChat: false);
        var warning = Assert.Single(await GiveAsync(deal, "net-60 payment terms", detectedInChat: false), p => p.Kind == ReplyKind.Warning);
        Assert.StartsWith("Worth noticing:", warning.Text, StringComparison.Ordinal);

        var rendered = Assert.Single(SlackBlockKit.Render(Message(warning)));

        var text = (string)Assert.Single(rendered.Blocks)!["text"]!["text"]!;
        Assert.StartsWith("💡 _Worth noticing:_ ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("⚠", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TradeLogged_RendersConfirmationSection()
    {
        var deal = NewDeal();
        var parts = CoachingReplies.Trade(deal, new MoveDraft(MoveKind.Give, Term.PaymentTerms, "net-45"), new MoveDraft(MoveKind.Get, Term.ContractLength, "two-year term"), Now);

        var rendered = Assert.Single(SlackBlockKit.Render(Message([.. parts])));

        AssertWithinLimits(rendered);
        Assert.Equal("🤝 Trade logged: #1 (net-45) for #2 (two-year term).", (string?)rendered.Blocks[0]!["text"]!["text"]);
    }

    [Fact]
    public async Task Render_Rephrase_RendersTheSentence()
    {
        var coaching = new CoachingReplies(new FixedRephraser(Sentence), new FakeTimeProvider(Now));
        var part = await coaching.RephraseAsync(NewDeal(), "we include onboarding", null, CancellationToken.None);

        var rendered = Assert.Single(SlackBlockKit.Render(Message(part)));

        AssertWithinLimits(rendered);
        Assert.Equal("As a trade: \"" + Sentence + "\"", (string?)Assert.Single(rendered.Blocks)!["text"]!["text"]);
    }

    [Fact]
    public void Render_CommandReply_RendersTextInSection()
    {
        var rendered = Assert.Single(SlackBlockKit.Render(Message(HandlerReply.Private("Quiet mode is on.").Parts[0])));

        AssertWithinLimits(rendered);
        Assert.Equal("Quiet mode is on.", (string?)Assert.Single(rendered.Blocks)!["text"]!["text"]);
        Assert.Equal("Quiet mode is on.", rendered.Text);
    }

    [Fact]
    public void Render_Error_RendersMarkedText()
    {
        var rendered = Assert.Single(SlackBlockKit.Render(Message(HandlerReply.Error("No deal in this channel yet.").Parts[0])));

        AssertWithinLimits(rendered);
        Assert.Equal("❗ No deal in this channel yet.", (string?)Assert.Single(rendered.Blocks)!["text"]!["text"]);
    }

    [Fact]
    public void Render_Ledger_RendersEachRowAsFieldWithFooter()
    {
        var deal = NewDeal();
        deal.OfferGive(new PossibleGive("free onboarding", Amount.Money(12_000)));
        deal.RecordGive(new MoveDraft(MoveKind.Give, Term.Other, "free onboarding"), Now);
        deal.RecordGet(new MoveDraft(MoveKind.Get, Term.ContractLength, "three-year term"), Now);
        deal.RecordGive(new MoveDraft(MoveKind.Give, Term.Price, "5% off", Amount.Percent(5)), Now);

        var rendered = Assert.Single(SlackBlockKit.Render(Message(LedgerRenderer.Part(deal))));

        AssertWithinLimits(rendered);
        Assert.Equal("Ledger: Acme renewal", (string?)OfType(rendered.Blocks, "header").Single()["text"]!["text"]);
        var fields = OfType(rendered.Blocks, "section").Single()["fields"]!.AsArray().Select(f => (string)f!["text"]!).ToList();
        Assert.Equal(
        [
            "*#1* give: free onboarding\nTerm: other · Value: $12,000\n_traded for #2_",
            "*#2* get: three-year term\nTerm: contract length\n_in return for #1_",
            "*#3* give: 5% off\nTerm: price · Amount: 5%\n_open_",
        ], fields);
        Assert.Equal("1 give with nothing in return yet.", (string?)OfType(rendered.Blocks, "context").Single()["elements"]![0]!["text"]);
    }

    [Fact]
    public void Render_LedgerWithTwentyFiveMoves_PutsAtMostTenFieldsInEachSection()
    {
        var deal = NewDeal();
        for (var i = 1; i <= 25; i++)
        {
            deal.RecordGive(new MoveDraft(MoveKind.Give, Term.Scope, $"extra module {i}"), Now);
        }

        var rendered = Assert.Single(SlackBlockKit.Render(Message(LedgerRenderer.Part(deal))));

        AssertWithinLimits(rendered);
        Assert.Equal([10, 10, 5], OfType(rendered.Blocks, "section").Select(s => s["fields"]!.AsArray().Count));
    }

    [Fact]
    public void Render_AlignSummary_HeaderThenSectionPerGroupWithBulletsAndDividers()
    {
        var deal = NewDeal();
        deal.NameCounterparty("Globex");
        deal.AgreeTerm(new Commitment("price $450k", "dana", new DateOnly(2026, 12, 15)));
        deal.AddNextStep(new Commitment("send the contract", "lee"));
        var part = AlignSummaryRenderer.Part(AlignSummary.Of(deal));

        var rendered = Assert.Single(SlackBlockKit.Render(Message(part)));

        AssertWithinLimits(rendered);
        Assert.Equal("Align summary: Acme renewal with Globex", (string?)rendered.Blocks[0]!["type"] == "header" ? (string?)rendered.Blocks[0]!["text"]!["text"] : null);
        var sections = OfType(rendered.Blocks, "section").Select(s => (string)s["text"]!["text"]!).ToList();
        Assert.Equal(part.Sections.Count, sections.Count);
        Assert.Equal(part.Sections.Count - 1, OfType(rendered.Blocks, "divider").Count());
        Assert.Equal("*Final terms*\n• price $450k (owner: dana, due: Tue 2026-12-15)", sections[0]);
        Assert.All(sections.Zip(part.Sections), s => Assert.StartsWith("*" + s.Second.Title + "*\n• ", s.First, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_AlignSummaryWith120Lines_SplitsIntoMessagesOfAtMost50BlocksAndTextsOf3000()
    {
        // 24 groups of 5 long lines (120 lines): each group needs two sections, so 1 header + 48 sections + 23 dividers.
        var sections = Enumerable.Range(1, 24)
            .Select(s => new Section($"Group {s}", Enumerable.Range(1, 5).Select(l => $"line {s}.{l} " + new string('x', 700)).ToList()))
            .ToList();
        var part = new ReplyPart(ReplyKind.AlignSummary, string.Join("\n", sections.SelectMany(s => s.Lines))) { Title = "Align summary: Big deal", Sections = sections };

        var rendered = SlackBlockKit.Render(Message(part));

        Assert.Equal(2, rendered.Count);
        Assert.All(rendered, AssertWithinLimits);
        Assert.All(rendered, r => Assert.NotEqual("divider", (string?)r.Blocks[0]!["type"]));
        var texts = rendered.SelectMany(r => OfType(r.Blocks, "section")).Select(s => (string)s["text"]!["text"]!).ToList();
        Assert.Equal(120, texts.Sum(t => t.Split('\n').Count(l => l.StartsWith("• line ", StringComparison.Ordinal))));
        Assert.Contains("*Group 1* (continued)", texts[1], StringComparison.Ordinal);
        Assert.StartsWith("(continued) ", rendered[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HeaderOver150Chars_IsTruncatedWithEllipsis()
    {
        var title = "Align summary: " + new string('d', 200);
        var part = new ReplyPart(ReplyKind.AlignSummary, title) { Title = title, Sections = [new Section("Final terms", ["none"])] };

        var rendered = Assert.Single(SlackBlockKit.Render(Message(part)));

        var header = (string)rendered.Blocks[0]!["text"]!["text"]!;
        Assert.Equal(150, header.Length);
        Assert.EndsWith("…", header, StringComparison.Ordinal);
        Assert.StartsWith("Align summary: ddd", header, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<!channel>")]
    [InlineData("<@U123>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<!here|here>")]
    public void Render_HostileTextEverywhere_NoControlSequenceSurvives(string hostile)
    {
        var part = new ReplyPart(ReplyKind.ReciprocityPrompt, $"Give logged (#1): {hostile}.\nTry: \"{hostile}\"")
        {
            Title = hostile,
            Fields = [new Field(hostile, hostile)],
            Buttons = [new ReplyButton(CoachingReplies.LogGetAction, hostile, "1")],
        };
        var summary = new ReplyPart(ReplyKind.AlignSummary, hostile) { Title = hostile, Sections = [new Section(hostile, [hostile])] };
        var ledger = new ReplyPart(ReplyKind.CommandReply, "Ledger\n" + hostile + "\n" + hostile) { Table = new LedgerTable(["#", hostile], [[hostile, hostile, hostile]]) };
        var message = Message(part, summary, ledger, new ReplyPart(ReplyKind.Warning, hostile) { Rule = CoachingRule.DoubleGive }, new ReplyPart(ReplyKind.Error, hostile));

        var rendered = SlackBlockKit.Render(message);

        var everything = rendered.SelectMany(r => Strings(r.Blocks).Append(r.Text)).ToList();
        Assert.All(everything, s => Assert.DoesNotContain(hostile, s, StringComparison.Ordinal));
        Assert.All(everything, s => Assert.DoesNotContain("<", s, StringComparison.Ordinal));
        Assert.Contains(everything, s => s.Contains(SlackBlockKit.Escape(hostile), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("&lt;!channel&gt;", "&amp;lt;!channel&amp;gt;")]
    [InlineData("R&D <b> & a>b", "R&amp;D &lt;b&gt; &amp; a&gt;b")]
    [InlineData("*bold* _it_ `code` \"quoted\" 'single'", "*bold* _it_ `code` \"quoted\" 'single'")]
    public void Escape_Text_ReplacesAmpersandFirstThenAngleBracketsOnly(string text, string expected)
    {
        Assert.Equal(expected, SlackBlockKit.Escape(text));
    }

    [Theory]
    [InlineData(ReplyKind.ReciprocityPrompt)]
    [InlineData(ReplyKind.TradeLogged)]
    [InlineData(ReplyKind.Rephrase)]
    [InlineData(ReplyKind.Warning)]
    [InlineData(ReplyKind.AlignSummary)]
    [InlineData(ReplyKind.CommandReply)]
    [InlineData(ReplyKind.Error)]
    public void Render_EveryKind_RendersBlocksAndNonEmptyFallback(ReplyKind kind)
    {
        var part = new ReplyPart(kind, "Something & <else>") { Rule = kind == ReplyKind.Warning ? CoachingRule.TooEarly : null };

        var rendered = Assert.Single(SlackBlockKit.Render(Message(part)));

        AssertWithinLimits(rendered);
        Assert.Equal("Something &amp; &lt;else&gt;", rendered.Text);
        Assert.Contains(Texts(rendered.Blocks), t => t.EndsWith("Something &amp; &lt;else&gt;", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void Render_EmptyText_FallbackStillNotEmpty(string text)
    {
        var rendered = Assert.Single(SlackBlockKit.Render(Message(new ReplyPart(ReplyKind.CommandReply, text))));

        Assert.False(string.IsNullOrWhiteSpace(rendered.Text));
        Assert.Empty(rendered.Blocks);
    }

    [Fact]
    public void Render_NoParts_FallbackStillNotEmpty()
    {
        var rendered = Assert.Single(SlackBlockKit.Render(Message()));

        Assert.False(string.IsNullOrWhiteSpace(rendered.Text));
    }

    [Fact]
    public void Render_TextOf10000CharsWithEntities_SplitsIntoSectionsWithoutBreakingAnEntity()
    {
        var text = string.Concat(Enumerable.Repeat("a&b<c>", 1700)); // 10,200 chars, 30,600 escaped
        var rendered = Assert.Single(SlackBlockKit.Render(Message(new ReplyPart(ReplyKind.CommandReply, text))));

        AssertWithinLimits(rendered);
        var sections = OfType(rendered.Blocks, "section").Select(s => (string)s["text"]!["text"]!).ToList();
        Assert.True(sections.Count > 1);
        Assert.Equal(SlackBlockKit.Escape(text), string.Concat(sections));
        Assert.All(sections, s => Assert.Matches("^(?:a|&amp;|b|&lt;|c|&gt;)+$", s));
        Assert.EndsWith("…", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReplyNeedingMoreThanFiveMessages_StopsAtFiveWithTruncationNote()
    {
        var sections = Enumerable.Range(1, 200).Select(s => new Section($"Group {s}", ["one line"])).ToList();
        var part = new ReplyPart(ReplyKind.AlignSummary, "Align summary") { Title = "Align summary", Sections = sections };

        var rendered = SlackBlockKit.Render(Message(part));

        Assert.Equal(SlackBlockKit.MaxMessages, rendered.Count);
        Assert.All(rendered, AssertWithinLimits);
        Assert.Equal(SlackBlockKit.TruncatedNote, (string?)rendered[^1].Blocks[^1]!["elements"]![0]!["text"]);
    }

    [Fact]
    public void Render_ThirtyLongButtonsAndFields_StayWithinElementAndTextLimits()
    {
        var part = new ReplyPart(ReplyKind.CommandReply, "Pick one")
        {
            Fields = Enumerable.Range(1, 12).Select(i => new Field($"Label {i}", new string('v', 2500))).ToList(),
            Buttons = Enumerable.Range(1, 30).Select(i => new ReplyButton(new string('a', 300) + i, new string('b', 100), new string('9', 2100))).ToList(),
        };

        var rendered = Assert.Single(SlackBlockKit.Render(Message(part)));

        AssertWithinLimits(rendered);
        Assert.Equal([25, 5], OfType(rendered.Blocks, "actions").Select(a => a["elements"]!.AsArray().Count));
        Assert.Equal([10, 2], OfType(rendered.Blocks, "section").Where(s => s["fields"] is not null).Select(s => s["fields"]!.AsArray().Count));
    }

    [Fact]
    public async Task Render_SameMessageTwice_ProducesIdenticalJson()
    {
        var deal = NewDeal();
        var parts = (await GiveAsync(deal, "free onboarding", detectedInChat: true)).Append(LedgerRenderer.Part(deal)).Append(AlignSummaryRenderer.Part(AlignSummary.Of(deal))).ToArray();

        var first = SlackBlockKit.Render(Message(parts));
        var second = SlackBlockKit.Render(Message(parts));

        Assert.Equal(first.Select(r => r.Text + r.Blocks.ToJsonString()), second.Select(r => r.Text + r.Blocks.ToJsonString()));
    }

    [Fact]
    public async Task Render_SeveralParts_FallbackIsEscapedPlainTextOfAllParts()
    {
        var deal = NewDeal("R&D <deal>");
        var parts = await GiveAsync(deal, "free onboarding", detectedInChat: false);
        var message = Message([.. parts, LedgerRenderer.Part(deal)]);

        var rendered = Assert.Single(SlackBlockKit.Render(message));

        Assert.Equal(SlackBlockKit.Escape(message.ToPlainText()), rendered.Text);
        Assert.Contains("Ledger: R&amp;D &lt;deal&gt;", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LinkButton_OpensItsUrl_AndOtherButtonsHaveNone()
    {
        var url = new Uri("https://bot.example.com/deals/0123?t=signed");
        var part = new ReplyPart(ReplyKind.CommandReply, "Ledger: Acme")
        {
            Buttons = [new ReplyButton(DealCommandHandler.OpenLedgerAction, "Open ledger", "0123") { Url = url }, new ReplyButton(CoachingReplies.QuietAction, "Quiet", "1")],
        };

        var rendered = Assert.Single(SlackBlockKit.Render(Message([part])));
        var elements = rendered.Blocks.OfType<JsonObject>().Single(b => (string?)b["type"] == "actions")["elements"]!.AsArray();

        Assert.Equal(url.AbsoluteUri, (string?)elements[0]!["url"]);
        Assert.Equal("open_ledger", (string?)elements[0]!["action_id"]);
        Assert.Null(elements[1]!["url"]);
    }

    private static async Task<IReadOnlyList<ReplyPart>> GiveAsync(Deal deal, string what, bool detectedInChat)
    {
        var coaching = new CoachingReplies(new FixedRephraser(Sentence), new FakeTimeProvider(Now));
        return await coaching.GiveAsync(deal, new MoveDraft(MoveKind.Give, what.Contains("net", StringComparison.Ordinal) ? Term.PaymentTerms : Term.Price, what), detectedInChat, CancellationToken.None);
    }
}
