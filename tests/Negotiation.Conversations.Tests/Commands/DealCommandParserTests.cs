using Negotiation.Conversations.Commands;
using Negotiation.Domain.Deals;
using Negotiation.Domain.Moves;

namespace Negotiation.Conversations.Tests.Commands;

public class DealCommandParserTests
{
    // A Thursday.
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static DealCommand Parse(string text) => DealCommandParser.Parse(text, Today);

    [Theory]
    [InlineData("start Acme renewal", "Acme renewal", NegotiationType.Bargaining)]
    [InlineData("start Acme renewal trading", "Acme renewal", NegotiationType.Trading)]
    [InlineData("START Globex supply Partnering", "Globex supply", NegotiationType.Partnering)]
    [InlineData("start   Initech   services   creating", "Initech services", NegotiationType.Creating)]
    public void Parse_Start_ReadsNameAndOptionalType(string text, string name, NegotiationType type)
    {
        var start = Assert.IsType<StartCommand>(Parse(text));
        Assert.Equal(name, start.Name);
        Assert.Equal(type, start.Type);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("start trading")]
    public void Parse_StartWithoutName_IsInvalidWithStartUsage(string text)
    {
        var invalid = Assert.IsType<InvalidCommand>(Parse(text));
        Assert.Equal(CommandUsage.Start, invalid.Usage);
    }

    [Theory]
    [InlineData("type trading", NegotiationType.Trading)]
    [InlineData("type PARTNERING", NegotiationType.Partnering)]
    public void Parse_Type_ReadsType(string text, NegotiationType type) =>
        Assert.Equal(type, Assert.IsType<TypeCommand>(Parse(text)).Type);

    [Theory]
    [InlineData("type")]
    [InlineData("type haggling")]
    [InlineData("type 2")]
    public void Parse_TypeUnknown_IsInvalid(string text) =>
        Assert.Equal(CommandUsage.Type, Assert.IsType<InvalidCommand>(Parse(text)).Usage);

    [Theory]
    [InlineData("phase propose", Phase.Propose)]
    [InlineData("phase Communicate", Phase.Communicate)]
    [InlineData("phase align", Phase.Align)]
    public void Parse_Phase_ReadsPhase(string text, Phase phase) =>
        Assert.Equal(phase, Assert.IsType<PhaseCommand>(Parse(text)).Phase);

    [Theory]
    [InlineData("phase closed")]
    [InlineData("phase negotiate")]
    [InlineData("phase")]
    public void Parse_PhaseInvalidOrClosed_IsInvalid(string text) =>
        Assert.Equal(CommandUsage.Phase, Assert.IsType<InvalidCommand>(Parse(text)).Usage);

    [Fact]
    public void Parse_PlanAlone_ShowsPlan() => Assert.IsType<ShowPlanCommand>(Parse("plan"));

    [Fact]
    public void Parse_PlanTerm_ReadsOpeningTargetRangeAndWalkaway()
    {
        var plan = Assert.IsType<PlanTermCommand>(Parse("plan price opening $120k target $105k-$110k walkaway $95k")).Plan;
        Assert.Equal(Term.Price, plan.Term);
        Assert.Equal(Amount.Money(120_000), plan.Opening);
        Assert.Equal(Amount.Money(105_000), plan.TargetLow);
        Assert.Equal(Amount.Money(110_000), plan.TargetHigh);
        Assert.Equal(Amount.Money(95_000), plan.Walkaway);
    }

    [Fact]
    public void Parse_PlanMultiWordTermWithDurations_ReadsSingleTargetAndLimitSynonym()
    {
        var plan = Assert.IsType<PlanTermCommand>(Parse("plan payment terms opening net-30 target net-45 limit net-60")).Plan;
        Assert.Equal(Term.PaymentTerms, plan.Term);
        Assert.Equal(30m, plan.Opening!.Value);
        Assert.Equal(45m, plan.TargetLow!.Value);
        Assert.Null(plan.TargetHigh);
        Assert.Equal(60m, plan.Walkaway!.Value);
    }

    [Fact]
    public void Parse_PlanWalkawayOnly_ReadsLimit()
    {
        var plan = Assert.IsType<PlanTermCommand>(Parse("plan price walkaway 15%")).Plan;
        Assert.Null(plan.Opening);
        Assert.Equal(Amount.Percent(15), plan.Walkaway);
    }

