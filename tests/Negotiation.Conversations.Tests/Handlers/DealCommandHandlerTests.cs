using System.Text.Json;
using Negotiation.Conversations.Handlers;
using Negotiation.Conversations.Outbound;
using Negotiation.Domain.Deals;

namespace Negotiation.Conversations.Tests.Handlers;

public class DealCommandHandlerTests
{
    [Fact]
    public async Task Start_NewChannel_StartsDealInPrepareAndAnswersInThread()
    {
        var engine = new TestEngine();
        var command = engine.Command("start Acme renewal trading");
        var reply = await engine.SendAsync(command);

        var deal = await engine.DealAsync();
        Assert.Equal("Acme renewal", deal.Name);
        Assert.Equal(NegotiationType.Trading, deal.Type);
        Assert.Equal(Phase.Prepare, deal.Phase);
        Assert.Equal(command.MessageId, deal.ThreadId);
        Assert.NotNull(reply);
        Assert.Equal(Visibility.Thread, reply.Visibility);
        Assert.Equal(command.MessageId, reply.ThreadId);
    }

    [Fact]
    public async Task Start_WhileDealActive_RefusesAndKeepsTheFirstDeal()
    {
        var engine = new TestEngine();
        await engine.CommandAsync("start Acme renewal");
        var reply = await engine.CommandAsync("start Other deal");

        Assert.Equal(ReplyKind.Error, Assert.Single(reply!.Parts).Kind);
        Assert.Contains("already has an active deal", reply.Parts[0].Text, StringComparison.Ordinal);
        Assert.Equal("Acme renewal", (await engine.DealAsync()).Name);
    }

    [Fact]
    public async Task Start_AfterClose_StartsANewDeal()
    {
        var engine = new TestEngine();
        await engine.CommandAsync("start Acme renewal");
        await engine.CommandAsync("close");
        await engine.CommandAsync("start Acme expansion");

        Assert.Equal("Acme expansion", (await engine.DealAsync()).Name);
    }

    [Theory]
    [InlineData("give 5% off")]
    [InlineData("ledger")]
    [InlineData("align")]
    [InlineData("phase propose")]
    public async Task Command_WithoutDeal_SaysHowToStartOne(string text)
    {
        var engine = new TestEngine();
        var reply = await engine.CommandAsync(text);

        var part = Assert.Single(reply!.Parts);
        Assert.Equal(ReplyKind.Error, part.Kind);
        Assert.Equal(DealCommandHandler.NoDeal, part.Text);
        Assert.Equal(Visibility.Ephemeral, reply.Visibility);
    }

    [Fact]
    public async Task Malformed_AnswersWithProblemAndUsageOnlyToTheAuthor()
    {
        var engine = new TestEngine();
        var reply = await engine.CommandAsync("phase haggle");

        var part = Assert.Single(reply!.Parts);
        Assert.Equal(ReplyKind.Error, part.Kind);
        Assert.Contains("Usage: /deal phase prepare|communicate|propose|align", part.Text, StringComparison.Ordinal);
        Assert.Equal(Visibility.Ephemeral, reply.Visibility);
    }

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var reply = await new TestEngine().CommandAsync("help");

