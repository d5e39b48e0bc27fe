using System.Text.Json;
using System.Text.Json.Nodes;
using Negotiation.Conversations.Commands;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;
using Negotiation.Slack.Mapping;
using static Negotiation.Slack.Tests.Mapping.SlackTestData;

namespace Negotiation.Slack.Tests.Mapping;

public sealed class SlackModalsTests
{
    [Fact]
    public void PlanModal_Deal_IsModalWithinSlackLimits()
    {
        var view = SlackModals.PlanModal(PlannedDeal(), "T1:C1");

        Assert.Equal("modal", (string?)view["type"]);
        Assert.Equal(SlackModals.PlanCallbackId, (string?)view["callback_id"]);
        Assert.Equal("deal_plan", SlackModals.PlanCallbackId);
        Assert.Equal("Deal plan", (string?)view["title"]!["text"]);
        Assert.Equal("T1:C1", (string?)view["private_metadata"]);
        Assert.All(new[] { "title", "submit", "close" }, k => Assert.InRange(((string)view[k]!["text"]!).Length, 1, 24));
        var blocks = view["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, 100);
        var inputs = OfType(blocks, "input").ToList();
        Assert.Equal(
            [SlackModals.TypeBlockId, SlackModals.PhaseBlockId, SlackModals.CounterpartyBlockId, SlackModals.TermBlockId, SlackModals.OpeningBlockId,
             SlackModals.TargetBlockId, SlackModals.WalkawayBlockId, SlackModals.WantsBlockId, SlackModals.GivesBlockId],
            inputs.Select(i => (string?)i["block_id"]));
        Assert.Equal(inputs.Count, inputs.Select(i => (string?)i["element"]!["action_id"]).Distinct().Count());
        Assert.Equal([false, false, true, false, true, true, true, true, true], inputs.Select(i => (bool)i["optional"]!));
    }

    [Fact]
    public void PlanModal_PlannedDeal_InitialValuesReflectTheDeal()
    {
        var view = SlackModals.PlanModal(PlannedDeal(), "T1:C1");

        var blocks = view["blocks"]!.AsArray();
        Assert.Equal("trading", InitialOption(blocks, SlackModals.TypeBlockId));
        Assert.Equal("propose", InitialOption(blocks, SlackModals.PhaseBlockId));
        Assert.Equal("price", InitialOption(blocks, SlackModals.TermBlockId));
        Assert.Equal("Acme Corp", InitialValue(blocks, SlackModals.CounterpartyBlockId));
        Assert.Equal("$480,000", InitialValue(blocks, SlackModals.OpeningBlockId));
        Assert.Equal("$450,000 to $465,000", InitialValue(blocks, SlackModals.TargetBlockId));
        Assert.Equal("$430,000", InitialValue(blocks, SlackModals.WalkawayBlockId));
        Assert.Equal("three-year term = $60,000\ncase study", InitialValue(blocks, SlackModals.WantsBlockId));
        Assert.Equal("free onboarding = $12,000", InitialValue(blocks, SlackModals.GivesBlockId));
    }

    [Fact]
    public void PlanModal_NewDeal_LeavesOptionalInputsEmptyAndDefaultsToPrice()
    {
        var view = SlackModals.PlanModal(NewDeal(), "T1:C1");

        var blocks = view["blocks"]!.AsArray();
        Assert.Equal("bargaining", InitialOption(blocks, SlackModals.TypeBlockId));
        Assert.Equal("prepare", InitialOption(blocks, SlackModals.PhaseBlockId));
        Assert.Equal("price", InitialOption(blocks, SlackModals.TermBlockId));
        Assert.All(
            new[] { SlackModals.CounterpartyBlockId, SlackModals.OpeningBlockId, SlackModals.TargetBlockId, SlackModals.WalkawayBlockId, SlackModals.WantsBlockId, SlackModals.GivesBlockId },
            id => Assert.Null(InitialValue(blocks, id)));
    }

    [Fact]
    public void PlanModal_DealNameWithMentions_IsEscapedInTheIntro()
    {
        var view = SlackModals.PlanModal(NewDeal("<!channel> & co"), "T1:C1");

        Assert.DoesNotContain(Strings(view), s => s.Contains("<!channel>", StringComparison.Ordinal));
        Assert.Contains(Strings(view), s => s.Contains("&lt;!channel&gt; &amp; co", StringComparison.Ordinal));
    }

    [Fact]
    public void PlanModal_MetadataOver3000Chars_Throws()
    {
        Assert.Throws<ArgumentException>(() => SlackModals.PlanModal(NewDeal(), new string('m', 3001)));
    }

    [Fact]
    public void ReadPlanSubmission_ModalSubmittedUnchanged_CommandsRebuildTheSamePlan()
    {
        var original = PlannedDeal();
        var state = StateAsSlackSends(SlackModals.PlanModal(original, "T1:C1"));

        var submission = SlackModals.ReadPlanSubmission(state, Today);

        Assert.True(submission.IsValid);
        Assert.Equal(
        [
            "type trading",
            "phase propose",
            "plan counterparty Acme Corp",
            "plan price opening $480,000 target $450,000 to $465,000 walkaway $430,000",
            "plan want three-year term value $60,000",
            "plan want case study",
            "plan offer free onboarding cost $12,000",
        ], submission.Commands);
        var rebuilt = Apply(NewDeal(), submission.Commands);
        Assert.Equal(original.Type, rebuilt.Type);
        Assert.Equal(original.Phase, rebuilt.Phase);
        Assert.Equal(original.Counterparty, rebuilt.Counterparty);
        Assert.Equal(original.TermPlans, rebuilt.TermPlans);
        Assert.Equal(original.WantedGets, rebuilt.WantedGets);
        Assert.Equal(original.PossibleGives, rebuilt.PossibleGives);
    }

    [Fact]
    public void ReadPlanSubmission_TypedValues_ProduceTheEquivalentDealCommands()
    {
        var state = StateAsSlackSends(SlackModals.PlanModal(NewDeal(), "T1:C1"), new()
        {
            [SlackModals.TypeBlockId] = "trading",
            [SlackModals.PhaseBlockId] = "propose",
            [SlackModals.CounterpartyBlockId] = "  Acme   Corp ",
            [SlackModals.TermBlockId] = "price",
            [SlackModals.OpeningBlockId] = "$480k",
            [SlackModals.TargetBlockId] = "$450k-$465k",
            [SlackModals.WalkawayBlockId] = "$430k",
            [SlackModals.WantsBlockId] = "three-year term = $60k\n\n  case study  \r\nreference call =",
            [SlackModals.GivesBlockId] = "free onboarding = $12k",
        });

        var submission = SlackModals.ReadPlanSubmission(state, Today);

        Assert.Empty(submission.Errors);
        Assert.Equal(
        [
            "type trading",
            "phase propose",
            "plan counterparty Acme Corp",
            "plan price opening $480k target $450k-$465k walkaway $430k",
            "plan want three-year term value $60k",
            "plan want case study",
            "plan want reference call",
            "plan offer free onboarding cost $12k",
        ], submission.Commands);
        Assert.All(submission.Commands, c => Assert.IsNotType<InvalidCommand>(DealCommandParser.Parse(c, Today)));
        var plan = Assert.IsType<PlanTermCommand>(DealCommandParser.Parse(submission.Commands[3], Today)).Plan;
        Assert.Equal(new TermPlan(Term.Price, Amount.Money(480_000), Amount.Money(450_000), Amount.Money(465_000), Amount.Money(430_000)), plan);
    }

    [Fact]
    public void ReadPlanSubmission_OtherTermAndPartialPlan_PlansThatTermOnly()
    {
        var state = StateAsSlackSends(SlackModals.PlanModal(NewDeal(), "T1:C1"), new()
        {
            [SlackModals.TermBlockId] = "payment_terms",
            [SlackModals.WalkawayBlockId] = "net-60",
        });

        var submission = SlackModals.ReadPlanSubmission(state, Today);

        Assert.Equal(["type bargaining", "phase prepare", "plan payment_terms walkaway net-60"], submission.Commands);
        var plan = Assert.IsType<PlanTermCommand>(DealCommandParser.Parse(submission.Commands[2], Today)).Plan;
        Assert.Equal(new TermPlan(Term.PaymentTerms, Walkaway: Amount.Duration(60, "days")), plan);
    }

    [Fact]
    public void ReadPlanSubmission_UnreadableOpening_ErrorOnOpeningBlockNamingValueAndExample()
    {
        var state = StateAsSlackSends(SlackModals.PlanModal(NewDeal(), "T1:C1"), new()
        {
            [SlackModals.OpeningBlockId] = "a lot",
            [SlackModals.WalkawayBlockId] = "$430k",
        });

        var submission = SlackModals.ReadPlanSubmission(state, Today);

        Assert.False(submission.IsValid);
        Assert.Empty(submission.Commands);
        var error = Assert.Single(submission.Errors);
        Assert.Equal(SlackModals.OpeningBlockId, error.Key);
        Assert.Contains("\"a lot\"", error.Value, StringComparison.Ordinal);
        Assert.Contains("$480k", error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPlanSubmission_UnreadableTargetAndWalkaway_ErrorOnEachBlock()
    {
        var state = StateAsSlackSends(SlackModals.PlanModal(NewDeal(), "T1:C1"), new()
        {
            [SlackModals.TargetBlockId] = "$450k-ish",
            [SlackModals.WalkawayBlockId] = "92",
        });

        var submission = SlackModals.ReadPlanSubmission(state, Today);

        Assert.Equal([SlackModals.TargetBlockId, SlackModals.WalkawayBlockId], submission.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("\"$450k-ish\"", submission.Errors[SlackModals.TargetBlockId], StringComparison.Ordinal);
        Assert.Contains("$450k-$465k", submission.Errors[SlackModals.TargetBlockId], StringComparison.Ordinal);
        Assert.Contains("\"92\"", submission.Errors[SlackModals.WalkawayBlockId], StringComparison.Ordinal);
        Assert.Empty(submission.Commands);
    }

    [Fact]
    public void ReadPlanSubmission_UnreadableWantValues_ErrorNamesFirstLineAndCountsTheRest()
    {
        var state = StateAsSlackSends(SlackModals.PlanModal(NewDeal(), "T1:C1"), new()
        {
            [SlackModals.WantsBlockId] = "three-year term = $60k\ncase study = priceless\nlogo = lots",
            [SlackModals.GivesBlockId] = "= $5k",
        });

        var submission = SlackModals.ReadPlanSubmission(state, Today);

        Assert.Empty(submission.Commands);
        Assert.StartsWith("Line 2: I couldn't read \"priceless\" as an amount. Try $480k", submission.Errors[SlackModals.WantsBlockId], StringComparison.Ordinal);
        Assert.EndsWith("(1 more line to fix.)", submission.Errors[SlackModals.WantsBlockId], StringComparison.Ordinal);
        Assert.StartsWith("Line 1: name the item before the =", submission.Errors[SlackModals.GivesBlockId], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SlackModals.WantsBlockId, "best value deal")]
    [InlineData(SlackModals.GivesBlockId, "at cost pricing")]
    public void ReadPlanSubmission_ItemContainingTheAmountKeyword_ErrorInsteadOfACommandThatMisreads(string blockId, string line)
    {
        var state = StateAsSlackSends(SlackModals.PlanModal(NewDeal(), "T1:C1"), new() { [blockId] = line });

        var submission = SlackModals.ReadPlanSubmission(state, Today);

        Assert.Empty(submission.Commands);
        Assert.Contains($"\"{line}\"", submission.Errors[blockId], StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPlanSubmission_ItemWithKeywordAndValue_ReadsBack()
    {
        var state = StateAsSlackSends(SlackModals.PlanModal(NewDeal(), "T1:C1"), new() { [SlackModals.WantsBlockId] = "best value deal = $5k" });

        var submission = SlackModals.ReadPlanSubmission(state, Today);

        var command = Assert.Single(submission.Commands, c => c.StartsWith("plan want", StringComparison.Ordinal));
        Assert.Equal(new WantedGet("best value deal", Amount.Money(5_000)), Assert.IsType<PlanWantCommand>(DealCommandParser.Parse(command, Today)).Get);
    }

    [Fact]
    public void ReadPlanSubmission_ValuesNullAsSlackSendsForEmptyInputs_OnlyTypeAndPhase()
    {
        using var json = JsonDocument.Parse("""
            {
              "plan_type": { "plan_type_select": { "type": "static_select", "selected_option": { "text": { "type": "plain_text", "text": "Creating" }, "value": "creating" } } },
              "plan_phase": { "plan_phase_select": { "type": "static_select", "selected_option": { "text": { "type": "plain_text", "text": "Align" }, "value": "align" } } },
              "plan_counterparty": { "plan_counterparty_input": { "type": "plain_text_input", "value": null } },
              "plan_term": { "plan_term_select": { "type": "static_select", "selected_option": null } },
              "plan_opening": { "plan_opening_input": { "type": "plain_text_input", "value": null } },
              "plan_wants": { "plan_wants_input": { "type": "plain_text_input", "value": "" } }
            }
            """);

        var submission = SlackModals.ReadPlanSubmission(json.RootElement, Today);

        Assert.Empty(submission.Errors);
        Assert.Equal(["type creating", "phase align"], submission.Commands);
    }

    [Fact]
    public void ReadPlanSubmission_ForgedSelectValues_ErrorsOnThoseBlocks()
    {
        var state = StateAsSlackSends(SlackModals.PlanModal(NewDeal(), "T1:C1"), new()
        {
            [SlackModals.TypeBlockId] = "hostile",
            [SlackModals.PhaseBlockId] = "closed",
            [SlackModals.TermBlockId] = "everything",
        });

        var submission = SlackModals.ReadPlanSubmission(state, Today);

        Assert.Equal([SlackModals.PhaseBlockId, SlackModals.TermBlockId, SlackModals.TypeBlockId], submission.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(submission.Commands);
    }

    [Fact]
    public void LogGetModal_Metadata_IsSmallModalWithOneInput()
    {
        var view = SlackModals.LogGetModal("T1:C1:1700000000.000100:3");

        Assert.Equal("modal", (string?)view["type"]);
        Assert.Equal("log_get", (string?)view["callback_id"]);
        Assert.Equal("T1:C1:1700000000.000100:3", (string?)view["private_metadata"]);
        Assert.All(new[] { "title", "submit", "close" }, k => Assert.InRange(((string)view[k]!["text"]!).Length, 1, 24));
        var input = Assert.Single(view["blocks"]!.AsArray())!;
        Assert.Equal(SlackModals.LogGetBlockId, (string?)input["block_id"]);
        Assert.Equal("What did they give in return?", (string?)input["label"]!["text"]);
        Assert.Equal(SlackModals.LogGetActionId, (string?)input["element"]!["action_id"]);
        Assert.Equal("plain_text_input", (string?)input["element"]!["type"]);
    }

    [Fact]
    public void ReadLogGet_Text_ReturnsItTrimmed()
    {
        var text = SlackModals.ReadLogGet(LogGetState("  a three-year term  "), out var error);

        Assert.Equal("a three-year term", text);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ReadLogGet_Empty_ReturnsNullWithError(string? value)
    {
        var text = SlackModals.ReadLogGet(LogGetState(value), out var error);

        Assert.Null(text);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void ReadLogGet_Over500Chars_ReturnsNullWithError()
    {
        var text = SlackModals.ReadLogGet(LogGetState(new string('g', 501)), out var error);

        Assert.Null(text);
        Assert.Contains("500", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLogGet_Exactly500Chars_IsAccepted()
    {
        var text = SlackModals.ReadLogGet(LogGetState(new string('g', 500)), out var error);

        Assert.Equal(500, text?.Length);
        Assert.Null(error);
    }

    [Fact]
    public void LogGetModal_MetadataOver3000Chars_Throws()
    {
        Assert.Throws<ArgumentException>(() => SlackModals.LogGetModal(new string('m', 3001)));
    }

    private static Deal PlannedDeal()
    {
        var deal = NewDeal(type: NegotiationType.Trading);
        deal.MoveTo(Phase.Propose);
        deal.NameCounterparty("Acme Corp");
        deal.PlanTerm(new TermPlan(Term.Price, Amount.Money(480_000), Amount.Money(450_000), Amount.Money(465_000), Amount.Money(430_000)));
        deal.WantGet(new WantedGet("three-year term", Amount.Money(60_000)));
        deal.WantGet(new WantedGet("case study"));
        deal.OfferGive(new PossibleGive("free onboarding", Amount.Money(12_000)));
        return deal;
    }

    /// <summary>
    /// <c>view.state.values</c> as Slack sends it on submit: every input block by block id and action id, holding what
    /// the form shows (its initial values) unless <paramref name="typed"/> changes it.
    /// </summary>
    private static JsonElement StateAsSlackSends(JsonObject view, Dictionary<string, string?>? typed = null)
    {
        var values = new JsonObject();
        foreach (var input in OfType(view["blocks"]!.AsArray(), "input"))
        {
            var blockId = (string)input["block_id"]!;
            var element = input["element"]!;
            var actionId = (string)element["action_id"]!;
            var type = (string)element["type"]!;
            var state = new JsonObject { ["type"] = type };
            var changed = typed?.TryGetValue(blockId, out var value) == true;
            if (type == "static_select")
            {
                state["selected_option"] = changed
                    ? new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = typed![blockId] }, ["value"] = typed[blockId] }
                    : element["initial_option"]?.DeepClone();
            }
            else
            {
                state["value"] = changed ? typed![blockId] : (string?)element["initial_value"];
            }

            values[blockId] = new JsonObject { [actionId] = state };
        }

        return JsonDocument.Parse(values.ToJsonString()).RootElement.Clone();
    }

    private static JsonElement LogGetState(string? value) =>
        StateAsSlackSends(SlackModals.LogGetModal("m"), new() { [SlackModals.LogGetBlockId] = value });

    private static string? InitialOption(JsonArray blocks, string blockId) =>
        (string?)Input(blocks, blockId)["element"]!["initial_option"]?["value"];

    private static string? InitialValue(JsonArray blocks, string blockId) =>
        (string?)Input(blocks, blockId)["element"]!["initial_value"];

    private static JsonObject Input(JsonArray blocks, string blockId) =>
        OfType(blocks, "input").Single(b => (string?)b["block_id"] == blockId);

    /// <summary>Runs plan commands on a deal the way the command handler would.</summary>
    private static Deal Apply(Deal deal, IEnumerable<string> commands)
    {
        foreach (var text in commands)
        {
            switch (DealCommandParser.Parse(text, Today))
            {
                case TypeCommand c: deal.ChangeType(c.Type); break;
                case PhaseCommand c: deal.MoveTo(c.Phase); break;
                case PlanCounterpartyCommand c: deal.NameCounterparty(c.Counterparty); break;
                case PlanTermCommand c: deal.PlanTerm(c.Plan); break;
                case PlanWantCommand c: deal.WantGet(c.Get); break;
                case PlanOfferCommand c: deal.OfferGive(c.Give); break;
                case var other: Assert.Fail($"\"{text}\" parsed as {other}."); break;
            }
        }

        return deal;
    }
}