    [Theory]
    [InlineData("plan price opening lots")]
    [InlineData("plan price walkaway")]
    [InlineData("plan price")]
    [InlineData("plan weather opening 5%")]
    public void Parse_PlanTermMalformed_IsInvalidWithPlanUsage(string text) =>
        Assert.Equal(CommandUsage.Plan, Assert.IsType<InvalidCommand>(Parse(text)).Usage);

    [Fact]
    public void Parse_PlanWant_ReadsItemAndValue()
    {
        var want = Assert.IsType<PlanWantCommand>(Parse("plan want two-year term value $40k")).Get;
        Assert.Equal("two-year term", want.Item);
        Assert.Equal(Amount.Money(40_000), want.Value);
    }

    [Fact]
    public void Parse_PlanOfferWithoutCost_ReadsItem()
    {
        var offer = Assert.IsType<PlanOfferCommand>(Parse("plan offer free onboarding")).Give;
        Assert.Equal("free onboarding", offer.Item);
        Assert.Null(offer.Cost);
    }

    [Fact]
    public void Parse_PlanOfferBadCost_IsInvalid() =>
        Assert.IsType<InvalidCommand>(Parse("plan offer free onboarding cost a lot"));

    [Fact]
    public void Parse_PlanMoveAndCounterparty_ReadText()
    {
        Assert.Equal("hold price until they commit to volume", Assert.IsType<PlanMoveCommand>(Parse("plan move hold price until they commit to volume")).Move);
        Assert.Equal("Acme Corp", Assert.IsType<PlanCounterpartyCommand>(Parse("plan counterparty Acme Corp")).Counterparty);
    }

    [Theory]
    [InlineData("give 8% off list", "8% off list")]
    [InlineData("GIVE net-60 payment terms", "net-60 payment terms")]
    public void Parse_Give_KeepsText(string text, string expected) =>
        Assert.Equal(expected, Assert.IsType<GiveCommand>(Parse(text)).Text);

    [Theory]
    [InlineData("give", CommandUsage.Give)]
    [InlineData("get", CommandUsage.Get)]
    [InlineData("rephrase", CommandUsage.Rephrase)]
    [InlineData("term", CommandUsage.Term)]
    [InlineData("next", CommandUsage.Next)]
    public void Parse_TextCommandWithoutText_IsInvalidWithItsUsage(string text, string usage) =>
        Assert.Equal(usage, Assert.IsType<InvalidCommand>(Parse(text)).Usage);

    [Fact]
    public void Parse_TermWithOwnerAndIsoDue_ReadsAll()
    {
        var term = Assert.IsType<TermCommand>(Parse("term Net-45 payment terms owner @maria due 2026-12-15")).Term;
        Assert.Equal("Net-45 payment terms", term.Text);
        Assert.Equal("@maria", term.Owner);
        Assert.Equal(new DateOnly(2026, 12, 15), term.Due);
    }

    [Fact]
    public void Parse_NextWithDueBeforeOwner_ReadsBothInAnyOrder()
    {
        var step = Assert.IsType<NextCommand>(Parse("next Send redlines due Dec 15 owner Maria Lopez")).Step;
        Assert.Equal("Send redlines", step.Text);
        Assert.Equal("Maria Lopez", step.Owner);
        Assert.Equal(new DateOnly(2026, 12, 15), step.Due);
    }

    [Fact]
    public void Parse_NextWithRelativeDue_ResolvesAgainstToday()
    {
        var step = Assert.IsType<NextCommand>(Parse("next Countersign order form owner <@U123> due next Friday")).Step;
        Assert.Equal("<@U123>", step.Owner);
        Assert.Equal(new DateOnly(2026, 12, 4), step.Due);
    }

    [Fact]
    public void Parse_TermWithOwnerWordInsideText_UsesOnlyTheTrailingClause()
    {
        var term = Assert.IsType<TermCommand>(Parse("term Account owner review quarterly owner Sam")).Term;
        Assert.Equal("Account owner review quarterly", term.Text);
        Assert.Equal("Sam", term.Owner);
    }

    [Fact]
    public void Parse_TermWithoutClauses_HasNoOwnerOrDue()
    {
        var term = Assert.IsType<TermCommand>(Parse("term Three-year subscription at $96k per year")).Term;
        Assert.Equal("Three-year subscription at $96k per year", term.Text);
        Assert.Null(term.Owner);
        Assert.Null(term.Due);
    }