        var text = Assert.Single(reply!.Parts).Text;
        foreach (var verb in new[] { "start", "type", "phase", "plan", "give", "get", "rephrase", "term", "next", "ledger", "align", "close", "quiet", "export", "help" })
        {
            Assert.Contains("/deal " + verb, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TypeAndPhase_ChangeTheDeal()
    {
        var engine = new TestEngine();
        await engine.CommandAsync("start Acme renewal");
        await engine.CommandAsync("type partnering");
        await engine.CommandAsync("phase communicate");

        var deal = await engine.DealAsync();
        Assert.Equal(NegotiationType.Partnering, deal.Type);
        Assert.Equal(Phase.Communicate, deal.Phase);
    }

    [Fact]
    public async Task Plan_RecordsTermsWantsOffersMovesAndCounterpartyAndShowsThem()
    {
        var engine = new TestEngine();
        await engine.CommandAsync("start Acme renewal");
        await engine.CommandAsync("plan price opening $120k walkaway $95k");
        await engine.CommandAsync("plan want two-year term value $40k");
        await engine.CommandAsync("plan offer free onboarding cost $8k");
        await engine.CommandAsync("plan move hold price until volume is agreed");
        await engine.CommandAsync("plan counterparty Acme Corp");
        var shown = await engine.CommandAsync("plan");

        var deal = await engine.DealAsync();
        Assert.Equal(25_000m, deal.PlanFor(Domain.Moves.Term.Price)!.RoomToMove!.Value);
        Assert.Equal("two-year term", Assert.Single(deal.WantedGets).Item);
        Assert.Equal("free onboarding", Assert.Single(deal.PossibleGives).Item);
        Assert.Single(deal.PlannedMoves);
        Assert.Equal("Acme Corp", deal.Counterparty);
        var text = Assert.Single(shown!.Parts).Text;
        Assert.Contains("opening $120,000", text, StringComparison.Ordinal);
        Assert.Contains("want: two-year term (worth $40,000)", text, StringComparison.Ordinal);
        Assert.Contains("could give: free onboarding (costs $8,000)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Give_WithNothingBack_PromptsWithQuestionAndTradeSuggestionFromBestWantedGet()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var reply = await engine.CommandAsync("give 5% off list");

        var prompt = reply!.Parts[0];
        Assert.Equal(ReplyKind.ReciprocityPrompt, prompt.Kind);
        Assert.Contains("If you are making a concession, what are you getting in return?", prompt.Text, StringComparison.Ordinal);
        Assert.Contains("If we ", prompt.Text, StringComparison.Ordinal);
        Assert.Contains("two-year term", prompt.Text, StringComparison.Ordinal);
        Assert.Equal(Visibility.Thread, reply.Visibility);
        var give = Assert.Single((await engine.DealAsync()).Moves);
        Assert.True(give.IsGive);
        Assert.Equal(Domain.Moves.Term.Price, give.Term);
        Assert.Equal(Domain.Moves.Amount.Percent(5), give.Amount);
    }

    [Fact]
    public async Task Give_Unlabelled_CarriesLabelItWarningAsTheOnlyWarning()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var reply = await engine.CommandAsync("give 5% off list");

        Assert.Equal(["reciprocity_prompt", "warning:label_it"], reply!.Parts.Select(p => p.WireKind));
    }

    [Fact]
    public async Task Give_SecondWithoutGet_WarnsDoubleGiveNotLabelIt()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.CommandAsync("give 5% off list");
        var reply = await engine.CommandAsync("give free onboarding");

        Assert.Equal(["reciprocity_prompt", "warning:double_give"], reply!.Parts.Select(p => p.WireKind));
    }

    [Fact]
    public async Task Give_BeforePropose_WarnsTooEarly()
    {
        var engine = new TestEngine();
        await engine.CommandAsync("start Acme renewal");
        var reply = await engine.CommandAsync("give 5% off list");

        Assert.Equal("warning:too_early", reply!.Parts[^1].WireKind);
    }

    [Fact]
    public async Task Give_PastWalkaway_PastLimitOutranksEveryOtherWarning()
    {
        var engine = new TestEngine();
        await engine.CommandAsync("start Acme renewal");
        await engine.CommandAsync("plan price walkaway 10%");
        await engine.CommandAsync("give 6% off list");
        // Double-give, larger than last, too early and unlabelled all fire too; only past_limit is said.
        var reply = await engine.CommandAsync("give another 7% off");

        Assert.Equal(["reciprocity_prompt", "warning:past_limit"], reply!.Parts.Select(p => p.WireKind));
        Assert.Contains("13%", reply.Parts[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AfterOpenGives_LogsTradeLinkingThem()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.CommandAsync("give 5% off list");
        var reply = await engine.CommandAsync("get two-year term");

        Assert.Equal("trade_logged", Assert.Single(reply!.Parts).WireKind);
        var deal = await engine.DealAsync();
        var trade = Assert.Single(deal.Trades);
        Assert.Equal([1], trade.GiveNumbers);
        Assert.Equal([2], trade.GetNumbers);
        Assert.Empty(deal.OpenGives);
    }

    [Fact]
    public async Task Give_AfterGet_IsNotADoubleGiveAndAsksForTheNextWantedGet()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.CommandAsync("give 5% off list");
        await engine.CommandAsync("get two-year term");
        var reply = await engine.CommandAsync("give 3% off list");

        Assert.DoesNotContain(reply!.Parts, p => p.WireKind == "warning:double_give");
        Assert.Contains("case study", reply.Parts[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rephrase_AnswersPrivatelyWithTheTradeForm()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var reply = await engine.CommandAsync("rephrase we extend payment terms to net-60");

        var part = Assert.Single(reply!.Parts);
        Assert.Equal(ReplyKind.Rephrase, part.Kind);
        Assert.Contains("If we extend payment terms to net-60, could you", part.Text, StringComparison.Ordinal);
        Assert.Equal(Visibility.Ephemeral, reply.Visibility);
        Assert.Empty((await engine.DealAsync()).Moves);
    }

    [Fact]
    public async Task TermAndNext_RecordCommitmentsAndNameWhatIsMissing()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var full = await engine.CommandAsync("term Net-45 payment terms owner @maria due 2026-12-15");
        var partial = await engine.CommandAsync("next Send order form owner Sam");

        var deal = await engine.DealAsync();
        Assert.Equal("@maria", Assert.Single(deal.FinalTerms).Owner);
        Assert.Equal("Sam", Assert.Single(deal.NextSteps).Owner);
        Assert.DoesNotContain("still needs", full!.Parts[0].Text, StringComparison.Ordinal);
        Assert.Contains("still needs a deadline", partial!.Parts[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_ListsEveryMoveWithStatus()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.CommandAsync("give 5% off list");
        await engine.CommandAsync("get two-year term");
        await engine.CommandAsync("give free onboarding");
        var reply = await engine.CommandAsync("ledger");

        var part = Assert.Single(reply!.Parts);
        Assert.Equal(3, part.Table!.Rows.Count);
        Assert.Equal("traded for #2", part.Table.Rows[0][5]);
        Assert.Equal("in return for #1", part.Table.Rows[1][5]);
        Assert.Equal("open", part.Table.Rows[2][5]);
        Assert.Equal("$40,000", part.Table.Rows[1][4]);
        Assert.Contains("1 give with nothing in return yet.", part.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Align_PostsSummaryToTheDealThreadAndMovesToAlign()
    {
        var engine = new TestEngine();
        var start = engine.Command("start Acme renewal");
        await engine.SendAsync(start);
        await engine.CommandAsync("phase propose");
        await engine.CommandAsync("give 5% off list");
        await engine.CommandAsync("term Net-45 payment terms owner @maria");
        var reply = await engine.SendAsync(engine.Command("align", threadId: "somewhere-else"));

        var part = Assert.Single(reply!.Parts);
        Assert.Equal(ReplyKind.AlignSummary, part.Kind);
        Assert.Equal(start.MessageId, reply.ThreadId);
        Assert.Equal(Visibility.Thread, reply.Visibility);
        Assert.Equal(Phase.Align, (await engine.DealAsync()).Phase);
        Assert.Equal(
            ["Final terms", "Owners", "Deadlines", "Next steps", "Trade ledger", "Gives with nothing in return", "Still missing an owner or a deadline"],
            part.Sections.Select(s => s.Title));
        Assert.Contains("Term \"Net-45 payment terms\" has no deadline", part.Text, StringComparison.Ordinal);
        Assert.Contains("#1 5% off list", part.Sections[5].Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_ClosesAndPostsTheSummaryThenRefusesNewMoves()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var closed = await engine.CommandAsync("close");
        var after = await engine.CommandAsync("give 1% off");

        Assert.Equal(["command_reply", "align_summary"], closed!.Parts.Select(p => p.WireKind));
        Assert.True((await engine.DealAsync()).IsClosed);
        Assert.Equal(ReplyKind.Error, Assert.Single(after!.Parts).Kind);
        Assert.Empty((await engine.DealAsync()).Moves);
    }

    [Fact]
    public async Task Export_Json_IsAValidDocumentWithEveryMove()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.CommandAsync("give 5% off list");
        await engine.CommandAsync("get two-year term");
        var reply = await engine.CommandAsync("export json");

        using var json = JsonDocument.Parse(Assert.Single(reply!.Parts).Text);
        Assert.Equal("Acme renewal", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("moves").GetArrayLength());
        Assert.Single(json.RootElement.GetProperty("trades").EnumerateArray());
        Assert.Equal(Visibility.Ephemeral, reply.Visibility);
    }

    [Fact]
    public async Task Export_Csv_QuotesCommasAndDefusesFormulas()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.CommandAsync("term =HYPERLINK(\"x\"), with a comma owner Sam");
        var reply = await engine.CommandAsync("export csv");

        var lines = Assert.Single(reply!.Parts).Text.Split('\n');
        Assert.Equal("record,number,kind,term,text,amount,value,owner,due,status", lines[0]);
        Assert.Equal("final_term,1,,,\"'=HYPERLINK(\"\"x\"\"), with a comma\",,,Sam,,", lines[1]);
    }

    [Fact]
    public async Task Export_Markdown_HasMovesAndCommitments()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.CommandAsync("give 5% off list");
        var reply = await engine.CommandAsync("export");

        var text = Assert.Single(reply!.Parts).Text;
        Assert.StartsWith("# Acme renewal", text, StringComparison.Ordinal);
        Assert.Contains("| 1 | give | price | 5% off list | 5% |", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_WithoutConfirm_AsksAndDeletesNothing()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var reply = await engine.CommandAsync("forget");

        Assert.Contains("/deal forget confirm", Assert.Single(reply!.Parts).Text, StringComparison.Ordinal);
        Assert.NotNull(await engine.Deals.FindLatestAsync(TestEngine.DealChannel));
    }

    [Fact]
    public async Task Forget_Confirmed_DeletesTheDealSoTheChannelHasNone()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        var id = (await engine.DealAsync()).Id;
        await engine.CommandAsync("forget confirm");

        Assert.Null(await engine.Deals.FindLatestAsync(TestEngine.DealChannel));
        Assert.Null(await engine.Deals.FindAsync("slack", "T1", id));
        Assert.Equal(DealCommandHandler.NoDeal, Assert.Single((await engine.CommandAsync("ledger"))!.Parts).Text);
    }

    [Fact]
    public async Task NotAGive_LatestUntradedGive_TakesItOffTheLedger()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.SayAsync("we gave them net-60 payment terms");
        var reply = await engine.CommandAsync("not-a-give 1");

        Assert.Contains("off the ledger", Assert.Single(reply!.Parts).Text, StringComparison.Ordinal);
        Assert.Empty((await engine.DealAsync()).Moves);
    }

    [Fact]
    public async Task NotAGive_TradedGive_StaysAndSaysWhy()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.CommandAsync("give 5% off list");
        await engine.CommandAsync("get two-year term");
        var reply = await engine.CommandAsync("not-a-give 1");

        Assert.Contains("stays in the ledger", Assert.Single(reply!.Parts).Text, StringComparison.Ordinal);
        Assert.Equal(2, (await engine.DealAsync()).Moves.Count);
    }

    [Fact]
    public async Task NotAGive_KeepsTheMessageAsALabelledExample_ExportedAsJsonLines()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.SayAsync("we gave them net-60 payment terms");
        await engine.CommandAsync("not-a-give 1");

        var export = Assert.Single((await engine.CommandAsync("export labels"))!.Parts).Text;

        using var line = System.Text.Json.JsonDocument.Parse(Assert.Single(export.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("other", line.RootElement.GetProperty("label").GetString());
        Assert.Equal("payment_terms", line.RootElement.GetProperty("term").GetString());
        Assert.Contains("net-60", line.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotAGive_OnAGet_IsRefusedAndKeepsNoExample()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.CommandAsync("get two-year term");

        var reply = Assert.Single((await engine.CommandAsync("not-a-give 1"))!.Parts);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        var deal = await engine.DealAsync();
        Assert.Empty(deal.Corrections);
        Assert.Single(deal.Moves);
    }

    [Fact]
    public async Task LedgerShare_PostsInTheDealThreadForEveryone_PlainLedgerOnlyToTheAsker()
    {
        var engine = new TestEngine();
        await engine.StartProposingAsync();
        await engine.CommandAsync("give 5% off list");

        var mine = await engine.CommandAsync("ledger");
        var shared = await engine.CommandAsync("ledger share");

        Assert.Equal(Visibility.Ephemeral, mine!.Visibility);
        Assert.Equal(Visibility.Thread, shared!.Visibility);
        Assert.Equal((await engine.DealAsync()).ThreadId, shared.ThreadId);
        Assert.Equal(mine.Parts[0].Text, shared.Parts[0].Text);
    }
}
