using Negotiation.Conversations.Language;
using Negotiation.Language.Rephrasing;

namespace Negotiation.Language.Tests.Rephrasing;

public class TemplateRephraserTests
{
    private readonly TemplateRephraser _rephraser = new();

    private async Task<string?> SentenceAsync(string give, string? get = null, params string[] asks)
    {
        var result = await _rephraser.RephraseAsync(new RephraseRequest(give, get, asks));
        return result.Sentence;
    }

    [Theory]
    [InlineData("we'd throw in onboarding for free", "If we throw in onboarding for free, could you commit to a two-year term?")]
    [InlineData("we gave them net-60", "If we extend payment terms to net-60, could you commit to a two-year term?")]
    [InlineData("I told them we'd drop to $92k", "If we drop to $92k, could you commit to a two-year term?")]
    [InlineData("we're extending their payment terms to net-60", "If we extend your payment terms to net-60, could you commit to a two-year term?")]
    [InlineData("we agreed to waive the fee", "If we waive the fee, could you commit to a two-year term?")]
    [InlineData("8% off list", "If we take 8% off list, could you commit to a two-year term?")]
    [InlineData("extend payment terms to net-60", "If we extend payment terms to net-60, could you commit to a two-year term?")]
    [InlineData("We're throwing in onboarding and waiving the setup fee", "If we throw in onboarding and waive the setup fee, could you commit to a two-year term?")]
    [InlineData("fast-track the security review", "If we fast-track the security review, could you commit to a two-year term?")]
    [InlineData("onboarding for free", "If we offer onboarding for free, could you commit to a two-year term?")]
    public async Task RephraseAsync_GiveWithNounPhraseAsk_WritesConditionalTrade(string give, string expected)
    {
        Assert.Equal(expected, await SentenceAsync(give, null, "two-year term"));
    }

    [Theory]
    [InlineData("sign by Friday", "sign by Friday")]
    [InlineData("they'll sign by Friday", "sign by Friday")]
    [InlineData("could you sign by Friday", "sign by Friday")]
    [InlineData("a case study", "agree to a case study")]
    [InlineData("introduce us to their CFO", "introduce us to your CFO")]
    [InlineData("prepay annually", "prepay annually")]
    [InlineData("multi-year commitment", "commit to a multi-year commitment")]
    [InlineData("500 seats", "commit to 500 seats")]
    [InlineData("named clinical lead from Northwind", "commit to a named clinical lead from Northwind")]
    public async Task RephraseAsync_Get_BecomesAskableVerbPhrase(string get, string expectedY)
    {
        Assert.Equal($"If we drop to $92k, could you {expectedY}?", await SentenceAsync("drop to $92k", get));
    }

    [Fact]
    public async Task RephraseAsync_GetAndAsks_PrefersGet()
    {
        Assert.Equal("If we drop to $92k, could you sign by Friday?", await SentenceAsync("drop to $92k", "sign by Friday", "two-year term"));
    }

    [Fact]
    public async Task RephraseAsync_TwoAsks_BundlesThem()
    {
        Assert.Equal(
            "If we drop to $92k, could you commit to a two-year term and sign by Friday?",
            await SentenceAsync("I told them we'd drop to $92k", null, "two-year term", "sign by Friday"));
    }

    [Fact]
    public async Task RephraseAsync_NoAsks_UsesGrammaticalGenericAsk()
    {
        Assert.Equal(
            "If we take 8% off list, could you commit to something of equal value (name what you want in return)?",
            await SentenceAsync("8% off list"));
    }

    [Fact]
    public async Task RephraseAsync_GiveWithAttachedCondition_AsksForThatCondition()
    {
        Assert.Equal("If we throw in premium support, could you sign for 3 years?", await SentenceAsync("we'll throw in premium support if they sign for 3 years"));
    }

    [Theory]
    [InlineData("if we drop to 90k could you sign by friday")]
    [InlineData("If we drop to 90k, could you sign by friday?")]
    public async Task RephraseAsync_AlreadyConditional_DoesNotRepeatWords(string give)
    {
        var sentence = await SentenceAsync(give);

        Assert.Equal("If we drop to 90k, could you sign by friday?", sentence);
    }

    [Theory]
    [InlineData("$92k", "$92k")]
    [InlineData("drop to $92K", "$92K")]
    [InlineData("we can do 8.5% off", "8.5%")]
    [InlineData("give them net 45", "net 45")]
    public async Task RephraseAsync_Amounts_KeptExactlyAsTyped(string give, string typed)
    {
        var sentence = await SentenceAsync(give, "sign by Friday");

        Assert.NotNull(sentence);
        Assert.Contains(typed, sentence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("they want 10%")]
    [InlineData("we did not give them anything")]
    [InlineData("we won't waive the fee")]
    [InlineData("we gave")]
    [InlineData("we fast-tracked the security review")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("🔥🔥🔥")]
    [InlineData("\u0000\u0001")]
    public async Task RephraseAsync_NoRecoverableGive_Refuses(string give)
    {
        var result = await _rephraser.RephraseAsync(new RephraseRequest(give, null, ["sign by Friday"]));

        Assert.False(result.Succeeded);
        Assert.Null(result.Sentence);
        Assert.False(string.IsNullOrWhiteSpace(result.RefusalReason));
    }

    [Fact]
    public async Task RephraseAsync_GiveOverLimit_Refuses()
    {
        var give = "we gave them " + string.Concat(Enumerable.Repeat("net-60 and ", 40));

        var result = await _rephraser.RephraseAsync(new RephraseRequest(give, null, []));

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task RephraseAsync_AskNotAskable_Refuses()
    {
        var result = await _rephraser.RephraseAsync(new RephraseRequest("drop to $92k", "<script>x</script>", []));

        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData("we we gave them net-60")]
    [InlineData("could you could you give net-60")]
    [InlineData("we'd we'd throw in onboarding")]
    public async Task RephraseAsync_StutteringInput_NeverWritesRepeatedFrame(string give)
    {
        var result = await _rephraser.RephraseAsync(new RephraseRequest(give, "could you sign by Friday", []));

        if (result.Sentence is { } sentence)
        {
            Assert.DoesNotContain("If we we", sentence, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("could you could you", sentence, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.NotNull(result.RefusalReason);
        }
    }
}
