namespace Negotiation.Bot.Tests.Cli;

/// <summary>The shipped samples replay cleanly, exercise every coaching rule, and end with a complete Align summary.</summary>
public class SampleTranscriptTests
{
    private static readonly string[] Rules = ["past_limit", "double_give", "larger_than_last", "too_early", "label_it"];

    public static TheoryData<string> Samples => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples"), "*.txt").Select(Path.GetFileName)!);

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    [Fact]
    public void Samples_AtLeastThreeShip() => Assert.True(Samples.Count >= 3, $"found {Samples.Count}");

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Replay_Sample_HasNoErrorsAndEndsWithTheAlignSummary(string sample)
    {
        var output = await ReplayCommandTests.ReplayJsonAsync(PathOf(sample));

        Assert.DoesNotContain(output, o => o.Kind == "error");
        var last = output[^1];
        Assert.Equal("align_summary", last.Kind);
        foreach (var section in new[] { "Final terms:", "Owners:", "Deadlines:", "Next steps:", "Trade ledger:", "Gives with nothing in return:", "Still missing an owner or a deadline:" })
        {
            Assert.Contains(section, last.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Replay_Sample_PromptsTradesAndRephrases(string sample)
    {
        var kinds = (await ReplayCommandTests.ReplayJsonAsync(PathOf(sample))).Select(o => o.Kind).ToHashSet();

        Assert.Contains("reciprocity_prompt", kinds);
        Assert.Contains("trade_logged", kinds);
        Assert.Contains("rephrase", kinds);
    }

    [Fact]
    public async Task Replay_SaasRenewal_FiresEveryRule()
    {
        var kinds = (await ReplayCommandTests.ReplayJsonAsync(PathOf("saas-renewal.txt"))).Select(o => o.Kind).ToHashSet();

        Assert.All(Rules, rule => Assert.Contains("warning:" + rule, kinds));
    }

    [Fact]
    public async Task Replay_AllSamples_TogetherFireEveryRuleMoreThanOnce()
    {
        var warnings = new List<string>();
        foreach (var sample in Samples)
        {
            warnings.AddRange((await ReplayCommandTests.ReplayJsonAsync(PathOf(sample))).Where(o => o.Kind.StartsWith("warning:", StringComparison.Ordinal)).Select(o => o.Kind));
        }

        Assert.All(Rules, rule => Assert.True(warnings.Count(w => w == "warning:" + rule) >= 2, rule));
    }

    [Fact]
    public async Task Replay_ServicesScope_PartneringNeverLectures()
    {
        var output = await ReplayCommandTests.ReplayJsonAsync(PathOf("services-scope.txt"));
        var warnings = output.Where(o => o.Kind.StartsWith("warning:", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.StartsWith("Worth noticing:", w.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_SaasRenewal_TradingSuggestsABundle()
    {
        var output = await ReplayCommandTests.ReplayJsonAsync(PathOf("saas-renewal.txt"));

        Assert.Contains(output, o => o.Kind == "reciprocity_prompt" && o.Text.Contains("could you commit to a three-year term and sign by Dec 15?", StringComparison.Ordinal));
    }
}