    [Fact]
    public void Parse_NextWithUnreadableDate_ExplainsTheDate()
    {
        var invalid = Assert.IsType<InvalidCommand>(Parse("next Send MSA owner Sam due sometime soonish"));
        Assert.Contains("sometime soonish", invalid.Problem, StringComparison.Ordinal);
        Assert.Equal(CommandUsage.Next, invalid.Usage);
    }

    [Theory]
    [InlineData("ledger")]
    [InlineData("align")]
    [InlineData("close")]
    [InlineData("help")]
    public void Parse_NoArgumentCommands_Parse(string text) => Assert.IsNotType<InvalidCommand>(Parse(text));

    [Theory]
    [InlineData("ledger please", CommandUsage.Ledger)]
    [InlineData("close it now", CommandUsage.Close)]
    public void Parse_NoArgumentCommandsWithArguments_AreInvalid(string text, string usage) =>
        Assert.Equal(usage, Assert.IsType<InvalidCommand>(Parse(text)).Usage);

    [Theory]
    [InlineData("ledger", false)]
    [InlineData("ledger share", true)]
    [InlineData("ledger SHARE", true)]
    public void Parse_Ledger_ReadsShare(string text, bool share) => Assert.Equal(share, Assert.IsType<LedgerCommand>(Parse(text)).Share);

    [Theory]
    [InlineData("quiet on", true)]
    [InlineData("quiet OFF", false)]
    public void Parse_Quiet_ReadsOnOff(string text, bool on) => Assert.Equal(on, Assert.IsType<QuietCommand>(Parse(text)).On);

    [Theory]
    [InlineData("quiet")]
    [InlineData("quiet please")]
    public void Parse_QuietWithoutOnOff_IsInvalid(string text) => Assert.Equal(CommandUsage.Quiet, Assert.IsType<InvalidCommand>(Parse(text)).Usage);

    [Theory]
    [InlineData("export", ExportFormat.Markdown)]
    [InlineData("export md", ExportFormat.Markdown)]
    [InlineData("export CSV", ExportFormat.Csv)]
    [InlineData("export json", ExportFormat.Json)]
    [InlineData("export labels", ExportFormat.Labels)]
    public void Parse_Export_ReadsFormat(string text, ExportFormat format) => Assert.Equal(format, Assert.IsType<ExportCommand>(Parse(text)).Format);

    [Fact]
    public void Parse_ExportUnknownFormat_IsInvalid() => Assert.Equal(CommandUsage.Export, Assert.IsType<InvalidCommand>(Parse("export pdf")).Usage);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_Empty_IsHelp(string? text) => Assert.IsType<HelpCommand>(Parse(text!));

    [Theory]
    [InlineData("concede everything")]
    [InlineData("drop table deals")]
    [InlineData("<script>alert(1)</script>")]
    public void Parse_UnknownCommand_IsInvalidWithHelpUsage(string text)
    {
        var invalid = Assert.IsType<InvalidCommand>(Parse(text));
        Assert.Equal(CommandUsage.Help, invalid.Usage);
        Assert.Contains("don't know the command", invalid.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownCommand_QuotesAtMostFortyCharacters()
    {
        var invalid = Assert.IsType<InvalidCommand>(Parse(new string('x', 500)));
        Assert.DoesNotContain(new string('x', 41), invalid.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Oversized_IsInvalid()
    {
        var invalid = Assert.IsType<InvalidCommand>(Parse("give " + new string('a', DealCommandParser.MaxLength)));
        Assert.Contains("characters long", invalid.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ControlCharacters_AreDropped()
    {
        var give = Assert.IsType<GiveCommand>(Parse("give\u0000 8%\u0007 off\r\n list"));
        Assert.Equal("8% off list", give.Text);
    }

    [Theory]
    [InlineData("forget", false)]
    [InlineData("forget CONFIRM", true)]
    public void Parse_Forget_ReadsConfirmation(string text, bool confirmed) =>
        Assert.Equal(confirmed, Assert.IsType<ForgetCommand>(Parse(text)).Confirmed);

    [Fact]
    public void Parse_ForgetWithOtherWord_IsInvalid() =>
        Assert.Equal(CommandUsage.Forget, Assert.IsType<InvalidCommand>(Parse("forget everything")).Usage);
}
